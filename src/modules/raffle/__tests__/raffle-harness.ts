import type { AddressInfo } from 'node:net';
import { eventually } from '../../../../test/support/eventually.ts';
import { startTestApp, type TestApp } from '../../../../test/support/test-app.ts';
import {
  startWhatsAppStandin,
  type WhatsAppStandin,
} from '../../../channels/whatsapp/sandbox/whatsapp-graph.ts';
import { findOrganizationBySlug, updateOrganization } from '../../../core/orgs/index.ts';
import type { Clock } from '../../../platform/clock/index.ts';
import type { RaffleTables } from '../raffle.tables.ts';

export const APP_SECRET = 'raffle-app-secret';

/**
 * The real app with a worker, the WhatsApp stand-in as Graph API, and an ops member signed in;
 * `env` adds settings (another channel's stand-in).
 */
export async function startRaffleApp(options: { clock?: Clock; env?: Record<string, string> } = {}) {
  const wa: WhatsAppStandin = await startWhatsAppStandin();
  const app: TestApp = await startTestApp({
    clock: options.clock,
    env: {
      ...options.env,
      WHATSAPP_APP_SECRET: APP_SECRET,
      WHATSAPP_VERIFY_TOKEN: 'raffle-verify',
      WHATSAPP_ACCESS_TOKEN: wa.accessToken,
      WHATSAPP_PHONE_NUMBER_ID: wa.phoneNumberId,
      WHATSAPP_API_BASE_URL: wa.url,
      WHATSAPP_API_VERSION: 'v25.0',
      WHATSAPP_FLOW: 'raffle',
      ...options.env,
    },
  });
  await app.http.listen({ host: '127.0.0.1', port: 0 });
  const hook = `http://127.0.0.1:${(app.http.server.address() as AddressInfo).port}/webhooks/whatsapp`;
  await app.startWorker();
  await app.createStaff({ email: 'ops@example.com', role: 'ops' });
  await app.createStaff({ email: 'owner@example.com', role: 'owner' });
  const ops = await app.signIn('ops@example.com');
  const owner = await app.signIn('owner@example.com');
  const orgId = (await findOrganizationBySlug(app.database.db, 'default'))!.id;
  const ctx = app.deps.systemCtx(orgId, 'test');
  const db = app.database.db.withTables<RaffleTables>();
  // A Paraguayan operator: Spanish first, English offered.
  await updateOrganization(ctx, { languages: ['es', 'en'] });

  const deliver = (payload: unknown) => wa.deliverWebhook({ to: hook, appSecret: APP_SECRET, payload });
  const texts = (to: string) =>
    wa.sentMessages(to).map((m) => {
      const b = m.body as { text?: { body: string }; interactive?: { body: { text: string } } };
      return b.text?.body ?? b.interactive?.body.text ?? '';
    });
  /** Waits until `to` has been sent at least `count` messages; returns their texts. */
  const waitForCount = async (to: string, count: number, timeoutMs = 15_000) => {
    await eventually(() => wa.sentMessages(to).length >= count, {
      timeoutMs,
      what: `${count} messages to ${to}`,
    });
    return texts(to);
  };
  /** Sends a text and waits for the bot's answer(s); returns the new texts. */
  const say = async (from: string, text: string, replies = 1) => {
    const before = wa.sentMessages(from).length;
    await deliver(wa.textMessage({ from, text }));
    return (await waitForCount(from, before + replies)).slice(before);
  };
  const tap = async (from: string, buttonId: string, replies = 1) => {
    const before = wa.sentMessages(from).length;
    await deliver(wa.buttonReply({ from, buttonId, title: 'ignored title' }));
    return (await waitForCount(from, before + replies)).slice(before);
  };

  return {
    app,
    wa,
    hook,
    ops,
    owner,
    orgId,
    ctx,
    db,
    deliver,
    texts,
    waitForCount,
    say,
    tap,
    async close() {
      await app.close();
      await wa.close();
    },
  };
}

export type RaffleHarness = Awaited<ReturnType<typeof startRaffleApp>>;

const PNG_1X1 = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
  'base64',
);
/** A real PNG (a receipt photo); `tag` after IEND makes its bytes and sha256 differ. */
export const receiptPng = (tag: string) => Buffer.concat([PNG_1X1, Buffer.from(tag)]);
