import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPrepaidMeter, createPrepaidTariff } from '../../../../test/factories/prepaid.ts';
import { eventually } from '../../../../test/support/eventually.ts';
import { type ApiClient, startTestApp, type TestApp } from '../../../../test/support/test-app.ts';
import { type MomoSandbox, startMomoSandbox } from '../../../channels/momo/index.ts';
import { type AfricasTalkingSandbox, startAfricasTalkingSandbox } from '../../../channels/sms/index.ts';
import { fittedToGsm7, smsSegments } from '../../../core/notifications/index.ts';
import { momoEnv } from './prepaid-harness.ts';

// Security issue 61 item 4: a refund's reason is typed by staff and read by the customer, from the
// operator's sender id. It reaches the phone cut to the SMS's two parts and without any link.

const SECRET = 'refund-reason-secret-key-0123456789abcdef012345';
const LOCALES = ['en', 'hi', 'es', 'fr', 'rw'] as const;
let momo: MomoSandbox;
let at: AfricasTalkingSandbox;
let app: TestApp;
let owner: ApiClient;

beforeAll(async () => {
  momo = await startMomoSandbox({
    dropCallbacks: true,
    payerRules: [{ msisdnSuffix: '61', status: 'SUCCESSFUL' }],
  });
  at = await startAfricasTalkingSandbox();
  app = await startTestApp({
    env: { ...momoEnv(momo), ...at.appEnv(), AFRICASTALKING_SENDER_ID: 'KPOWER', OPSDESK_SECRET_KEY: SECRET },
  });
  await app.startWorker();
  await app.createStaff({ email: 'owner@example.com', role: 'owner' });
  owner = await app.signIn('owner@example.com');
  await createPrepaidTariff(app);
}, 60_000);
afterAll(async () => {
  await app?.close();
  await momo?.close();
  await at?.close();
});

/** A reason in the customer's language with links of every kind, as long as staff may type (500). */
const LINKED = 'https://refunds.example.com/r/61?x=1 www.example.org/help pay.example.com/back';
const SENTENCES: Record<(typeof LOCALES)[number], [string, string]> = {
  en: [`The meter number was typed wrong, details at ${LINKED}. `, 'We are sorry for the trouble. '],
  hi: [`मीटर नंबर गलत लिखा गया था, विवरण ${LINKED} पर। `, 'इस परेशानी के लिए हमें खेद है। '],
  es: [`El numero de medidor se escribio mal, detalles en ${LINKED}. `, 'Sentimos las molestias. '],
  fr: [`Le numero du compteur etait mal saisi, details sur ${LINKED}. `, 'Nous sommes desoles. '],
  rw: [`Nimero ya mubazi yanditswe nabi, reba ${LINKED}. `, 'Tubabajwe n’ikibazo bright.example.com/x. '],
};
const longestReason = (locale: (typeof LOCALES)[number]) => {
  const [first, filler] = SENTENCES[locale];
  let reason = first;
  while (reason.length < 500) reason += filler;
  return reason.slice(0, 500).trimEnd().padEnd(500, '.');
};
const LINK = /https?:|www\.|example\.(com|org)|:\/\//i;

/** The stored message of `template` to `to`: its body and data. */
const stored = async (template: string, to: string) =>
  eventually(
    async () =>
      (
        await app.database.pool.query<{ id: string; body: string; data: { reason: string } }>(
          'select id, body, data from notification where template = $1 and recipient = $2',
          [template, to],
        )
      ).rows[0],
    { what: `the ${template} message to ${to}` },
  );

/** A MoMo purchase paid by `phone` for a meter whose account speaks `locale`, then refunded with `reason`. */
async function refundedPurchase(locale: string, phone: string, reason: string) {
  const { meterId } = await createPrepaidMeter(app, {
    account: { channel: { name: 'email', to: `refund-${locale}@example.com` }, language: locale },
  });
  const sale = await owner.post('/api/prepaid/purchases', {
    meterId,
    method: 'momo',
    amount: { amountMinor: 1000, currency: 'RWF' },
    msisdn: phone,
  });
  expect(sale.statusCode).toBe(201);
  const paymentId = sale.json().paymentId as string;
  await eventually(
    async () => {
      await owner.post(`/api/payments/${paymentId}/check`);
      return (await owner.get(`/api/payments/${paymentId}`)).json().status === 'succeeded';
    },
    { what: 'the MoMo payment to succeed' },
  );
  const refund = await owner.post(`/api/prepaid/purchases/${sale.json().id}/refund`, {
    reason,
    tokenKeepsWorking: true,
    method: 'cash',
  });
  expect(refund.statusCode).toBe(200);
}

describe('a refund reason staff type, told to the customer', () => {
  for (const [i, locale] of LOCALES.entries())
    it(`reaches the phone in ${locale} within two SMS parts, cut with "…", with no link`, async () => {
      const phone = `+25078800${i}061`;
      const reason = longestReason(locale);
      expect(reason).toHaveLength(500);
      await refundedPurchase(locale, phone, reason);

      const sms = await stored('prepaid.refund_sms', phone);
      expect(sms.body).not.toMatch(LINK);
      expect(sms.data.reason).not.toMatch(LINK);
      // The reason is cut, not the template's words: its start stands, it ends with the mark.
      expect(sms.data.reason).toMatch(/…$/);
      expect(sms.body).toContain(sms.data.reason);
      expect(sms.data.reason.length).toBeGreaterThan(10);
      const fit = smsSegments(fittedToGsm7(sms.body));
      expect(fit).toMatchObject({ segments: 2, encoding: locale === 'hi' ? 'UCS-2' : 'GSM-7' });

      // What the network carried from the operator's sender id.
      const carried = await eventually(
        () => at.inbox(phone).find((s) => s.text.includes(sms.data.reason.slice(0, 20))),
        { what: `the refund SMS to ${phone}` },
      );
      expect(carried).toMatchObject({ from: 'KPOWER', segments: 2, encoding: fit.encoding });
      expect(carried.text).not.toMatch(LINK);
      // GSM-7 has no "…": the channel writes it "..." as it does every typographic look-alike.
      expect(carried.text).toContain(locale === 'hi' ? '…' : '...');

      // The account's e-mail carries the whole reason (it fits 1,000 characters), without the links.
      const mail = await stored('prepaid.refund', `refund-${locale}@example.com`);
      expect(mail.body).not.toMatch(LINK);
      expect([...mail.body].length).toBeLessThanOrEqual(1000);
      expect(mail.body).toContain(SENTENCES[locale][1].trim().replace(/\s*\S*example\.com\/x\./, ''));
    });
});
