import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { orgCtx } from '../../../../test/factories/org.ts';
import { createPrepaidMeter } from '../../../../test/factories/prepaid.ts';
import { eventually } from '../../../../test/support/eventually.ts';
import type { TestApp } from '../../../../test/support/test-app.ts';
import { postUssdScreen } from '../../../../test/support/ussd-screens.ts';
import type { AfricasTalkingSandbox } from '../../../channels/sms/index.ts';
import { ussdCallbackUrl } from '../../../channels/ussd/index.ts';
import type { Ctx } from '../../../core/context/index.ts';
import type { PrepaidTables } from '../prepaid.tables.ts';
import { type PrepaidSmsApp, startPrepaidSmsApp } from './prepaid-harness.ts';

// Issue 65: the USSD menu as people on real handsets meet it. Africa's Talking posts each screen as a
// form (sessionId, serviceCode, phoneNumber, networkCode, text: the session's inputs joined by '*')
// and shows the text/plain answer, `CON ` waiting for an input, `END ` closing the session.

const SECRET = 'ussd-handsets-secret-key-0123456789abcdef0123456';
let rig: PrepaidSmsApp;
let app: TestApp;
let at: AfricasTalkingSandbox;
let appUrl: string;
let ctx: Ctx;
let meter: string;

beforeAll(async () => {
  rig = await startPrepaidSmsApp({ secret: SECRET });
  ({ app, at, appUrl } = rig);
  ctx = await orgCtx(app);
  meter = (await createPrepaidMeter(app, { number: 'HANDSET-0001' })).number;
}, 120_000);
afterAll(() => rig?.close());

/** One screen of a session, as Africa's Talking posts it; answers the text/plain screen. */
async function dial(phone: string, session: string, inputs: string[]) {
  const res = await postUssdScreen(await ussdCallbackUrl(ctx, SECRET, appUrl), {
    sessionId: session,
    serviceCode: '*384*12345#',
    phoneNumber: phone,
    inputs,
  });
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toMatch(/^text\/plain/);
  return res.text();
}

/** A whole session, screen by screen, as the person types each input. */
async function session(phone: string, id: string, inputs: string[]) {
  const screens = [await dial(phone, id, [])];
  for (let i = 1; i <= inputs.length; i++) screens.push(await dial(phone, id, inputs.slice(0, i)));
  return screens;
}

const purchasesOf = async (phone: string) =>
  ctx.db
    .withTables<PrepaidTables>()
    .selectFrom('prepaid_purchase')
    .select(['amount_minor'])
    .where('payer_msisdn', '=', phone)
    .execute();

const MENU = 'Electricity\n1. Buy\n2. My last token\n3. My balance\n4. Language';
const NAV = '0 Back 00 Home';

describe('USSD on every handset', () => {
  it('writes French screens with plain spaces and the letters a handset shows: the accents GSM-7 has, no ç or ’', async () => {
    const phone = '+250788650001';
    const screens = await session(phone, 'ATUid_fr1', ['4', '2', '1', meter, '9000']);
    // The language is set; the menu and the quote in French, amounts grouped by plain spaces.
    const quote = screens.at(-1)!;
    expect(quote).toMatch(/^CON 90,0 kWh pour 9 000 RWF\nÉnergie 9 000 RWF/);
    for (const s of screens) {
      expect(s).not.toMatch(/[\u00A0\u202F\u2019ç]/);
      expect(s.length - 4).toBeLessThanOrEqual(182);
    }
  });

  it("speaks the account's language from the first screen, and its token SMS too", async () => {
    const owner = '+250788650002';
    const own = await createPrepaidMeter(app, {
      number: 'HANDSET-RW',
      account: { phone: owner, language: 'rw' },
    });
    const screens = await session(owner, 'ATUid_rw1', ['1', '1', '1000', '1']);
    expect(screens[0]).toBe('CON Umuriro\n1. Gura\n2. Tokeni yanjye iheruka\n3. Umuriro usigaye\n4. Ururimi');
    expect(screens[1]).toBe(`CON Mubazi ${own.number}\n1. Yigurire\n2. Indi mubazi\n0 Subira 00 Ahabanza`);
    expect(screens[4]).toMatch(/^END Emeza RWF 1\.000 kuri telefoni yawe/);
    const [sms] = await eventually(() => at.inbox(owner).length > 0 && at.inbox(owner), {
      what: 'the token SMS',
    });
    expect(sms!.text).toMatch(/^Mubazi HANDSET-RW\n/);
    // A language the person picks on USSD speaks from then on, over the account's.
    await session(owner, 'ATUid_rw2', ['4', '1']);
    expect((await session(owner, 'ATUid_rw3', []))[0]).toBe(`CON ${MENU}`);
  });

  it('says an invalid choice and shows the same screen again', async () => {
    const phone = '+250788650003';
    const screens = await session(phone, 'ATUid_bad1', ['9', '1', meter, '500', '7']);
    expect(screens[1]).toBe(`CON Invalid choice.\n${MENU}`);
    expect(screens[2]).toBe(`CON Enter your meter number\n${NAV}`);
    const quote = screens[4]!.slice('CON '.length);
    expect(screens[5]).toBe(`CON Invalid choice.\n${quote}`);
    // The language list: a digit that names no language.
    const [, , list] = await session(phone, 'ATUid_bad2', ['4', '8']);
    expect(list).toBe(
      `CON Invalid choice.\n1. English\n2. Francais\n3. Ikinyarwanda\n4. Espanol\n5. Hindi\n${NAV}`,
    );
    expect(await purchasesOf(phone)).toEqual([]);
  });

  it('goes back with 0 and home with 00 on every screen', async () => {
    const phone = '+250788650004';
    const screens = await session(phone, 'ATUid_nav1', ['1', meter, '800', '0', '0', '0', '1', '00']);
    const askMeter = `CON Enter your meter number\n${NAV}`;
    const askAmount = `CON Meter ${meter}\nAmount to pay in RWF\n${NAV}`;
    expect(screens[1]).toBe(askMeter);
    expect(screens[2]).toBe(askAmount);
    expect(screens[3]).toMatch(/^CON 8\.0 kWh for RWF 800\n/);
    expect(screens[4]).toBe(askAmount); // 0 on the quote
    expect(screens[5]).toBe(askMeter); // 0 on the amount
    expect(screens[6]).toBe(`CON ${MENU}`); // 0 on the meter
    expect(screens[7]).toBe(askMeter);
    expect(screens[8]).toBe(`CON ${MENU}`); // 00 home
    const [, , , , home] = await session(phone, 'ATUid_nav2', ['1', meter, '800', '00']);
    expect(home).toBe(`CON ${MENU}`);
    expect(await purchasesOf(phone)).toEqual([]);
  });

  it("binds a session id to its phone: another phone with it never sees the first one's screens", async () => {
    const first = '+250788650005';
    const other = '+250788650006';
    await session(first, 'ATUid_shared', ['1', meter]);
    // The gateway hands the same session id to another phone: its own session from the menu.
    expect(await dial(other, 'ATUid_shared', [])).toBe(`CON ${MENU}`);
    expect(await dial(other, 'ATUid_shared', ['1'])).toBe(`CON Enter your meter number\n${NAV}`);
    expect(await dial(other, 'ATUid_shared', ['1', 'HANDSET-NONE'])).toBe(
      `CON No active meter HANDSET-NONE.\nEnter your meter number\n${NAV}`,
    );
  });

  it('offers only an amount one token carries, and that amount is paid', async () => {
    const phone = '+250788650007';
    const screens = await session(phone, 'ATUid_max', ['1', meter, '5000000']);
    const most = screens[3]!.match(/^CON One token carries at most RWF ([\d,]+)\. Enter a smaller amount\n/);
    expect(most, screens[3]).not.toBeNull();
    expect(screens[3]).toContain(`Meter ${meter}\nAmount to pay in RWF\n${NAV}`);
    const amount = most![1]!.replace(/,/g, '');
    const paid = await session(phone, 'ATUid_max2', ['1', meter, amount, '1']);
    expect(paid[4]).toMatch(/^END Approve RWF [\d,]+ on your phone/);
    expect((await purchasesOf(phone)).map((p) => Number(p.amount_minor))).toEqual([Number(amount)]);
  });

  it('says the amounts a sale takes, from the least that buys units to the most a token carries, and takes both ends (issue 66)', async () => {
    const phone = '+250788650008';
    // Was "Enter the amount in digits, like 1000": an example the tariff may not sell.
    const screens = await session(phone, 'ATUid_range', ['1', meter, '5']);
    const range = screens[3]!.match(/^CON Enter an amount in digits, from RWF ([\d,]+) to RWF ([\d,]+)\n/);
    expect(range, screens[3]).not.toBeNull();
    const [least, most] = [range![1]!, range![2]!].map((a) => a.replace(/,/g, ''));
    expect(Number(least)).toBeGreaterThan(5);
    expect((await session(phone, 'ATUid_range_word', ['1', meter, 'lots']))[3]).toBe(screens[3]);
    // Each end is quoted and paid (a phone of its own each: a phone that bought remembers its meter).
    for (const [buyer, amount] of [
      ['+250788650018', least!],
      ['+250788650028', most!],
    ] as const) {
      const paid = await session(buyer, `ATUid_range${amount}`, ['1', meter, amount, '1']);
      expect(paid[4]).toMatch(/^END Approve RWF [\d,]+ on your phone/);
      expect((await purchasesOf(buyer)).map((p) => Number(p.amount_minor))).toEqual([Number(amount)]);
    }
  });
});
