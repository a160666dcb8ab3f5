import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../../src/platform/clock/index.ts';
import { startTestApp, TEST_PASSWORD, type TestApp } from '../support/test-app.ts';

/**
 * Failed sign-ins lock one account for one client (`req.ip`), for a time that doubles with every
 * further failure; a stranger guessing from elsewhere cannot lock the owner out.
 */
let app: TestApp;
const clock = fixedClock('2026-11-22T10:00:00Z');
const ATTACKER = '203.0.113.9';
const OWNER_PC = '198.51.100.7';
const WRONG = 'wrong-password-x';

beforeAll(async () => {
  app = await startTestApp({
    clock,
    env: { OPSDESK_LOGIN_MAX_FAILURES: '3', OPSDESK_LOGIN_LOCK_MINUTES: '15' },
  });
  for (const email of ['owner@example.com', 'grows@example.com', 'same@example.com', 'race@example.com'])
    await app.createStaff({ email, role: 'owner' });
});
afterAll(() => app.close());

const attempt = (from: string, email: string, password: string) =>
  app.anonymous({ remoteAddress: from }).post('/api/auth/login', { email, password });

async function failTimes(n: number, from: string, email: string) {
  for (let i = 0; i < n; i++) expect((await attempt(from, email, WRONG)).statusCode).toBe(401);
}

describe('sign-in lock per account and client', () => {
  it('locks the guessing client out but lets the owner sign in from another address', async () => {
    await failTimes(3, ATTACKER, 'owner@example.com');
    const attacker = await attempt(ATTACKER, 'owner@example.com', TEST_PASSWORD);
    expect(attacker.statusCode).toBe(429);
    expect(attacker.json().code).toBe('auth.login_locked');
    expect((await attempt(OWNER_PC, 'owner@example.com', TEST_PASSWORD)).statusCode).toBe(200);
    // The owner's success does not lift the attacker's lock.
    expect((await attempt(ATTACKER, 'owner@example.com', TEST_PASSWORD)).statusCode).toBe(429);
  });

  it('refuses the same client for longer after each further failure, and forgets on success', async () => {
    const waits: number[] = [];
    await failTimes(3, ATTACKER, 'grows@example.com');
    for (let round = 0; round < 3; round++) {
      const locked = await attempt(ATTACKER, 'grows@example.com', WRONG);
      expect(locked.statusCode).toBe(429);
      const seconds = locked.json().details.retryAfterSeconds as number;
      waits.push(seconds / 60);
      clock.advance(seconds * 1000);
      expect((await attempt(ATTACKER, 'grows@example.com', WRONG)).statusCode).toBe(401);
    }
    expect(waits).toEqual([15, 30, 60]);
    const longer = await attempt(ATTACKER, 'grows@example.com', TEST_PASSWORD);
    expect(longer.json().details.retryAfterSeconds).toBe(120 * 60);
    clock.advance(120 * 60_000);
    expect((await attempt(ATTACKER, 'grows@example.com', TEST_PASSWORD)).statusCode).toBe(200);
    // A success starts the count afresh: one more mistake is only a mistake.
    await failTimes(1, ATTACKER, 'grows@example.com');
    expect((await attempt(ATTACKER, 'grows@example.com', TEST_PASSWORD)).statusCode).toBe(200);
  });

  it('answers a locked attempt alike for a right password, a wrong one and an unknown e-mail', async () => {
    await failTimes(3, ATTACKER, 'same@example.com');
    await failTimes(3, ATTACKER, 'nobody-here@example.com');
    const answers = [
      await attempt(ATTACKER, 'same@example.com', TEST_PASSWORD),
      await attempt(ATTACKER, 'same@example.com', WRONG),
      await attempt(ATTACKER, 'nobody-here@example.com', WRONG),
    ];
    const shape = (res: (typeof answers)[number]) => {
      const { requestId: _r, instance: _i, ...rest } = res.json();
      return { status: res.statusCode, ...rest };
    };
    expect(answers.map(shape)).toEqual([shape(answers[0]!), shape(answers[0]!), shape(answers[0]!)]);
    expect(answers[0]!.statusCode).toBe(429);
  });

  it('counts parallel guesses one by one: no more than the limit get a password checked', async () => {
    const answers = await Promise.all(
      Array.from({ length: 8 }, () => attempt(ATTACKER, 'race@example.com', WRONG)),
    );
    const codes = answers.map((a) => a.statusCode).sort();
    expect(codes).toEqual([401, 401, 401, 429, 429, 429, 429, 429]);
  });
});
