import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../../../platform/clock/index.ts';
import { createHeldReplies, createLoopbackApp, listenOnLoopback } from '../../../platform/loopback/index.ts';
import { createAfricasTalkingUssdGateway, USSD_SCREEN_CHARACTERS } from './africastalking-ussd-sandbox.ts';

/*
 * The sandbox's Africa's Talking USSD gateway against a service on 127.0.0.1 that answers what a
 * test tells it: the form it posts, and what a handset shows of each answer (issue 65's handset).
 */
const { app, requests } = createLoopbackApp();
const held = createHeldReplies();
/** What the service answers next, by the session's text: a body, a status, or no answer at all. */
let answer: (text: string) => { status?: number; body?: string; hold?: true } = () => ({ body: 'END' });
app.post('/ussd', async (req, reply) => {
  const next = answer((req.body as Record<string, string>).text ?? '');
  if (next.hold) return held.hold(reply);
  return reply
    .status(next.status ?? 200)
    .type('text/plain')
    .send(next.body ?? '');
});
let callbackUrl = '';
beforeAll(async () => {
  callbackUrl = `${await listenOnLoopback(app)}/ussd`;
});
afterAll(async () => {
  held.releaseAll();
  await app.close();
});

const clock = fixedClock('2026-11-27T08:00:00Z');
const gateway = createAfricasTalkingUssdGateway({ clock, answerTimeoutMs: 300 });
const dial = (phoneNumber = '+250788000111') =>
  gateway.dial({ callbackUrl, phoneNumber, serviceCode: '*384*12345#', owner: 'org-a' });

describe('the sandbox’s Africa’s Talking USSD gateway', () => {
  it('posts each screen in the gateway’s form, the inputs joined by *, and END closes the session', async () => {
    answer = (text) => (text === '1*42' ? { body: 'END Thank you' } : { body: `CON You typed [${text}]` });
    const posted = requests.length;
    let session = await dial();
    expect(session).toMatchObject({ screen: 'You typed []', status: 'open', endedBy: null, text: '' });
    session = await gateway.reply(session, '1');
    session = await gateway.reply(session, '42');
    expect(session).toMatchObject({ screen: 'Thank you', status: 'ended', endedBy: 'service', text: '1*42' });
    const forms = requests.slice(posted).map((r) => r.body);
    expect(forms).toEqual(
      ['', '1', '1*42'].map((text) => ({
        sessionId: session.sessionId,
        serviceCode: '*384*12345#',
        phoneNumber: '+250788000111',
        networkCode: '63510',
        text,
      })),
    );
    // A closed session posts nothing more.
    expect(await gateway.reply(session, '1')).toEqual(session);
    expect(requests.length).toBe(posted + 3);
    expect((await dial()).sessionId).not.toBe(session.sessionId);
  });

  it('cuts a screen past what a handset shows, and flags characters outside GSM-7', async () => {
    answer = () => ({ body: `CON ${'x'.repeat(USSD_SCREEN_CHARACTERS + 10)}` });
    expect(await dial()).toMatchObject({ screen: 'x'.repeat(USSD_SCREEN_CHARACTERS), cut: true });
    answer = () => ({ body: 'CON 10.0 kWh for RWF\u00a01,000' });
    expect(await dial()).toMatchObject({ cut: false, encoding: 'UCS-2' });
    answer = () => ({ body: 'CON Électricité à payer' });
    expect(await dial()).toMatchObject({ encoding: 'GSM-7' });
  });

  it('drops a session whose answer has no CON or END, is not 200, or does not come in time', async () => {
    answer = () => ({ body: 'Welcome' });
    expect(await dial()).toMatchObject({ status: 'ended', endedBy: 'bad_answer', screen: '' });
    answer = () => ({ status: 500, body: 'CON Oops' });
    expect(await dial()).toMatchObject({ status: 'ended', endedBy: 'bad_answer' });
    answer = () => ({ hold: true });
    expect(await dial()).toMatchObject({ status: 'ended', endedBy: 'no_answer' });
  });

  it('ends a session left idle past the network’s limit without asking the service, and one the person cancels', async () => {
    answer = () => ({ body: 'CON Menu' });
    const idle = await dial();
    clock.advance(181_000);
    const posted = requests.length;
    expect(await gateway.reply(idle, '1')).toMatchObject({ status: 'ended', endedBy: 'idle' });
    const cancelled = gateway.cancel(await dial());
    expect(cancelled).toMatchObject({ status: 'ended', endedBy: 'cancelled', screen: 'Menu' });
    expect(requests.length).toBe(posted + 1);
    expect(gateway.session(cancelled.sessionId)).toEqual(cancelled);
  });
});
