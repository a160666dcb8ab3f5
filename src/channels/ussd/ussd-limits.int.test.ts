import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOrg } from '../../../test/factories/org.ts';
import { signedInStaff } from '../../../test/factories/staff.ts';
import { startTestApp, type TestApp } from '../../../test/support/test-app.ts';
import { shiftableClock } from '../../../test/support/test-clock.ts';

// Issue 61 item 6: USSD screens are limited per phone and per gateway address (new sessions and all
// screens), each organization counted apart; past a limit, or for a text no person could type, the
// person reads an END screen and no step of the flow runs.

const clock = shiftableClock();
let app: TestApp;
let url: string;

beforeAll(async () => {
  app = await startTestApp({
    clock,
    env: {
      USSD_SCREENS_PER_PHONE_PER_MINUTE: '4',
      USSD_SESSIONS_PER_ADDRESS_PER_MINUTE: '3',
      USSD_SCREENS_PER_ADDRESS_PER_MINUTE: '8',
      // Under load a screen may outlast the gateway's 4 s; the limits, not the deadline, are tested here.
      USSD_ANSWER_DEADLINE_MS: '15000',
    },
  });
  url = await callbackUrlOf('default');
}, 60_000);
afterAll(async () => {
  await app?.close();
});

/** The organization's USSD callback URL, as its owner reads it. */
async function callbackUrlOf(org: string): Promise<string> {
  const owner = await signedInStaff(app, { org, role: 'owner' });
  return (await owner.get('/api/ussd/setup')).json().callbackUrl;
}

/** One screen as Africa's Talking posts it from `address`: status and text/plain answer. */
async function dial(
  screen: { phone: string; session: string; text?: string; address: string },
  to = url,
  body?: string,
) {
  const res = await app.http.inject({
    method: 'POST',
    url: to,
    remoteAddress: screen.address,
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    payload:
      body ??
      new URLSearchParams({
        sessionId: screen.session,
        serviceCode: '*384*61#',
        phoneNumber: screen.phone,
        networkCode: '63510',
        text: screen.text ?? '',
      }).toString(),
  });
  return { status: res.statusCode, text: res.body };
}

/** The screens of a session the conversation engine took in (a step ran for each). */
async function stepsOf(session: string): Promise<number> {
  const { rows } = await app.database.pool.query<{ n: number }>(
    `select count(*)::int as n from conversation_message
      where channel = 'ussd' and direction = 'in' and channel_message_id like $1`,
    [`${session}:%`],
  );
  return rows[0]!.n;
}

const LIMITED = 'END Too many tries in a short time. Please dial again in a minute.';

describe('USSD limits', () => {
  it('answers END to a phone past its screens a minute, whatever address it comes through, until the minute is over', async () => {
    const phone = '+250788620001';
    const answers = [];
    for (let i = 0; i < 4; i++)
      answers.push(await dial({ phone, session: `ATUid_p${i}`, address: `10.1.0.${i + 1}` }));
    expect(answers.map((a) => a.status)).toEqual([200, 200, 200, 200]);
    expect(answers.every((a) => /^CON Electricity/.test(a.text))).toBe(true);

    expect(await dial({ phone, session: 'ATUid_p4', address: '10.1.0.9' })).toEqual({
      status: 200,
      text: LIMITED,
    });
    expect(await stepsOf('ATUid_p4')).toBe(0);
    // Another phone through the same address is served.
    expect((await dial({ phone: '+250788620002', session: 'ATUid_q0', address: '10.1.0.9' })).text).toMatch(
      /^CON Electricity/,
    );

    clock.advance(60_000);
    expect((await dial({ phone, session: 'ATUid_p5', address: '10.1.0.9' })).text).toMatch(
      /^CON Electricity/,
    );
    expect(await stepsOf('ATUid_p5')).toBe(1);
  });

  it('answers END to new sessions from one gateway address past its limit, and lets running sessions go on', async () => {
    clock.advance(60_000);
    const address = '10.2.0.1';
    const phone = (i: number) => `+25078863000${i}`;
    for (let i = 0; i < 3; i++)
      expect((await dial({ phone: phone(i), session: `ATUid_s${i}`, address })).text).toMatch(
        /^CON Electricity/,
      );
    expect(await dial({ phone: phone(3), session: 'ATUid_s3', address })).toEqual({
      status: 200,
      text: LIMITED,
    });
    expect(await stepsOf('ATUid_s3')).toBe(0);
    // A session already running answers its next screen; another address opens new ones.
    expect((await dial({ phone: phone(0), session: 'ATUid_s0', text: '3', address })).text).toMatch(/^END /);
    expect(await stepsOf('ATUid_s0')).toBe(2);
    expect((await dial({ phone: phone(4), session: 'ATUid_s4', address: '10.2.0.2' })).text).toMatch(
      /^CON Electricity/,
    );
    // Each organization's screens are counted apart: the same gateway address opens another's session.
    const other = await createOrg(app, { currency: 'RWF' });
    expect(
      (await dial({ phone: phone(5), session: 'ATUid_s5', address }, await callbackUrlOf(other.slug))).text,
    ).toMatch(/^CON Electricity/);
  });

  it('answers END to any screen from one gateway address past its screens a minute', async () => {
    clock.advance(60_000);
    const address = '10.3.0.1';
    const screens = [];
    // Two new sessions, then their next screens (each phone under its own limit).
    for (let i = 0; i < 8; i++) {
      const n = i % 2;
      screens.push(
        await dial({ phone: `+25078864000${n}`, session: `ATUid_a${n}`, text: i < 2 ? '' : '3', address }),
      );
    }
    expect(screens.every((s) => s.status === 200 && !s.text.startsWith('END Too many'))).toBe(true);
    expect(await dial({ phone: '+250788640009', session: 'ATUid_a9', text: '3', address })).toEqual({
      status: 200,
      text: LIMITED,
    });
    expect(await stepsOf('ATUid_a9')).toBe(0);
  });

  it('answers END without running a step for a text longer than a person types, and for a body far too large', async () => {
    clock.advance(60_000);
    const tooLong = 'END That answer is too long. Please dial again.';
    const long = {
      phone: '+250788650001',
      session: 'ATUid_long',
      text: `1*${'9'.repeat(600)}`,
      address: '10.4.0.1',
    };
    expect(await dial(long)).toEqual({ status: 200, text: tooLong });
    const huge = new URLSearchParams({
      sessionId: 'ATUid_huge',
      phoneNumber: '+250788650002',
      text: '1*'.repeat(50_000),
    }).toString();
    expect(await dial({ ...long, address: '10.4.0.2' }, url, huge)).toEqual({ status: 200, text: tooLong });
    expect(await stepsOf('ATUid_long')).toBe(0);
    expect(await stepsOf('ATUid_huge')).toBe(0);
    // Without the organization's key a large body is refused like any other.
    const wrong = `${url.slice(0, url.lastIndexOf('/'))}/${'x'.repeat(32)}`;
    const refused = await dial({ ...long, address: '10.4.0.3' }, wrong, huge);
    expect(refused.status).toBe(403);
  });
});
