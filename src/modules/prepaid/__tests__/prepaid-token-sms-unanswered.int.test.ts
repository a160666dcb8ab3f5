import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { orgCtx } from '../../../../test/factories/org.ts';
import { createPrepaidMeter } from '../../../../test/factories/prepaid.ts';
import { eventually } from '../../../../test/support/eventually.ts';
import type { TestApp } from '../../../../test/support/test-app.ts';
import { postUssdScreen } from '../../../../test/support/ussd-screens.ts';
import type { AfricasTalkingSandbox } from '../../../channels/sms/index.ts';
import { ussdCallbackUrl } from '../../../channels/ussd/index.ts';
import { type PrepaidSmsApp, startPrepaidSmsApp } from './prepaid-harness.ts';

// Issue 65, by the SMS channel's rule in core (issue 75): a token SMS whose send answer was lost waits
// for Africa's Talking's report; with none in the window it never left, and the outbox sends it to the
// payer once more. When that second send never leaves either, the text is lost, and prepaid offers the
// token on the account owner's phone, once.

const SECRET = 'unanswered-sms-secret-key-0123456789abcdef0123';
let rig: PrepaidSmsApp;
let app: TestApp;
let at: AfricasTalkingSandbox;
let appUrl: string;

beforeAll(async () => {
  rig = await startPrepaidSmsApp({
    secret: SECRET,
    env: {
      // A hanging Africa's Talking is given up after 1 s, and its report awaited 1 s.
      OPSDESK_OUTSIDE_CALL_TIMEOUTS: 'sms=1000',
      SMS_REPORT_WAIT_SECONDS: '1',
    },
  });
  ({ app, at, appUrl } = rig);
}, 120_000);
// On PostgreSQL the app's shutdown after this file takes ~70 s (found at the stop, cause not yet
// found: the job queue's graceful stop waits out its 30 s twice), past the 60 s a hook may take.
afterAll(() => rig?.close());

/** A USSD purchase to the MoMo prompt, as Africa's Talking posts its screens. */
async function buy(phone: string, session: string, meter: string) {
  const url = await ussdCallbackUrl(await orgCtx(app), SECRET, appUrl);
  const inputs = ['1', meter, '700', '1'];
  for (let i = 0; i <= inputs.length; i++) {
    const res = await postUssdScreen(url, {
      sessionId: session,
      serviceCode: '*384*65#',
      phoneNumber: phone,
      inputs: inputs.slice(0, i),
    });
    expect(res.status).toBe(200);
  }
}

const tokenTexts = async (phone: string) =>
  (
    await app.database.pool.query<{ status: string; key: string }>(
      `select status, idempotency_key as key from notification
       where template = 'prepaid.token_sms' and recipient = $1 order by seq`,
      [phone],
    )
  ).rows;

describe('a token SMS whose send answer was lost', () => {
  it("goes to the payer once more when it never left, then to the owner's phone when that never left either", async () => {
    const owner = '+250788651777';
    const payer = '+250788651001';
    const { number } = await createPrepaidMeter(app, { number: 'UNANS-0001', account: { phone: owner } });
    // Africa's Talking hangs on the text and on the one sent again, carrying neither.
    at.answerNext('hold', 2);
    await buy(payer, 'ATUid_unanswered1', number);
    const [sms] = await eventually(() => at.inbox(owner).length > 0 && at.inbox(owner), {
      what: "the token on the owner's phone",
      timeoutMs: 60_000,
    });
    expect(sms!.text).toMatch(/^Meter UNANS-0001\nToken [\d ]+\n7\.0 kWh, paid RWF\s?700$/);
    // The one text to the payer is dead, said why; the phone got nothing; two sends reached the API.
    const texts = await tokenTexts(payer);
    expect(texts.map((t) => [t.status, t.key.split(':').slice(2).join(':')])).toEqual([['failed', '']]);
    expect(at.inbox(payer)).toEqual([]);
    expect(at.requests.filter((r) => (r.body as { to?: string }).to === payer)).toHaveLength(2);
    const { rows: audit } = await app.database.pool.query<{ action: string }>(
      `select action from audit_event where action like 'prepaid.token.sms_%' order by id`,
    );
    expect(audit.map((a) => a.action)).toEqual(['prepaid.token.sms_undelivered']);
    expect(await tokenTexts(owner)).toHaveLength(1);
    expect(at.inbox(owner)).toHaveLength(1);
  });
});
