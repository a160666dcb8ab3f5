import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../../test/support/test-app.ts';
import type { MessageChannel, Recipient } from '../../core/conversations/index.ts';
import { findOrganizationBySlug } from '../../core/orgs/index.ts';
import { startTelegramStandin, type TelegramStandin } from './sandbox/telegram-bot-api.ts';

// What one Bot API send does on the wire when Telegram hangs (issue 40), through the channel as
// the app builds it: the shipped timeouts, no override.

let tg: TelegramStandin;
let app: TestApp;
let channel: MessageChannel;
let orgId: string;

beforeAll(async () => {
  tg = await startTelegramStandin();
  app = await startTestApp({ env: { TELEGRAM_BOT_TOKEN: tg.token, TELEGRAM_API_ROOT: tg.url } });
  channel = app.deps.conversations.channel('telegram')!;
  orgId = (await findOrganizationBySlug(app.database.db, 'default'))!.id;
});
afterAll(async () => {
  await app.close();
  await tg.close();
});

const to = (chat: number): Recipient => ({
  orgId,
  channel: 'telegram',
  externalId: String(chat),
  language: 'en',
  lastInboundAt: null,
});
const ctx = () => app.deps.systemCtx(orgId, 'test');

describe('a Telegram send that hangs', () => {
  it('is given up within about 2.5 s by default, as maybe delivered', async () => {
    // A first send loads the client and the account: what is measured below is the hung call alone.
    await channel.send(ctx(), to(8101), { kind: 'text', text: 'Welcome' });
    tg.injectFault('sendMessage', { kind: 'hang' });
    const started = performance.now();
    const failure = await channel.send(ctx(), to(8101), { kind: 'text', text: 'Your room number?' }).then(
      () => undefined,
      (err: unknown) => err,
    );
    const heldMs = performance.now() - started;
    console.info(`hung sendMessage held the person ${heldMs.toFixed(0)} ms`);
    expect(failure).toMatchObject({ code: 'conversations.delivery_unconfirmed' });
    // The stand-in carried it out: the person got it once, and waited no longer than the timeout.
    expect(tg.sentMessages(8101).map((m) => m.text)).toEqual(['Welcome', 'Your room number?']);
    expect(heldMs).toBeGreaterThanOrEqual(2_400);
    // 15 s before issue 40; the margin is for a loaded machine.
    expect(heldMs).toBeLessThan(4_000);
  });
});
