import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createKigaliFair } from '../../../../test/factories/exhibition.ts';
import { eventually } from '../../../../test/support/eventually.ts';
import { type ApiClient, startTestApp, type TestApp } from '../../../../test/support/test-app.ts';
import { type AfricasTalkingSandbox, startAfricasTalkingSandbox } from '../../../channels/sms/index.ts';

/*
 * Issue 65: the desk registers a visitor with a phone or an e-mail. One without an e-mail gets the
 * code and a link to the badge by SMS (through the outbox, to the Africa's Talking stand-in); one
 * with neither is refused naming both fields; a bad e-mail no longer hides a bad phone.
 */
let at: AfricasTalkingSandbox;
let app: TestApp;
let desk: ApiClient;
let exhibitionId: string;

beforeAll(async () => {
  at = await startAfricasTalkingSandbox();
  app = await startTestApp({ env: { ...at.appEnv(), OPSDESK_PUBLIC_URL: 'https://expo.example.rw' } });
  await app.startWorker();
  ({ desk, exhibitionId } = await createKigaliFair(app));
}, 60_000);
afterAll(async () => {
  await app?.close();
  await at?.close();
});

const register = (body: Record<string, unknown>) =>
  desk.post('/api/exhibition/customers', { exhibitionId, name: 'Aline Uwase', ...body });

describe('a visitor registered with a phone only (issue 65)', () => {
  it('is registered, and the code and the badge link reach the phone by SMS', async () => {
    const res = await register({ phone: '0788 000 111', language: 'es' });
    expect(res.statusCode, res.body).toBe(201);
    const customer = res.json();
    expect(customer).toMatchObject({ email: '', phone: '+250788000111', welcomeDeliverable: true });
    const code = `${customer.code.slice(0, 4)}-${customer.code.slice(4)}`;
    const [text] = await eventually(() => at.inbox('+250788000111').length > 0 && at.inbox('+250788000111'), {
      what: 'the welcome SMS on the phone',
    });
    expect(text!.text).toContain('Kigali Trade Fair');
    expect(text!.text).toContain(code);
    expect(text!.text).toContain('Credencial');
    expect(text!.encoding).toBe('GSM-7');
    expect(text!.segments).toBeLessThanOrEqual(2);
    const link = /https:\/\/expo\.example\.rw(\/public\/exhibition\/badge\/\S+)/.exec(text!.text)?.[1];
    expect(link, text!.text).toContain(customer.id);
    // The link opens the badge without signing in; a link with another pass does not.
    const badge = await app.anonymous().get(link!);
    expect(badge.statusCode, badge.body).toBe(200);
    expect(badge.headers['content-type']).toBe('application/pdf');
    expect(badge.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    const forged = await app.anonymous().get(link!.replace(/\.[0-9a-f]{20}$/, '.aaaaaaaaaaaaaaaaaaaa'));
    expect(forged.statusCode).toBe(422);
    // The desk and the welcome progress read the text's delivery state like an e-mail's.
    const read = await eventually(
      async () => {
        const c = (await desk.get(`/api/exhibition/customers/${customer.id}`)).json();
        return c.emailStatus === 'sent' && c;
      },
      { what: 'the welcome SMS sent' },
    );
    expect(read.welcomeNotificationId).toBe(customer.welcomeNotificationId);
    // Their record lists the text with its parts and what the network charged (no delivery
    // report here: the stand-in has no callback URL in this test).
    const [message] = await eventually(
      async () => {
        const { items } = (await desk.get(`/api/exhibition/customers/${customer.id}/messages`)).json();
        return items[0]?.sms && items;
      },
      { what: 'the text on the customer record' },
    );
    expect(message).toMatchObject({
      channel: 'sms',
      to: '+250788000111',
      template: 'exhibition.welcome_sms',
      status: 'sent',
      sms: { encoding: 'GSM-7', segments: text!.segments, network: 'accepted' },
    });
    expect(message.sms.cost.text).toMatch(/\d/);
  });

  it('registers a second visitor by phone alone: a blank e-mail is no duplicate, the same phone is', async () => {
    const other = await register({ name: 'Eric Habimana', phone: '0788 000 112' });
    expect(other.statusCode, other.body).toBe(201);
    const same = await register({ name: 'Aline U.', phone: '+250788000111' });
    expect(same.statusCode).toBe(409);
    expect(same.json().details).toMatchObject({ matches: ['phone'] });
  });

  it('refuses a visitor with neither a phone nor an e-mail, naming both fields', async () => {
    const res = await register({ email: '  ', phone: '' });
    expect(res.statusCode).toBe(400);
    const problem = res.json();
    expect(problem.code).toBe('validation_failed');
    expect(problem.errors).toEqual([
      expect.objectContaining({ field: 'body.email', code: 'phone_or_email_required' }),
      expect.objectContaining({ field: 'body.phone', code: 'phone_or_email_required' }),
    ]);
    expect((await register({})).json().errors.map((e: { field: string }) => e.field)).toEqual([
      'body.email',
      'body.phone',
    ]);
  });

  it('names a bad e-mail and a bad phone at once, each with what was expected', async () => {
    const res = await register({ email: 'al', phone: '12' });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors).toEqual([
      expect.objectContaining({ field: 'body.email', code: 'invalid_email' }),
      expect.objectContaining({ field: 'body.phone', code: 'invalid_phone', expected: '0720 123 456' }),
    ]);
  });

  it('with an e-mail too, sends the welcome by e-mail as before and no SMS', async () => {
    const res = await register({ email: 'both@visitor.rw', phone: '+250 788 000 222' });
    expect(res.statusCode, res.body).toBe(201);
    const { rows } = await app.database.pool.query<{ channel: string }>(
      'select channel from notification where id = $1',
      [res.json().welcomeNotificationId],
    );
    expect(rows.map((r) => r.channel)).toEqual(['email']);
    expect(at.inbox('+250788000222')).toEqual([]);
    const messages = (await desk.get(`/api/exhibition/customers/${res.json().id}/messages`)).json();
    expect(messages).toMatchObject({
      items: [{ channel: 'email', to: 'both@visitor.rw', sms: null }],
      total: 1,
    });
  });
});
