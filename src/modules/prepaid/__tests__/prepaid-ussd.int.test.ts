import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOrg, orgCtx } from '../../../../test/factories/org.ts';
import { createPrepaidMeter, createPrepaidTariff } from '../../../../test/factories/prepaid.ts';
import { eventually } from '../../../../test/support/eventually.ts';
import type { TestApp } from '../../../../test/support/test-app.ts';
import { postUssdScreen } from '../../../../test/support/ussd-screens.ts';
import type { AfricasTalkingSandbox } from '../../../channels/sms/index.ts';
import { ussdCallbackUrl } from '../../../channels/ussd/index.ts';
import type { Ctx } from '../../../core/context/index.ts';
import type { PrepaidTables } from '../prepaid.tables.ts';
import { type PrepaidSmsApp, startPrepaidSmsApp } from './prepaid-harness.ts';

// Buying electricity from a feature phone (issue 52): the USSD menu on the conversation engine,
// MoMo asking the same phone to pay, and the token coming back by SMS in one part.

const SECRET = 'ussd-test-secret-key-0123456789abcdef012345678';
let rig: PrepaidSmsApp;
let app: TestApp;
let at: AfricasTalkingSandbox;
let appUrl: string;
let ctx: Ctx;
let meterNumber: string;

beforeAll(async () => {
  rig = await startPrepaidSmsApp({
    secret: SECRET,
    payerRules: [
      { msisdnSuffix: '001', status: 'SUCCESSFUL' },
      { msisdnSuffix: '002', status: 'SUCCESSFUL' },
      { msisdnSuffix: '009', status: 'FAILED', reason: 'NOT_ENOUGH_FUNDS' },
      { msisdnSuffix: '031', status: 'SUCCESSFUL' },
    ],
  });
  ({ app, at, appUrl } = rig);
  ctx = await orgCtx(app);
  meterNumber = (await createPrepaidMeter(app, { number: 'USSD-0001' })).number;
}, 120_000);
afterAll(() => rig?.close());

/** The organization's USSD callback URL: its slug and its own key, as `GET /api/ussd/setup` shows it. */
const callbackUrlOf = async (org: string) => ussdCallbackUrl(await orgCtx(app, org), SECRET, appUrl);

/** One screen of a session, as Africa's Talking posts it; answers the text/plain screen. */
async function dial(phone: string, session: string, inputs: string[], org = 'default') {
  const res = await postUssdScreen(await callbackUrlOf(org), {
    sessionId: session,
    serviceCode: '*384*12345#',
    phoneNumber: phone,
    inputs,
  });
  expect(res.headers.get('content-type')).toMatch(/^text\/plain/);
  return res.text();
}

/** A whole session, screen by screen, as the person types each input. */
async function session(phone: string, id: string, inputs: string[], org = 'default') {
  const screens = [await dial(phone, id, [], org)];
  for (let i = 1; i <= inputs.length; i++) screens.push(await dial(phone, id, inputs.slice(0, i), org));
  return screens;
}

const tokenOf = async (phone: string) =>
  ctx.db
    .withTables<PrepaidTables>()
    .selectFrom('prepaid_token as t')
    .innerJoin('prepaid_purchase as p', 'p.id', 't.purchase_id')
    .select(['t.token', 'p.source', 'p.method'])
    .where('p.payer_msisdn', '=', phone)
    .execute();

describe('buying electricity by USSD', () => {
  it('from the first screen to the token SMS: meter, amount, the quote, MoMo on the same phone', async () => {
    const phone = '+250788500001';
    const screens = await session(phone, 'ATUid_buy1', ['1', meterNumber, '1000', '1']);
    expect(screens[0]).toBe('CON Electricity\n1. Buy\n2. My last token\n3. My balance\n4. Language');
    expect(screens[1]).toBe('CON Enter your meter number\n0 Back 00 Home');
    expect(screens[2]).toBe(`CON Meter ${meterNumber}\nAmount to pay in RWF\n0 Back 00 Home`);
    expect(screens[3]).toBe(
      'CON 10.0 kWh for RWF 1,000\nEnergy RWF 1,000, fee RWF 0, VAT RWF 0\n1. MTN MoMo\n2. Airtel\n0 Back 00 Home',
    );
    expect(screens[4]).toBe('END Approve RWF 1,000 on your phone. Your token comes by SMS.');
    const [sms] = await eventually(() => at.inbox(phone).length > 0 && at.inbox(phone), {
      what: 'the token SMS',
    });
    const [token] = await eventually(async () => (await tokenOf(phone)).length > 0 && tokenOf(phone), {
      what: 'the token',
    });
    expect(token).toMatchObject({ source: 'chat', method: 'momo' });
    const grouped = token!.token.match(token!.token.length % 3 === 0 ? /.{1,3}/g : /.{1,4}/g)!.join(' ');
    expect(sms!.text).toBe(`Meter ${meterNumber}\nToken ${grouped}\n10.0 kWh, paid RWF 1,000`);
    expect(sms).toMatchObject({ segments: 1, encoding: 'GSM-7' });
  });

  it('remembers the meter for the phone, and tells its last token and balance', async () => {
    const phone = '+250788500001';
    const again = await session(phone, 'ATUid_buy2', ['1']);
    expect(again[1]).toBe(`CON Meter ${meterNumber}\n1. Buy for it\n2. Another meter\n0 Back 00 Home`);
    const [, last] = await session(phone, 'ATUid_last', ['2']);
    expect(last).toMatch(new RegExp(`^END Meter ${meterNumber}\\nToken [\\d ]+\\n10\\.0 kWh, RWF\\s?1,000$`));
    const [, balance] = await session(phone, 'ATUid_balance', ['3']);
    expect(balance).toMatch(
      new RegExp(`^END Meter ${meterNumber}: about 10\\.0 kWh left \\(our estimate\\)`),
    );
  });

  it('answers a screen the gateway sends again with the same screen, and pays once', async () => {
    const phone = '+250788500002';
    const inputs = ['1', meterNumber, '700', '1'];
    const screens = await session(phone, 'ATUid_retry', inputs);
    expect(screens[4]).toMatch(/^END Approve RWF\s?700/);
    // Africa's Talking posts the last screen again (its answer was lost on the way back).
    expect(await dial(phone, 'ATUid_retry', inputs)).toBe(screens[4]);
    const purchases = await ctx.db
      .withTables<PrepaidTables>()
      .selectFrom('prepaid_purchase')
      .select(['id', 'amount_minor'])
      .where('payer_msisdn', '=', phone)
      .execute();
    expect(purchases.map((p) => Number(p.amount_minor))).toEqual([700]);
  });

  it('speaks French and Kinyarwanda once chosen, and keeps the choice for the next session', async () => {
    const phone = '+250788500002';
    const [, languages, french] = await session(phone, 'ATUid_lang', ['4', '2']);
    expect(languages).toBe(
      'CON 1. English\n2. Francais\n3. Ikinyarwanda\n4. Espanol\n5. Hindi\n0 Back 00 Home',
    );
    expect(french).toMatch(/Électricité\n1\. Acheter/);
    const [menu] = await session(phone, 'ATUid_lang2', []);
    expect(menu).toMatch(/^CON Électricité/);
    const [, , kinyarwanda] = await session(phone, 'ATUid_lang3', ['4', '3']);
    expect(kinyarwanda).toMatch(/Umuriro\n1\. Gura/);
  });

  it('tells the phone by SMS when the payment did not go through', async () => {
    const phone = '+250788500009';
    await session(phone, 'ATUid_fail', ['1', meterNumber, '500', '1']);
    const [sms] = await eventually(() => at.inbox(phone).length > 0 && at.inbox(phone), { what: 'the SMS' });
    expect(sms!.text).toMatch(
      /^Your payment of RWF\s?500 for meter USSD-0001 did not go through and no money was taken\./,
    );
    expect(await tokenOf(phone)).toEqual([]);
  });

  it("runs in the organization its path names: another's meters, tokens and phones are not seen", async () => {
    const north = await createOrg(app, {
      slug: 'north-power',
      currency: 'RWF',
      languages: ['en', 'fr', 'rw'],
    });
    await createPrepaidTariff(app, { org: north.slug });
    const own = await createPrepaidMeter(app, { org: north.slug, number: 'NORTH-0001' });
    // The phone that bought for USSD-0001 in the default organization is a stranger here.
    const phone = '+250788500001';
    const screens = await session(phone, 'ATUid_north1', ['1', meterNumber, own.number], north.slug);
    expect(screens[1]).toBe('CON Enter your meter number\n0 Back 00 Home');
    expect(screens[2]).toBe(`CON No active meter ${meterNumber}.\nEnter your meter number\n0 Back 00 Home`);
    expect(screens[3]).toBe(`CON Meter ${own.number}\nAmount to pay in RWF\n0 Back 00 Home`);
    // That session was left on the amount screen (the person hung up): the next starts at the menu.
    const [, last] = await session(phone, 'ATUid_north2', ['2'], north.slug);
    expect(last).toBe('END No token was bought from this phone yet.');
    const [, balance] = await session(phone, 'ATUid_north3', ['3'], north.slug);
    expect(balance).toBe('END No meter is known for this phone. Buy once to remember it.');
  });

  it("offers a token the network could not deliver on the person's next channel: the owner's phone", async () => {
    const owner = '+250788500777';
    const payer = '+250788500031';
    const { number } = await createPrepaidMeter(app, { number: 'USSD-0031', account: { phone: owner } });
    at.failDeliveryTo('500031', 'AbsentSubscriber');
    await session(payer, 'ATUid_fallback', ['1', number, '900', '1']);
    const smsId = await eventually(
      async () =>
        (
          await app.database.pool.query<{ id: string }>(
            `select id from notification where template = 'prepaid.token_sms' and recipient = $1`,
            [payer],
          )
        ).rows[0]?.id,
      { what: 'the token SMS queued' },
    );
    // Africa's Talking reports it Failed: the message is dead with the network's reason.
    await eventually(
      async () =>
        (await app.database.pool.query('select status from notification where id = $1', [smsId])).rows[0]
          ?.status === 'failed',
      { what: 'the token SMS reported undelivered' },
    );
    // The report itself offers the token elsewhere: no job looks at the SMS later.
    const [sms] = await eventually(() => at.inbox(owner).length > 0 && at.inbox(owner), {
      what: 'the SMS to the owner',
    });
    expect(sms!.text).toMatch(/^Meter USSD-0031\nToken [\d ]+\n9\.0 kWh, paid RWF\s?900$/);
    // Africa's Talking retrying its callback changes nothing: the owner's text is the one message.
    const { rows: sent } = await app.database.pool.query<{ provider_message_id: string }>(
      'select provider_message_id from notification_attempt where notification_id = $1 and provider_message_id is not null',
      [smsId],
    );
    expect(await at.reportAgain(sent[0]!.provider_message_id)).toBeLessThan(300);
    const { rows: owners } = await app.database.pool.query(
      `select 1 from notification where template = 'prepaid.token_sms' and recipient = $1`,
      [owner],
    );
    expect(owners).toHaveLength(1);
    expect(at.inbox(owner)).toHaveLength(1);
    const { rows: jobs } = await app.database.pool.query(
      `select 1 from pgboss.job where name like 'prepaid.token-sms%'`,
    );
    expect(jobs).toEqual([]);
    const { rows: audit } = await app.database.pool.query(
      `select meta from audit_event where action = 'prepaid.token.sms_undelivered'`,
    );
    expect(audit.at(-1)?.meta).toMatchObject({ notificationId: smsId, offeredElsewhere: true });
  });

  it("refuses a callback without the organization's key, and answers END for an unknown phone form", async () => {
    const res = await fetch(`${appUrl}/webhooks/ussd/africastalking/default/${'x'.repeat(32)}`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'sessionId=1&phoneNumber=%2B250788500003&text=',
    });
    expect(res.status).toBe(403);
    expect(await dial('nobody', 'ATUid_bad', [])).toMatch(/^END /);
  });
});
