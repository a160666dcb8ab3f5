import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { eventually } from '../support/eventually.ts';
import { type ApiClient, startTestApp, type TestApp } from '../support/test-app.ts';

/*
 * "On its way" only when a message is queued to a channel that can deliver it (issue 27). Here the
 * server has no SMTP relay and no WhatsApp or Telegram: every screen must say the message cannot
 * be delivered, and the outbox records it as undeliverable instead of retrying for nothing. The
 * same requests in the sandbox (which plays SMTP, WhatsApp and Telegram) say it is on its way.
 */
vi.setConfig({ hookTimeout: 180_000, testTimeout: 60_000 });

/** An app of its own for each describe, with an owner and a running worker. */
function appFor(env: Record<string, string>): () => TestApp {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp({ env });
    await app.createStaff({ email: 'owner@example.com', role: 'owner' });
    await app.startWorker();
  });
  afterAll(async () => {
    await app?.close();
  });
  return () => app;
}

async function registerCustomer(owner: ApiClient) {
  const exhibition = await owner.post('/api/exhibition/exhibitions', {
    name: 'Spring Fair',
    currency: 'USD',
    startsOn: '2026-04-01',
    endsOn: '2026-04-03',
  });
  expect(exhibition.statusCode, exhibition.body).toBe(201);
  const res = await owner.post('/api/exhibition/customers', {
    exhibitionId: exhibition.json().id,
    name: 'Ana Gomez',
    email: 'ana@example.com',
    phone: '+34600111222',
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { welcomeDeliverable: boolean; welcomeNotificationId: string };
}

async function portalAccount(owner: ApiClient, channel: { name: string; to: string }) {
  const account = await owner.post('/api/prepaid/accounts', {
    kind: 'household',
    name: 'Uwase household',
    phone: '+250788000111',
    channel,
  });
  expect(account.statusCode, account.body).toBe(201);
  const meter = await owner.post('/api/prepaid/meters', { accountId: account.json().id, number: 'KGL-0001' });
  expect(meter.statusCode, meter.body).toBe(201);
}

describe('a server that cannot send e-mail', () => {
  const app = appFor({});
  it('tells the desk the welcome e-mail cannot be sent, and records it undeliverable, not failed', async () => {
    const owner = await app().signIn('owner@example.com');
    const customer = await registerCustomer(owner);
    expect(customer.welcomeDeliverable).toBe(false);
    const welcome = await eventually(async () => {
      const n = (await owner.get(`/api/notifications/${customer.welcomeNotificationId}`)).json();
      return n.status === 'queued' || n.status === 'sending' ? undefined : n;
    });
    expect(welcome).toMatchObject({ status: 'undeliverable', attempts: 1 });
    expect(welcome.lastError).toMatch(/^channel_not_configured: SMTP_URL is not configured/);
  });

  it('tells the portal which ways a code cannot go, the same for a stranger as for a customer', async () => {
    const owner = await app().signIn('owner@example.com');
    await portalAccount(owner, { name: 'email', to: 'uwase@example.com' });
    const ask = (phone: string) =>
      app().anonymous().post('/api/prepaid/portal/default/sign-in', { phone, meterNumber: 'KGL-0001' });
    const customer = await ask('+250788000111');
    const stranger = await ask('+250788000999');
    expect(customer.statusCode).toBe(202);
    expect(customer.json()).toEqual({ sent: true, undeliverable: ['email', 'telegram', 'whatsapp', 'sms'] });
    expect(stranger.json()).toEqual(customer.json());
  });

  it('refuses a sign-up whose code would go where nothing can send it, and queues nothing', async () => {
    const res = await app().anonymous().post('/api/prepaid/portal/default/sign-up', {
      name: 'Mukiza Jean',
      phone: '+250788000222',
      meterNumber: 'KGL-0002',
      codeBy: 'whatsapp',
    });
    expect(res.statusCode, res.body).toBe(409);
    expect(res.json()).toMatchObject({
      code: 'prepaid.code_channel_unavailable',
      details: { channel: 'whatsapp' },
    });
    const owner = await app().signIn('owner@example.com');
    const codes = (await owner.get('/api/notifications?perPage=200'))
      .json()
      .items.filter(
        (n: { template: string; channel: string }) =>
          n.template === 'prepaid.portal_code' && n.channel === 'whatsapp',
      );
    expect(codes).toEqual([]);
  });
});

describe('the same server in the sandbox', () => {
  const app = appFor({ OPSDESK_SANDBOX: 'true' });
  it('says the welcome e-mail is on its way, and it is sent', async () => {
    const owner = await app().signIn('owner@example.com');
    const customer = await registerCustomer(owner);
    expect(customer.welcomeDeliverable).toBe(true);
    await eventually(
      async () =>
        (await owner.get(`/api/notifications/${customer.welcomeNotificationId}`)).json().status === 'sent',
    );
  });

  it('tells the portal the code can go every way: the sandbox plays e-mail and the chats', async () => {
    const owner = await app().signIn('owner@example.com');
    await portalAccount(owner, { name: 'email', to: 'uwase@example.com' });
    const res = await app()
      .anonymous()
      .post('/api/prepaid/portal/default/sign-in', { phone: '+250788000111', meterNumber: 'KGL-0001' });
    expect(res.json()).toEqual({ sent: true, undeliverable: [] });
  });
});
