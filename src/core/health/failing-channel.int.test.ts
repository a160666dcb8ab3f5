import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { menuTestModule } from '../../../test/fixtures/menu-flow/menu.module.ts';
import { eventually } from '../../../test/support/eventually.ts';
import { handledChat } from '../../../test/support/stored-chat.ts';
import { telegramEnv } from '../../../test/support/telegram-app.ts';
import { TEST_MODULES } from '../../../test/support/template-sources.ts';
import { type ApiClient, startTestApp, type TestApp } from '../../../test/support/test-app.ts';
import {
  type CaughtMailServer,
  startCaughtMailServer,
} from '../../channels/email/sandbox/caught-mail-server.ts';
import {
  startTelegramStandin,
  type TelegramStandin,
} from '../../channels/telegram/sandbox/telegram-bot-api.ts';
import type { Ctx } from '../context/index.ts';
import {
  enqueueNotification,
  type NotificationInput,
  type NotificationTables,
  testMessageTemplate,
} from '../notifications/index.ts';
import { findOrganizationBySlug } from '../orgs/index.ts';
import type { AccountView, ChannelProblemsView, HealthView } from './index.ts';

/*
 * A failure is never shown as success: a Telegram bot whose sends fail, on the real app with a
 * stand-in that speaks the Bot API and a real SMTP server. What staff see: the jobs screen, the
 * dashboard's channel counts, the banner (owner and admin only) and its one e-mail, and the health
 * answer; the banner clears when a send goes out again.
 */
const SECRET = 'tg-health_secret-1';
let tg: TelegramStandin;
let mail: CaughtMailServer;
let app: TestApp;
let ctx: Ctx;
let owner: ApiClient;
let admin: ApiClient;
let viewer: ApiClient;
let updateId = 910_000_000;

beforeAll(async () => {
  [tg, mail] = await Promise.all([startTelegramStandin(), startCaughtMailServer()]);
  app = await startTestApp({
    modules: [...TEST_MODULES, menuTestModule],
    env: {
      ...telegramEnv(tg, { webhookSecret: SECRET, flow: 'menu-test' }),
      SMTP_URL: mail.smtpUrl,
      SMTP_FROM: 'desk@example.com',
    },
  });
  await app.createStaff({ email: 'owner@example.com', role: 'owner' });
  await app.createStaff({ email: 'admin@example.com', role: 'admin' });
  await app.createStaff({ email: 'viewer@example.com', role: 'viewer' });
  [owner, admin, viewer] = await Promise.all([
    app.signIn('owner@example.com'),
    app.signIn('admin@example.com'),
    app.signIn('viewer@example.com'),
  ]);
  ctx = app.deps.systemCtx((await findOrganizationBySlug(app.database.db, 'default'))!.id, 'test');
  await app.startWorker();
});
afterAll(async () => {
  await app?.close();
  await Promise.all([tg?.close(), mail?.close()]);
});

/** A person writes to the bot: the update arrives on the webhook, as Telegram delivers it. */
async function personWrites(chatId: number, text: string) {
  const res = await app.http.inject({
    method: 'POST',
    url: '/webhooks/telegram',
    headers: { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': SECRET },
    payload: {
      update_id: ++updateId,
      message: {
        message_id: updateId,
        date: Math.floor(Date.now() / 1000),
        chat: { id: chatId, type: 'private', first_name: `P${chatId}` },
        from: { id: chatId, is_bot: false, first_name: `P${chatId}` },
        text,
      },
    },
  });
  expect(res.statusCode).toBe(200);
}

/** The bot's reply to a chat once its fate is settled (sent, failed, unconfirmed). */
const settledReply = (chatId: number) =>
  eventually(
    async () => {
      const reply = (await handledChat(app, 'telegram', String(chatId))).find((m) => m.direction === 'out');
      return reply && !['queued', 'sending'].includes(reply.status) && reply;
    },
    { what: `the reply to ${chatId} settled` },
  );

const telegramOf = (items: ReadonlyArray<AccountView>) => items.find((a) => a.channel === 'telegram')!;
const channels = async () => (await owner.get('/api/health/channels')).json() as ChannelProblemsView;
const health = async (client: ApiClient) => {
  const res = await client.get('/api/health');
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as HealthView;
};
const alertMails = () => mail.messages().filter((m) => m.subject?.startsWith('Telegram keeps failing'));
const failedJobs = async (name: string) =>
  (await owner.get(`/api/jobs?state=failed&name=${name}`)).json().items as Array<{
    state: string;
    lastError: string;
    failure: { code: string; details: Record<string, unknown> } | null;
    retryable: boolean;
  }>;

describe('a reply or a notification the channel refuses', () => {
  it('shows its job or its message as failed, with the words of the refusal, and counts it on the dashboard', async () => {
    tg.injectFault('sendMessage', {
      kind: 'refused',
      errorCode: 403,
      description: 'Forbidden: bot was blocked by the user',
    });
    await personWrites(3001, 'hello');
    expect((await settledReply(3001)).status).toBe('failed');

    const [job] = await eventually(async () => {
      const jobs = await failedJobs('conversations.process-messages');
      return jobs.length > 0 && jobs;
    });
    expect(job).toMatchObject({
      state: 'failed',
      lastError: 'The reply could not be sent through telegram: Forbidden: bot was blocked by the user',
      failure: { code: 'conversations.reply_not_sent', details: { channel: 'telegram' } },
      retryable: false,
    });
    const completed = await owner.get('/api/jobs?state=completed&name=conversations.process-messages');
    expect(completed.json().total).toBe(0);

    tg.injectFault('sendMessage', {
      kind: 'refused',
      errorCode: 403,
      description: 'Forbidden: bot was blocked by the user',
    });
    const { notification } = await enqueueNotification(ctx, app.jobs, {
      channel: 'telegram',
      to: '3001',
      template: testMessageTemplate as NotificationInput['template'],
      data: { name: 'Ravi', orgName: 'Hostel Mess' },
      locale: 'en',
    });
    // The outbox is its own queue: the message given up says so itself, in the refusal's words.
    const given = await eventually(async () => {
      const n = (await owner.get(`/api/notifications/${notification.id}`)).json();
      return n.status === 'failed' && n;
    });
    expect(given.lastError).toBe('Forbidden: bot was blocked by the user');
    expect(given.attempts).toBe(1);

    const telegram = telegramOf((await channels()).items) as AccountView & { failed: number };
    expect(telegram.failed).toBe(2);
    // Refused for this person, not because the bot fails: the account is not counted as failing.
    expect(telegram.failuresInRow).toBe(0);
  });
});

describe('a bot whose sends keep failing', () => {
  it('shows its owner and admin one banner and sends them one e-mail each; a viewer sees no banner', async () => {
    tg.injectFault('sendMessage', { kind: 'server-error-after-delivery', status: 500 }, 7);
    for (const chatId of [3101, 3102, 3103, 3104, 3105]) await personWrites(chatId, 'hello');
    for (const chatId of [3101, 3102, 3103, 3104, 3105])
      expect((await settledReply(chatId)).status).toBe('unconfirmed');

    for (const client of [owner, admin]) {
      const alerts = (await client.get('/api/health/alerts')).json();
      expect(alerts.items).toEqual([
        expect.objectContaining({
          channel: 'telegram',
          failuresInRow: 5,
          cause: { code: 'conversations.delivery_unconfirmed', message: 'Internal Server Error' },
        }),
      ]);
    }
    expect((await viewer.get('/api/health/alerts')).statusCode).toBe(403);

    const mails = await eventually(() => alertMails().length === 2 && alertMails(), {
      what: 'the alert e-mails',
    });
    expect(mails.map((m) => m.to).sort()).toEqual([['admin@example.com'], ['owner@example.com']]);
    expect(mails[0]!.text).toContain('The last error: Internal Server Error');

    // Two more failures: the run goes on, and nobody is told again.
    for (const chatId of [3106, 3107]) await personWrites(chatId, 'hello');
    for (const chatId of [3106, 3107]) await settledReply(chatId);
    expect(telegramOf((await health(owner)).chatAccounts).failuresInRow).toBe(7);
    const alerts = await eventually(async () => {
      const rows = await ctx.db
        .withTables<NotificationTables>()
        .selectFrom('notification')
        .select(['recipient', 'status'])
        .where('template', '=', 'health.channel_failing')
        .execute();
      return rows.every((n) => n.status === 'sent') && rows;
    });
    expect(alerts.map((n) => n.recipient).sort()).toEqual(['admin@example.com', 'owner@example.com']);
  });

  it('counts the replies that may not have reached their person on the dashboard', async () => {
    const telegram = telegramOf((await channels()).items) as AccountView & {
      stuck: number;
      unconfirmed: number;
    };
    expect(telegram).toMatchObject({ unconfirmed: 7, stuck: 0 });
  });

  it('names the failing account in the health answer', async () => {
    const answer = await health(viewer);
    expect(answer.status).toBe('degraded');
    expect(answer.database.status).toBe('ok');
    expect(answer.mail).toMatchObject({ channel: 'email', configured: true, status: 'ok' });
    expect(telegramOf(answer.chatAccounts)).toMatchObject({
      configured: true,
      status: 'down',
      failuresInRow: 7,
      lastFailure: { code: 'conversations.delivery_unconfirmed', message: 'Internal Server Error' },
    });
    expect(telegramOf(answer.chatAccounts).lastFailureAt).not.toBeNull();
    expect((await app.anonymous().get('/api/health')).statusCode).toBe(401);
  });

  it('clears the banner once a reply goes out again', async () => {
    await personWrites(3108, 'hello');
    expect((await settledReply(3108)).status).toBe('sent');
    expect((await owner.get('/api/health/alerts')).json().items).toEqual([]);
    const answer = await health(owner);
    expect(telegramOf(answer.chatAccounts)).toMatchObject({ status: 'ok', failuresInRow: 0 });
    expect(telegramOf(answer.chatAccounts).lastSuccessAt).not.toBeNull();
    expect(answer.status).toBe('ok');
  });
});
