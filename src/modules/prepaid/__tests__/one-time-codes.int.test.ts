import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { orgCtx } from '../../../../test/factories/org.ts';
import { portalCodesSentTo } from '../../../../test/support/outbox-secrets.ts';
import { startTestApp, type TestApp } from '../../../../test/support/test-app.ts';
import { type Ctx, inTransaction } from '../../../core/context/index.ts';
import { checkOneTimeCode, issueOneTimeCode } from '../portal/one-time-codes.ts';
import { CODE_MAX_ATTEMPTS, CODES_PER_HOUR } from '../portal/portal.rules.ts';
import type { PrepaidRuntime } from '../prepaid.runtime.ts';

/*
 * The one-time code pair the portal's sign-in and sign-up share: a code stored hashed and sent,
 * CODES_PER_HOUR an hour; guesses counted against the newest live code, CODE_MAX_ATTEMPTS of them.
 */
let app: TestApp;
let ctx: Ctx;
let rt: PrepaidRuntime;

beforeAll(async () => {
  app = await startTestApp();
  ctx = await orgCtx(app);
  rt = app.runtimeOf('prepaid') as PrepaidRuntime;
}, 120_000);
afterAll(() => app?.close());

const issue = (phone: string, email: string) =>
  inTransaction(ctx, (tx) =>
    issueOneTimeCode(tx, rt, {
      table: 'prepaid_signup',
      counted: { phone },
      row: { name: 'Keza', phone, meter_number: 'M-1', channel: 'email', channel_to: email },
      to: { channel: 'email', address: email, meter: 'M-1', locale: 'en' },
      idempotencyPrefix: 'test.code',
    }),
  );
const check = (phone: string, code: string) =>
  inTransaction(ctx, (tx) => checkOneTimeCode(tx, rt, { table: 'prepaid_signup', whose: { phone }, code }));
const wrong = (code: string) => String((Number(code) + 1) % 1_000_000).padStart(6, '0');

describe('one-time codes', () => {
  it('sends each code it stores, and refuses one more once CODES_PER_HOUR were sent this hour', async () => {
    const issued: Array<string | null> = [];
    for (let i = 0; i <= CODES_PER_HOUR; i++) issued.push(await issue('+250788100001', 'a@example.com'));
    expect(issued.filter(Boolean)).toHaveLength(CODES_PER_HOUR);
    expect(issued.at(-1)).toBeNull();
    expect(await portalCodesSentTo(app, 'a@example.com')).toHaveLength(CODES_PER_HOUR);
  });

  it('answers the newest code when it is guessed right, and an older one never', async () => {
    await issue('+250788100002', 'b@example.com');
    const newest = await issue('+250788100002', 'b@example.com');
    const [older, latest] = await portalCodesSentTo(app, 'b@example.com');
    if (older !== latest) expect(await check('+250788100002', older!)).toBeNull();
    expect(await check('+250788100002', ` ${latest} `)).toBe(newest);
  });

  it('counts wrong guesses, and after CODE_MAX_ATTEMPTS the right code no longer works', async () => {
    await issue('+250788100003', 'c@example.com');
    const [code] = await portalCodesSentTo(app, 'c@example.com');
    for (let i = 0; i < CODE_MAX_ATTEMPTS; i++) expect(await check('+250788100003', wrong(code!))).toBeNull();
    expect(await check('+250788100003', code!)).toBeNull();
  });
});
