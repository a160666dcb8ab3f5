import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createExhibition,
  createKigaliFair,
  exhibitionRuntime,
} from '../../../../test/factories/exhibition.ts';
import { createOrg, orgCtx } from '../../../../test/factories/org.ts';
import { signedInStaff } from '../../../../test/factories/staff.ts';
import { eventually } from '../../../../test/support/eventually.ts';
import { pdfUnicodeTextRuns } from '../../../../test/support/pdf-text.ts';
import { type ApiClient, startTestApp, type TestApp } from '../../../../test/support/test-app.ts';
import { type AfricasTalkingSandbox, startAfricasTalkingSandbox } from '../../../channels/sms/index.ts';
import { signCustomerPass } from '../customer-pass.ts';

/*
 * Issue 65: a customer without e-mail asks for their statement; it goes by SMS (through the outbox, to
 * the Africa's Talking stand-in) with its sums and a link that opens the PDF without signing in.
 */
let at: AfricasTalkingSandbox;
let app: TestApp;
let desk: ApiClient;
let kigali: string;
let exhibitionId: string;
let boothId: string;

beforeAll(async () => {
  at = await startAfricasTalkingSandbox();
  app = await startTestApp({ env: { ...at.appEnv(), OPSDESK_PUBLIC_URL: 'https://expo.example.rw' } });
  await app.startWorker();
  const fair = await createKigaliFair(app, ['Coffee corner', 'Basket weavers']);
  ({ org: kigali, desk, exhibitionId } = fair);
  boothId = fair.booths[0]!.id;
}, 60_000);
afterAll(async () => {
  await app?.close();
  await at?.close();
});

const register = async (body: Record<string, unknown>) => {
  const res = await desk.post('/api/exhibition/customers', { exhibitionId, ...body });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { id: string; code: string };
};
const textStatement = (id: string, key?: string, client = desk) =>
  client.post(
    `/api/exhibition/customers/${id}/statement/sms`,
    undefined,
    key ? { 'idempotency-key': key } : {},
  );
const statementTexts = (phone: string) => at.inbox(phone).filter((s) => s.text.includes('/statement/'));

describe('the statement by SMS, on request (issue 65)', () => {
  it('texts a phone-only customer their sums and a link that opens the PDF without signing in, once per key', async () => {
    const customer = await register({ name: 'Aline Uwase', phone: '0788 000 411', language: 'fr' });
    const code = `${customer.code.slice(0, 4)}-${customer.code.slice(4)}`;
    for (const [booth, amountMinor, description] of [
      [boothId, 12_500, 'Café du Rwanda'],
      [boothId, 3_000, 'Panier tressé'],
    ] as const) {
      const bill = await desk.post(`/api/exhibition/customers/${customer.id}/bills`, {
        boothId: booth,
        amountMinor,
        description,
        confirmed: true,
      });
      expect(bill.statusCode, bill.body).toBe(201);
    }

    const asked = await textStatement(customer.id, 'statement-sms-411');
    expect(asked.statusCode, asked.body).toBe(202);
    // The answer was lost and the desk asks again with the same key: the same text, not a second one.
    const again = await textStatement(customer.id, 'statement-sms-411');
    expect(again.json()).toEqual(asked.json());

    const [text] = await eventually(
      () => statementTexts('+250788000411').length > 0 && statementTexts('+250788000411'),
      { what: 'the statement SMS on the phone' },
    );
    // In French, amounts with plain spaces (no no-break ones), in GSM-7 within three parts.
    expect(text!.text).toContain(`Kigali Trade Fair: relevé du code ${code}. Achats: 2.`);
    expect(text!.text).toContain('Total 15 500 RWF, payé 0 RWF, rendu 0 RWF, payé net 0 RWF.');
    expect(text!.text).not.toMatch(/[\u00A0\u202F]/);
    expect(text!.encoding).toBe('GSM-7');
    expect(text!.segments).toBeLessThanOrEqual(3);
    const link = /https:\/\/expo\.example\.rw(\/public\/exhibition\/statement\/\S+)/.exec(text!.text)?.[1];
    expect(link, text!.text).toContain(customer.id);

    // The link opens the statement without signing in: the same PDF as the console's, both bills.
    const pdf = await app.anonymous().get(link!);
    expect(pdf.statusCode, pdf.body).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    const printed = pdfUnicodeTextRuns(pdf.rawPayload).join('\n');
    expect(printed).toContain('Café du Rwanda');
    expect(printed).toContain('Panier tressé');
    expect(printed).toContain('Aline Uwase');

    // One text in the outbox, its link sealed there (a bearer link to the customer's statement).
    const { rows } = await app.database.pool.query<{ n: number; data: string }>(
      "select count(*)::int as n, max(data::text) as data from notification where template = 'exhibition.statement_sms' and recipient = $1",
      ['+250788000411'],
    );
    expect(rows[0]!.n).toBe(1);
    expect(rows[0]!.data).not.toContain(link!);
    expect(statementTexts('+250788000411')).toHaveLength(1);
    const audited = await app.database.pool.query<{ action: string }>(
      "select action from audit_event where subject_id = $1 and action like 'exhibition.statement.%'",
      [customer.id],
    );
    expect(audited.rows.map((r) => r.action)).toEqual(['exhibition.statement.texted']);

    // A wrong hash, and the link after the customer's pass was re-issued, open nothing.
    const forged = await app.anonymous().get(link!.replace(/\.[0-9a-f]{20}$/, '.aaaaaaaaaaaaaaaaaaaa'));
    expect(forged.statusCode).toBe(404);
    await signCustomerPass(await orgCtx(app, kigali), {
      secretKey: exhibitionRuntime(app).secretKey,
      customerId: customer.id,
      reissue: true,
    });
    const revoked = await app.anonymous().get(link!);
    expect(revoked.statusCode).toBe(404);
    expect(revoked.json().code).toBe('exhibition.statement_link_invalid');
  });

  it('refuses a customer without a phone with 422 naming the reason, and queues nothing', async () => {
    const customer = await register({ name: 'Mail Only', email: 'mail.only@visitor.rw' });
    const texts = async () =>
      (
        await app.database.pool.query<{ n: number }>(
          "select count(*)::int as n from notification where template = 'exhibition.statement_sms'",
        )
      ).rows[0]!.n;
    const before = await texts();
    const res = await textStatement(customer.id);
    expect(res.statusCode).toBe(422);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.json()).toMatchObject({ code: 'exhibition.customer_no_phone' });
    expect(res.json().detail ?? res.json().title).toMatch(/phone/i);
    expect(await texts()).toBe(before);
  });

  it("answers 404 for another organization's customer", async () => {
    const other = await createOrg(app, { currency: 'RWF', timeZone: 'Africa/Kigali' });
    const otherDesk = await signedInStaff(app, { role: 'ops', org: other.slug });
    const theirs = await createExhibition(app, { org: other.slug, name: 'Huye Fair', currency: 'RWF' });
    const res = await otherDesk.post('/api/exhibition/customers', {
      exhibitionId: theirs.exhibition.id,
      name: 'Eric Habimana',
      phone: '0788 000 412',
    });
    expect(res.statusCode, res.body).toBe(201);
    const refused = await textStatement(res.json().id);
    expect(refused.statusCode).toBe(404);
    expect(refused.json().code).toBe('exhibition.customer_not_found');
    expect(statementTexts('+250788000412')).toEqual([]);
  });
});
