import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { orgCtx } from '../../../../test/factories/org.ts';
import { createPrepaidTariff, signInToPortal } from '../../../../test/factories/prepaid.ts';
import { pdfTextRuns } from '../../../../test/support/pdf-text.ts';
import { startTestApp, type TestApp } from '../../../../test/support/test-app.ts';
import { createAccount } from '../accounts.ts';
import { createMeter } from '../meters.ts';
import type { PrepaidRuntime } from '../prepaid.runtime.ts';
import { startPurchase } from '../purchases.ts';

/*
 * Issue 54, item 8: the portal's sign-in code and its statement PDF came in Kinyarwanda whatever the
 * portal was read in (the account's language). They follow the portal's language now: the one the
 * sign-in names, else the request's Accept-Language, else the account's.
 */
let app: TestApp;
const PHONE = '+250788300111';
const base = '/api/prepaid/portal/default';

/** The sign-in codes' messages to `to`, oldest first: their language and subject. */
async function codeMessages(to: string) {
  const { rows } = await app.database.pool.query<{ locale: string; subject: string }>(
    `select locale, subject from notification where template = 'prepaid.portal_code' and recipient = $1 order by created_at, seq`,
    [to],
  );
  return rows;
}

beforeAll(async () => {
  app = await startTestApp();
  const ctx = await orgCtx(app);
  await createPrepaidTariff(app);
  const account = await createAccount(ctx, {
    kind: 'household',
    name: 'Mukamana household',
    phone: PHONE,
    language: 'rw',
    channel: { name: 'email', to: 'mukamana@example.com' },
  });
  const meter = await createMeter(ctx, app.config.OPSDESK_SECRET_KEY, {
    accountId: account.id,
    number: 'LANG-1',
  });
  await startPurchase(ctx, app.runtimeOf('prepaid') as PrepaidRuntime, {
    meterId: meter.id,
    method: 'cash',
    amountMinor: 1481,
    currency: 'RWF',
  });
}, 120_000);
afterAll(() => app?.close());

describe('the portal’s own messages in the language it is read in (issue 54, item 8)', () => {
  it('sends the sign-in code in the portal’s language, else the browser’s, else the account’s', async () => {
    const signIn = (body: Record<string, unknown>, headers: Record<string, string> = {}) =>
      app.anonymous().post(`${base}/sign-in`, { phone: PHONE, meterNumber: 'LANG-1', ...body }, headers);
    expect((await signIn({ language: 'fr' }, { 'accept-language': 'rw' })).statusCode).toBe(202);
    expect((await signIn({}, { 'accept-language': 'es-ES,es;q=0.9,en;q=0.5' })).statusCode).toBe(202);
    expect((await signIn({}, { 'accept-language': 'de-DE' })).statusCode).toBe(202);
    expect(await codeMessages('mukamana@example.com')).toEqual([
      { locale: 'fr', subject: 'Votre code de connexion' },
      { locale: 'es', subject: 'Su código de acceso' },
      { locale: 'rw', subject: 'Kode yawe yo kwinjira' },
    ]);
  });

  it('writes the statement PDF in the portal’s language, with its digits', async () => {
    const { session } = await signInToPortal(app, {
      phone: PHONE,
      meterNumber: 'LANG-1',
      codeTo: 'mukamana@example.com',
    });
    const month = new Date().toISOString().slice(0, 7);
    const statement = async (language: string) => {
      const res = await app.http.inject({
        method: 'GET',
        url: `${base}/statement?month=${month}`,
        headers: { 'x-portal-session': session, 'accept-language': language },
      });
      expect(res.statusCode, res.body).toBe(200);
      return pdfTextRuns(res.rawPayload).join(' ').replace(/\s+/g, ' ');
    };
    const french = await statement('fr');
    for (const word of ['Relevé d’électricité', 'Compteur LANG-1', 'Espèces', '14,8 kWh'])
      expect(french, word).toContain(word);
    expect(french).not.toContain('Raporo');
    const english = await statement('en-GB');
    expect(english).toContain('Electricity statement');
    expect(english).toContain('14.8 kWh');
    // The portal in Kinyarwanda (or a browser that names none of its languages): the account's.
    expect(await statement('de')).toContain('Raporo y’amashanyarazi');
  });
});
