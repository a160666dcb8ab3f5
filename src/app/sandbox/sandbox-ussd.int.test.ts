import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createPrepaidMeter, createPrepaidTariff } from '../../../test/factories/prepaid.ts';
import { eventually } from '../../../test/support/eventually.ts';
import { type ApiClient, startTestApp, type TestApp } from '../../../test/support/test-app.ts';
import type { SandboxRuntime } from './sandbox.area.ts';

/*
 * The console's USSD handset (issue 65: "there is no USSD simulator in the console, a new user must
 * use curl"): a sandbox phone dials the organization's service code and the sandbox's Africa's Talking
 * gateway posts each screen to the organization's real USSD callback, in the gateway's form, and shows
 * the answer as a phone does: `CON` waits for a reply, `END` closes the session.
 */
vi.setConfig({ testTimeout: 60_000 });

let app: TestApp;
let admin: ApiClient;
let ops: ApiClient;
let otherOwner: ApiClient;
let meter: string;

interface Session {
  sessionId: string;
  phoneNumber: string;
  serviceCode: string;
  screen: string;
  cut: boolean;
  encoding: string;
  status: 'open' | 'ended';
  endedBy: string | null;
  text: string;
}

beforeAll(async () => {
  app = await startTestApp({ env: { OPSDESK_SANDBOX: 'true' } });
  await app.http.listen({ host: '127.0.0.1', port: 0 });
  await app.startWorker();
  await createPrepaidTariff(app);
  meter = (await createPrepaidMeter(app, { number: 'HANDSET-01' })).number;
  await app.createStaff({ email: 'admin@example.com', role: 'admin' });
  await app.createStaff({ email: 'ops@example.com', role: 'ops' });
  admin = await app.signIn('admin@example.com');
  ops = await app.signIn('ops@example.com');
  await app.createOrg('elsewhere', 'owner@elsewhere.example');
  otherOwner = await app.signIn('owner@elsewhere.example', undefined, 'elsewhere');
}, 180_000);
afterAll(async () => {
  await app?.close();
});

const gateway = () => (app.runtimeOf('sandbox') as SandboxRuntime).ussd;

async function dial(phoneNumber: string, client = admin): Promise<Session> {
  const res = await client.post('/api/sandbox/ussd/sessions', { phoneNumber, serviceCode: '*384*12345#' });
  expect(res.statusCode, res.body).toBe(201);
  return res.json();
}
async function send(session: Session, input: string): Promise<Session> {
  const res = await admin.post(`/api/sandbox/ussd/sessions/${session.sessionId}/replies`, { input });
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
}

describe('the sandbox handset on Africa’s Talking’s USSD gateway', () => {
  it('dials the menu: the first screen from the real callback, a fresh session id each dial', async () => {
    const posted = gateway().posts.length;
    const first = await dial('+250 788 600 001');
    expect(first).toMatchObject({
      phoneNumber: '+250788600001',
      serviceCode: '*384*12345#',
      screen: 'Electricity\n1. Buy\n2. My last token\n3. My balance\n4. Language',
      status: 'open',
      endedBy: null,
      encoding: 'GSM-7',
      cut: false,
    });
    expect(first.sessionId).toMatch(/^ATUid_[0-9a-f]{32}$/);
    // What the gateway posted, to the organization's own callback URL (its slug and key).
    const [post] = gateway().posts.slice(posted);
    expect(post!.url).toMatch(/\/webhooks\/ussd\/africastalking\/default\/[^/]+$/);
    expect(post!.form).toEqual({
      sessionId: first.sessionId,
      serviceCode: '*384*12345#',
      phoneNumber: '+250788600001',
      networkCode: '63510',
      text: '',
    });
    const again = await dial('+250788600001');
    expect(again.sessionId).not.toBe(first.sessionId);
    expect(again.screen).toBe(first.screen);
  });

  it('buys a token through the menu to END, which closes the session; the token SMS reaches the phone', async () => {
    const phone = '+250788600002';
    let session = await dial(phone);
    session = await send(session, '1');
    expect(session.screen).toBe('Enter your meter number\n0 Back 00 Home');
    session = await send(session, meter);
    session = await send(session, '1000');
    expect(session.screen).toContain('10.0 kWh for RWF 1,000');
    expect(session.text).toBe(`1*${meter}*1000`);
    session = await send(session, '1');
    expect(session).toMatchObject({
      screen: 'Approve RWF 1,000 on your phone. Your token comes by SMS.',
      status: 'ended',
      endedBy: 'service',
      text: `1*${meter}*1000*1`,
    });
    // An ended session takes no more replies, as a phone whose screen closed.
    const late = await admin.post(`/api/sandbox/ussd/sessions/${session.sessionId}/replies`, { input: '1' });
    expect(late.statusCode).toBe(409);

    // MoMo asks the same phone to pay; the payer approves on the sandbox phone.
    const request = await eventually(
      async () =>
        (
          (await admin.get('/api/sandbox/phone')).json().items as {
            provider: string;
            reference: string;
            payer: string;
            status: string;
          }[]
        ).find((r) => r.payer.endsWith('250788600002') && r.status === 'pending'),
      { what: 'the MoMo request to the handset’s number', timeoutMs: 20_000 },
    );
    const approved = await admin.post(`/api/sandbox/phone/${request.provider}/${request.reference}/approve`);
    expect(approved.statusCode, approved.body).toBe(204);
    const sms = await eventually(
      async () =>
        ((await admin.get('/api/sandbox/sms')).json().items as { to: string; text: string }[]).find(
          (s) => s.to === phone,
        ),
      { what: 'the token SMS on the sandbox phone', timeoutMs: 30_000 },
    );
    expect(sms.text).toMatch(new RegExp(`^Meter ${meter}\\nToken [\\d ]+\\n10\\.0 kWh, paid RWF 1,000$`));
  });

  it('cancels a session as the phone’s Cancel key does: nothing is posted, no reply is taken', async () => {
    const session = await dial('+250788600003');
    const posted = gateway().posts.length;
    const cancelled = await admin.post(`/api/sandbox/ussd/sessions/${session.sessionId}/cancel`);
    expect(cancelled.json()).toMatchObject({ status: 'ended', endedBy: 'cancelled' });
    expect(gateway().posts.length).toBe(posted);
    const late = await admin.post(`/api/sandbox/ussd/sessions/${session.sessionId}/replies`, { input: '1' });
    expect(late.statusCode).toBe(409);
  });

  it('is for owners and admins, shows each organization its own sessions, and names a bad field', async () => {
    // The menu shows any number's last token: the ops role answers payments but does not dial.
    const refused = await ops.post('/api/sandbox/ussd/sessions', {
      phoneNumber: '+250788600004',
      serviceCode: '*384*12345#',
    });
    expect(refused.statusCode).toBe(403);
    const session = await dial('+250788600004');
    const foreign = await otherOwner.post(`/api/sandbox/ussd/sessions/${session.sessionId}/replies`, {
      input: '1',
    });
    expect(foreign.statusCode).toBe(404);
    const refusedField = async (body: object) => {
      const bad = await admin.post('/api/sandbox/ussd/sessions', body);
      expect(bad.statusCode).toBe(400);
      expect(bad.headers['content-type']).toMatch(/^application\/problem\+json/);
      return (bad.json().errors as { field: string; code: string }[]).map((f) => `${f.field} ${f.code}`);
    };
    expect(await refusedField({ phoneNumber: '0788', serviceCode: '*384*12345#' })).toEqual([
      'body.phoneNumber invalid_phone',
    ]);
    expect(await refusedField({ phoneNumber: '+250788600004', serviceCode: '384' })).toEqual([
      'body.serviceCode invalid_format',
    ]);
    expect((await admin.get('/api/sandbox/ussd')).json()).toEqual({ serviceCode: '*384*12345#' });
  });
});
