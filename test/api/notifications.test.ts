import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Ctx, inTransaction } from '../../src/core/context/index.ts';
import {
  enqueueNotification,
  getNotification,
  type NotificationDetail,
  type NotificationInput,
  type NotificationStatus,
  testMessageTemplate,
} from '../../src/core/notifications/index.ts';
import { findOrganizationBySlug } from '../../src/core/orgs/index.ts';
import { type SmtpProcess, startSmtpProcess } from '../standins/smtp-server.ts';
import { eventually } from '../support/eventually.ts';
import { type ApiClient, startTestApp, type TestApp } from '../support/test-app.ts';

let app: TestApp;
let smtp: SmtpProcess;
let defaultOrg: string;
let otherOrg: string;
let owner: ApiClient;
let ops: ApiClient;
let otherOwner: ApiClient;

const FAST_RETRIES = { maxAttempts: 3, retryBaseMs: 200, retryMaxMs: 2_000 };
const PACE_MS = 400;

beforeAll(async () => {
  smtp = await startSmtpProcess();
  app = await startTestApp({
    env: { SMTP_URL: `smtp://127.0.0.1:${smtp.port}`, SMTP_FROM: 'Opsdesk <desk@opsdesk.test>' },
  });
  await app.createStaff({ email: 'owner@example.com', role: 'owner' });
  await app.createStaff({ email: 'ops@example.com', role: 'ops' });
  await app.createStaff({ email: 'viewer@example.com', role: 'viewer' });
  defaultOrg = (await findOrganizationBySlug(app.database.db, 'default'))!.id;
  otherOrg = await app.createOrg('paced', 'paced-owner@example.com');
  owner = await app.signIn('owner@example.com');
  ops = await app.signIn('ops@example.com');
  otherOwner = await app.signIn('paced-owner@example.com');
  await owner.patch('/api/org', { settings: { notifications: FAST_RETRIES } });
  await otherOwner.patch('/api/org', {
    settings: { notifications: { ...FAST_RETRIES, paceMs: { email: PACE_MS } } },
  });
  await app.startWorker();
});
afterAll(async () => {
  await app?.close();
  await smtp?.stop();
});

const ctxOf = (orgId: string): Ctx => app.deps.systemCtx(orgId, 'test');

const testMessage = (
  to: string,
  name: string,
  extra: Partial<NotificationInput> = {},
): NotificationInput => ({
  channel: 'email',
  to,
  template: testMessageTemplate as NotificationInput['template'],
  data: { name, orgName: 'Hostel Mess' },
  locale: 'en',
  ...extra,
});

const enqueue = async (input: NotificationInput, orgId = defaultOrg) =>
  (await enqueueNotification(ctxOf(orgId), app.jobs, input)).notification.id;

async function waitForStatus(
  id: string,
  status: NotificationStatus,
  orgId = defaultOrg,
  timeoutMs = 25_000,
): Promise<NotificationDetail> {
  return eventually(
    async () => {
      const n = await getNotification(ctxOf(orgId), id);
      return n.status === status ? n : undefined;
    },
    { timeoutMs, what: `notification ${id} to be ${status}` },
  );
}

/** The pg-boss jobs that name one notification (pg-boss keeps finished jobs): the outbox is its own queue. */
const jobsNaming = async (notificationId: string) =>
  (
    await app.database.pool.query<{ name: string }>(
      `select name from pgboss.job where data::text like '%' || $1 || '%' order by created_on`,
      [notificationId],
    )
  ).rows.map((r) => r.name);

const mailsTo = async (address: string) =>
  (await smtp.messages()).filter((m) => m.envelope.to.includes(address));

describe('sending e-mail through a real SMTP server', () => {
  it('delivers an e-mail with its attachment, with the subject in Hindi for a Hindi recipient', async () => {
    const pdf = Buffer.from('%PDF-1.4 a tiny bill');
    const id = await enqueue(
      testMessage('Priya@Example.com', 'प्रिया', {
        locale: 'hi-IN',
        attachments: [
          { filename: 'bill.pdf', contentType: 'application/pdf', base64: pdf.toString('base64') },
        ],
      }),
    );
    const sent = await waitForStatus(id, 'sent');
    const [mail] = await mailsTo('priya@example.com');
    expect(mail!.subject).toBe('Hostel Mess की ओर से परीक्षण संदेश');
    expect(mail!.text).toContain('नमस्ते प्रिया');
    expect(mail!.from).toBe('desk@opsdesk.test');
    expect(mail!.headers['x-opsdesk-notification']).toBe(id);
    // A template without HTML sends text only, its attachment a plain attachment (as before HTML existed).
    expect(mail!.html).toBeNull();
    expect(mail!.attachments).toEqual([
      {
        filename: 'bill.pdf',
        mimeType: 'application/pdf',
        size: pdf.length,
        base64: pdf.toString('base64'),
        contentId: null,
        disposition: 'attachment',
        related: false,
      },
    ]);
    expect(sent).toMatchObject({
      locale: 'hi',
      to: 'priya@example.com',
      subject: mail!.subject,
      attempts: 1,
    });
    expect(sent.providerMessageId).toBe(mail!.messageId);
    expect(sent.events.map((e) => e.status)).toEqual(['queued', 'sent']);
  });

  it('sends once when an enqueue is retried with the same idempotency key', async () => {
    const input = testMessage('once@example.com', 'Ana', { idempotencyKey: 'order-42-confirmation' });
    const first = await enqueueNotification(ctxOf(defaultOrg), app.jobs, input);
    const again = await enqueueNotification(ctxOf(defaultOrg), app.jobs, input);
    expect(first.created).toBe(true);
    expect(again).toMatchObject({ created: false, notification: { id: first.notification.id } });
    const sent = await waitForStatus(first.notification.id, 'sent');
    // Stored state, not a pause: the message is its own queue (no job), and the one send happened once.
    expect(await jobsNaming(first.notification.id)).toEqual([]);
    expect(sent.attempts).toBe(1);
    expect(await mailsTo('once@example.com')).toHaveLength(1);
  });

  it('stores and sends nothing when the business transaction that enqueued it rolls back', async () => {
    let ghost = '';
    await expect(
      inTransaction(ctxOf(defaultOrg), async (tx) => {
        ghost = (await enqueueNotification(tx, app.jobs, testMessage('rolled-back@example.com', 'Ghost')))
          .notification.id;
        throw new Error('the business change failed');
      }),
    ).rejects.toThrow('the business change failed');
    // Stored state, not a pause: the row went with the transaction, so nothing can send later.
    expect(ghost).not.toBe('');
    expect(await jobsNaming(ghost)).toEqual([]);
    const listed = (await owner.get('/api/notifications?to=Rolled-Back@example.com')).json();
    expect(listed.total).toBe(0);
    expect(await mailsTo('rolled-back@example.com')).toHaveLength(0);
  });

  it('records a message it cannot address as undeliverable and never undoes the business change', async () => {
    let id = '';
    await inTransaction(ctxOf(defaultOrg), async (tx) => {
      const { notification } = await enqueueNotification(
        tx,
        app.jobs,
        testMessage('sim-alice', 'Alice', { channel: 'telegram' }),
      );
      id = notification.id;
    });
    const stored = await getNotification(ctxOf(defaultOrg), id);
    expect(stored).toMatchObject({ status: 'undeliverable', to: 'sim-alice', attempts: 0 });
    expect(stored.lastError).toContain('invalid_recipient');
    expect(stored.events.map((e) => e.status)).toEqual(['undeliverable']);
    expect(await jobsNaming(id)).toEqual([]);
    const listed = (await owner.get('/api/notifications?status=undeliverable')).json();
    expect(listed.items.map((n: { id: string }) => n.id)).toContain(id);
  });

  it('says a channel is not configured, once, instead of retrying or blaming the service window', async () => {
    const id = await enqueue(testMessage('250788000111', 'Ana', { channel: 'whatsapp' }));
    const stored = await waitForStatus(id, 'undeliverable');
    expect(stored.attempts).toBe(1);
    expect(stored.lastError).toMatch(/^channel_not_configured: /);
    expect(stored.events.map((e) => e.status)).toEqual(['queued', 'undeliverable']);
  });

  it('retries a message the relay refuses for now, and delivers it', async () => {
    await smtp.failNext(1, 451);
    const id = await enqueue(testMessage('busy@example.com', 'Omar'));
    const sent = await waitForStatus(id, 'sent');
    expect(sent.attempts).toBe(2);
    expect(sent.events.map((e) => e.status)).toEqual(['queued', 'retry', 'sent']);
    expect(sent.events[1]!.detail).toMatchObject({ responseCode: 451, permanent: false });
  });

  it('gives up at once when the relay refuses the message permanently', async () => {
    await smtp.failNext(1, 550);
    const id = await enqueue(testMessage('nobody@example.com', 'Nadie'));
    const gaveUp = await waitForStatus(id, 'failed');
    expect(gaveUp.attempts).toBe(1);
    expect(gaveUp.events.map((e) => e.status)).toEqual(['queued', 'failed']);
  });
});

describe('order and pace per recipient', () => {
  it('sends five messages to one recipient in the order they were enqueued, even when the first must be retried', async () => {
    await smtp.failNext(1, 451);
    const ids = await inTransaction(ctxOf(defaultOrg), async (tx) => {
      const out: string[] = [];
      for (const n of [1, 2, 3, 4, 5]) {
        out.push(
          (await enqueueNotification(tx, app.jobs, testMessage('line@example.com', `Guest ${n}`)))
            .notification.id,
        );
      }
      return out;
    });
    for (const id of ids) await waitForStatus(id, 'sent');
    const texts = (await mailsTo('line@example.com')).map((m) => /Hello (Guest \d)/.exec(m.text ?? '')?.[1]);
    expect(texts).toEqual(['Guest 1', 'Guest 2', 'Guest 3', 'Guest 4', 'Guest 5']);
    expect((await getNotification(ctxOf(defaultOrg), ids[0]!)).attempts).toBe(2);
  });

  it("waits the channel's pace between messages to one recipient, without holding back others", async () => {
    const paced = [];
    for (const n of [1, 2, 3]) paced.push(await enqueue(testMessage('paced@example.com', `P${n}`), otherOrg));
    const other = await enqueue(testMessage('someone-else@example.com', 'Q'), otherOrg);
    const sent = [];
    for (const id of paced) sent.push(await waitForStatus(id, 'sent', otherOrg));
    const times = sent.map((n) => Date.parse(n.sentAt!));
    expect(times[1]! - times[0]!).toBeGreaterThanOrEqual(PACE_MS);
    expect(times[2]! - times[1]!).toBeGreaterThanOrEqual(PACE_MS);
    const otherSent = Date.parse((await waitForStatus(other, 'sent', otherOrg)).sentAt!);
    expect(otherSent).toBeLessThan(times[2]!);
  });
});

describe('the outbox API', () => {
  it('lists messages with filters and shows one with its delivery log', async () => {
    const id = await enqueue(testMessage('listed@example.com', 'Lia', { locale: 'es' }));
    await waitForStatus(id, 'sent');
    const page = (await ops.get('/api/notifications?channel=email&to=LISTED@example.com&status=sent')).json();
    expect(page.total).toBe(1);
    expect(page.items[0]).toMatchObject({
      id,
      to: 'listed@example.com',
      subject: 'Mensaje de prueba de Hostel Mess',
    });
    expect(page.items[0].body).toBeUndefined();
    const detail = (await ops.get(`/api/notifications/${id}`)).json();
    expect(detail.body).toContain('Hola Lia');
    expect(detail.events.map((e: { status: string }) => e.status)).toEqual(['queued', 'sent']);
    const paged = (await ops.get('/api/notifications?page=2&perPage=2')).json();
    expect(paged.items).toHaveLength(2);
    expect(paged).toMatchObject({ page: 2, perPage: 2 });
    expect(paged.total).toBeGreaterThan(3);
  });

  it('keeps organizations apart on list, detail and replay', async () => {
    await smtp.failNext(1, 550);
    const theirs = await enqueue(testMessage('their-guest@example.com', 'T'), otherOrg);
    await waitForStatus(theirs, 'failed', otherOrg);
    const mine = (await owner.get('/api/notifications?perPage=200')).json();
    expect(mine.items.map((i: { id: string }) => i.id)).not.toContain(theirs);
    expect((await owner.get(`/api/notifications/${theirs}`)).statusCode).toBe(404);
    const replay = await ops.post(`/api/notifications/${theirs}/replay`);
    expect(replay.statusCode).toBe(404);
    expect((await getNotification(ctxOf(otherOrg), theirs)).status).toBe('failed');
    const theirList = (await otherOwner.get('/api/notifications?status=failed')).json();
    expect(theirList.items.map((i: { id: string }) => i.id)).toEqual([theirs]);
  });

  it('lets viewers read the outbox but not replay it, and refuses to replay a sent message', async () => {
    const viewer = await app.signIn('viewer@example.com');
    const listed = await viewer.get('/api/notifications');
    expect(listed.statusCode).toBe(200);
    const id = listed.json().items[0].id;
    expect((await viewer.post(`/api/notifications/${id}/replay`)).statusCode).toBe(403);
    const sent = (await ops.get('/api/notifications?status=sent&perPage=1')).json().items[0].id;
    const refused = await ops.post(`/api/notifications/${sent}/replay`);
    expect(refused.statusCode).toBe(409);
    expect(refused.json().code).toBe('notifications.notification_not_replayable');
  });
});

describe('when the relay is down', () => {
  it('retries with backoff, gives up, and is delivered after a replay through the API once the relay is back', async () => {
    const port = smtp.port;
    await smtp.stop();
    const id = await enqueue(testMessage('patient@example.com', 'Pat'));
    const gaveUp = await waitForStatus(id, 'failed');
    expect(gaveUp.attempts).toBe(FAST_RETRIES.maxAttempts);
    expect(gaveUp.lastError).toMatch(/ECONNREFUSED|connect/i);
    const attempts = gaveUp.events.filter((e) => e.status !== 'queued');
    expect(attempts.map((e) => e.status)).toEqual(['retry', 'retry', 'failed']);
    const at = attempts.map((e) => Date.parse(e.at));
    expect(at[1]! - at[0]!).toBeGreaterThanOrEqual(FAST_RETRIES.retryBaseMs);
    expect(at[2]! - at[1]!).toBeGreaterThanOrEqual(2 * FAST_RETRIES.retryBaseMs);

    smtp = await startSmtpProcess({ port });
    const replay = await ops.post(`/api/notifications/${id}/replay`);
    expect(replay.statusCode).toBe(202);
    expect(replay.json()).toMatchObject({ id, status: 'queued', attempts: 0 });
    const sent = await waitForStatus(id, 'sent');
    expect(sent.events.map((e) => e.status)).toEqual([
      'queued',
      'retry',
      'retry',
      'failed',
      'replayed',
      'sent',
    ]);
    expect(await mailsTo('patient@example.com')).toHaveLength(1);
    const audit = (
      await owner.get(`/api/audit?action=notifications.message.replayed&subjectId=${id}`)
    ).json();
    expect(audit.items[0]).toMatchObject({
      actor: { type: 'user', label: 'ops@example.com' },
      before: { status: 'failed' },
      after: { status: 'queued' },
    });
  });
});
