import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { eventually } from '../../../test/support/eventually.ts';
import { type ApiClient, startTestApp, type TestApp } from '../../../test/support/test-app.ts';
import { DEMO_PASSWORD, seedDemo } from '../demo-seed.ts';
import type { SandboxRuntime } from './sandbox.area.ts';

/*
 * The contract, on the demo with nothing but the sandbox: a MoMo purchase settles through
 * the sandbox within a few seconds (the payer approves by itself on the real clock), and every
 * notification the demo's flows create that goes by e-mail (token, exhibition welcome, portal
 * sign-in code) reaches `sent` and lands in the caught-mail inbox, and the raffle's confirmations
 * reach `sent` on the played WhatsApp.
 */
vi.setConfig({ testTimeout: 60_000 });

let app: TestApp;
let ops: ApiClient;
/** Reads the caught mail: it holds live sign-in codes and tokens, so only owners and admins do. */
let admin: ApiClient;
let meterId: string;

beforeAll(async () => {
  app = await startTestApp({ env: { OPSDESK_SANDBOX: 'true' } });
  await seedDemo(app);
  // the demo's electricity vendor; the exhibition desk is another organization
  ops = await app.signIn('ops@demo.opsdesk.dev', DEMO_PASSWORD, 'power');
  admin = await app.signIn('admin@demo.opsdesk.dev', DEMO_PASSWORD, 'power');
  await app.http.listen({ host: '127.0.0.1', port: 0 });
  await app.startWorker();
  const meters = await ops.get('/api/prepaid/console/meters?number=KGL-0001');
  meterId = meters.json().items[0].id;
}, 180_000);
afterAll(async () => {
  await app?.close();
});

const buy = async (method: 'momo' | 'airtel', msisdn = '+250788000111') => {
  const res = await ops.post('/api/prepaid/purchases', {
    meterId,
    method,
    amount: { amountMinor: 1000, currency: 'RWF' },
    msisdn,
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { id: string; paymentId: string; status: string };
};
const purchaseSettles = (id: string) =>
  eventually(
    async () => {
      const p = (await ops.get(`/api/prepaid/purchases/${id}`)).json();
      return p.status === 'pending' ? undefined : p;
    },
    { what: `purchase ${id} settled`, timeoutMs: 30_000 },
  );
const notificationsOf = async (template: string, client = ops) =>
  (await client.get('/api/notifications?perPage=200'))
    .json()
    .items.filter((n: { template: string }) => n.template === template) as {
    id: string;
    status: string;
    to: string;
  }[];
const allSent = (template: string, count = 1, client = ops) =>
  eventually(
    async () => {
      const list = await notificationsOf(template, client);
      return list.length >= count && list.every((n) => n.status === 'sent') ? list : undefined;
    },
    { what: `every ${template} sent` },
  );
/** The request reaches the payer's phone once the request-to-pay job has sent it. */
const onPhone = (paymentId: string) =>
  eventually(async () =>
    (
      (await ops.get('/api/sandbox/phone')).json().items as {
        reference: string;
        provider: string;
        status: string;
      }[]
    ).find((r) => r.reference === paymentId),
  );
const caughtMail = async (client = admin) =>
  (await client.get('/api/sandbox/mail')).json().items as { id: string; subject: string; to: string[] }[];

describe('the demo in the sandbox', () => {
  it('says what it plays', async () => {
    expect((await ops.get('/api/sandbox')).json()).toEqual({
      services: ['momo', 'airtel', 'email', 'sms', 'whatsapp', 'telegram'],
    });
  });

  it('settles a MoMo purchase within a few seconds, and the token e-mail is caught', async () => {
    const started = Date.now();
    const p = await buy('momo');
    expect(await onPhone(p.paymentId)).toMatchObject({ provider: 'momo', status: 'pending' });
    const paid = await purchaseSettles(p.id);
    const seconds = (Date.now() - started) / 1000;
    expect(paid).toMatchObject({ status: 'paid' });
    expect(paid.token).toMatch(/^\d{9}$/);
    expect(seconds).toBeLessThan(15);
    await allSent('prepaid.token');
    const grouped = `${paid.token.slice(0, 3)} ${paid.token.slice(3, 6)} ${paid.token.slice(6)}`;
    const mail = await eventually(async () =>
      (await caughtMail()).find((m) => m.subject.includes('KGL-0001')),
    );
    const detail = (await admin.get(`/api/sandbox/mail/${mail.id}`)).json();
    expect(detail.to).toEqual(['uwase@example.com']);
    expect(detail.text).toContain(grouped);
    // And by SMS to the phone that paid (issue 52): the sandbox phone shows it to owners and admins.
    const texts = await eventually(async () => {
      const items = (await admin.get('/api/sandbox/sms')).json().items as Array<{ to: string; text: string }>;
      return items.find((t) => t.to === '+250788000111' && t.text.includes(grouped)) && items;
    });
    expect(texts.find((t) => t.text.includes(grouped))).toMatchObject({ segments: 1, encoding: 'GSM-7' });
    expect((await ops.get('/api/sandbox/sms')).statusCode).toBe(403);
    // Reported delivered: the sandbox's Africa's Talking is the deployment's account, and calls back the
    // URLs its operator would paste (`opsdesk sms callback-urls`), under the deployment's own key.
    await eventually(
      async () => {
        const items = (await admin.get('/api/notifications?channel=sms&to=%2B250788000111')).json().items;
        return (items as Array<{ sms?: { network?: string } }>).some((n) => n.sms?.network === 'delivered');
      },
      { what: 'the token SMS reported delivered' },
    );
  });

  it('settles an Airtel purchase the same way, through the authenticated callback', async () => {
    const paid = await purchaseSettles((await buy('airtel', '+250733000111')).id);
    expect(paid).toMatchObject({ status: 'paid' });
  });

  it('a payer who declines on the sandbox phone is not charged, and the purchase fails', async () => {
    const p = await buy('momo', '+250788000999');
    await onPhone(p.paymentId);
    const declined = await ops.post(`/api/sandbox/phone/momo/${p.paymentId}/decline`);
    expect(declined.statusCode, declined.body).toBe(204);
    const failed = await purchaseSettles(p.id);
    expect(failed).toMatchObject({ status: 'failed', token: null, failureReason: 'APPROVAL_REJECTED' });
    const again = await ops.post(`/api/sandbox/phone/momo/${p.paymentId}/approve`);
    expect(again.statusCode).toBe(409);
  });

  it('sends every exhibition welcome e-mail the demo made, with the QR attached', async () => {
    const expo = await app.signIn('admin@demo.opsdesk.dev', DEMO_PASSWORD, 'expo');
    const welcomes = await allSent('exhibition.welcome', 1, expo);
    const caught = await eventually(async () => {
      const mails = (await caughtMail(expo)).filter((m) => welcomes.some((w) => m.to.includes(w.to)));
      return mails.length >= welcomes.length ? mails : undefined;
    });
    const detail = (await expo.get(`/api/sandbox/mail/${caught[0]!.id}`)).json();
    expect(detail.html).toContain('data:image/png;base64,');
    const png = detail.files.find((f: { mimeType: string }) => f.mimeType === 'image/png');
    const bytes = await expo.get(`/api/sandbox/mail/${caught[0]!.id}/attachments/${png.index}`);
    expect(bytes.statusCode).toBe(200);
    expect(bytes.rawPayload.subarray(1, 4).toString()).toBe('PNG');
  });

  it('sends the portal sign-in code by e-mail, and the portal says it is on its way', async () => {
    const res = await app.anonymous().post('/api/prepaid/portal/power/sign-in', {
      phone: '+250788000111',
      meterNumber: 'KGL-0001',
    });
    expect(res.statusCode, res.body).toBe(202);
    expect(res.json().undeliverable).not.toContain('email');
    const [code] = await allSent('prepaid.portal_code');
    expect(code!.to).toBe('uwase@example.com');
    const mail = await eventually(async () =>
      // The demo household reads Kinyarwanda: "Kode yawe yo kwinjira".
      (await caughtMail()).find(
        (m) => /\b[ck]ode\b/i.test(m.subject ?? '') && m.to.includes('uwase@example.com'),
      ),
    );
    const text: string = (await admin.get(`/api/sandbox/mail/${mail.id}`)).json().text;
    const typed = /\b(\d{6})\b/.exec(text)![1];
    // Issue 40: the inbox showed this live code to every role. Staff below admin get no mail at all.
    for (const role of ['viewer', 'ops', 'scanner']) {
      const staff = await app.signIn(`${role}@demo.opsdesk.dev`, DEMO_PASSWORD, 'power');
      for (const path of ['/api/sandbox/mail', `/api/sandbox/mail/${mail.id}`]) {
        const refused = await staff.get(path);
        expect(refused.statusCode, `${role} ${path}`).toBe(403);
        expect(refused.body).not.toContain(typed);
      }
    }
    const verified = await app.anonymous().post('/api/prepaid/portal/power/verify', {
      phone: '+250788000111',
      meterNumber: 'KGL-0001',
      code: typed,
    });
    expect(verified.statusCode, verified.body).toBe(200);
  });

  it('sends the raffle confirmations the demo made as the approved template, outside the buyers’ 24-hour window', async () => {
    const raffle = await app.signIn('ops@demo.opsdesk.dev', DEMO_PASSWORD, 'raffle');
    // The demo's two paid buyers never wrote: only an approved template may reach them.
    const paid = await allSent('raffle.order_paid', 2, raffle);
    const sandbox = app.runtimeOf('sandbox') as SandboxRuntime;
    for (const n of paid) {
      const [message] = sandbox.whatsapp!.graph.sentMessages(n.to);
      expect(message?.body).toMatchObject({
        type: 'template',
        template: { name: 'raffle_order_paid', language: { code: 'es' } },
      });
    }
    expect((await raffle.get('/api/raffle/whatsapp-templates')).json()).toContainEqual(
      expect.objectContaining({ template: 'raffle.order_paid', missing: [] }),
    );
  });

  it('shows another organization none of this organization’s payments or mail', async () => {
    await app.createOrg('elsewhere', 'owner@elsewhere.example');
    const other = await app.signIn('owner@elsewhere.example', undefined, 'elsewhere');
    expect((await other.get('/api/sandbox/phone')).json().items).toEqual([]);
    expect((await other.get('/api/sandbox/mail')).json().items).toEqual([]);
    const mine = (await ops.get('/api/sandbox/phone')).json().items[0];
    const answer = await other.post(`/api/sandbox/phone/${mine.provider}/${mine.reference}/approve`);
    expect(answer.statusCode).toBe(404);
  });
});

describe('without the sandbox', () => {
  it('has no sandbox routes and no sandbox permissions; says it plays nothing', async () => {
    expect((await ops.get('/api/permissions')).statusCode).toBe(200);
    const plain = await startTestApp();
    try {
      await plain.createStaff({ email: 'owner@example.com', role: 'owner' });
      const owner = await plain.signIn('owner@example.com');
      // The console asks on every sign-in: an answer, not a failed request.
      const services = await owner.get('/api/sandbox');
      expect([services.statusCode, services.json()]).toEqual([200, { services: [] }]);
      expect((await owner.get('/api/sandbox/mail')).statusCode).toBe(404);
      const keys = (await owner.get('/api/permissions')).json();
      expect(JSON.stringify(keys)).not.toContain('sandbox.');
    } finally {
      await plain.close();
    }
  });
});
