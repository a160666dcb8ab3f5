import type { Update } from 'grammy/types';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { echoTestModule } from '../fixtures/echo-flow/echo.module.ts';
import { eventually } from '../support/eventually.ts';
import { startTelegramApp, type TelegramApp } from '../support/telegram-app.ts';
import { TEST_MODULES } from '../support/template-sources.ts';
import { startWhatsAppApp, type WhatsAppApp } from '../support/whatsapp-app.ts';

// Issue 64, item 4: a burst of chat messages posted to the real webhooks concurrently, as Meta and
// Telegram post them (each message its own POST, on parallel connections). Every person's replies come
// in the order they wrote, and each message is answered once. The flow echoes each text, so the
// replies' order is the order the messages were handled in.

const PEOPLE = 40;
const EACH = 4;
/** Bursts per test, each of new people: one may happen to go in order. */
const ROUNDS = 3;
const modules = [...TEST_MODULES, echoTestModule];

/** The people whose replies differ from what they wrote, in order (each with what they got). */
function outOfOrder(got: Map<string, string[]>, wrote: (person: string) => string[]) {
  return [...got].filter(([p, replies]) => replies.join(' ') !== wrote(p).join(' '));
}

describe('a WhatsApp burst: 40 people each writing 4 messages within one second, posted at once', () => {
  let h: WhatsAppApp;
  /** A seller's own number (in its settings, not the deployment's): found in the database, then cached. */
  const NUMBER = '15550404';
  beforeAll(async () => {
    h = await startWhatsAppApp({ appSecret: 'burst-secret', flow: 'echo-test', modules });
    h.wa.addPhone(NUMBER);
    await h.app.createOrg('burst', 'owner@burst.example');
    const owner = await h.app.signIn('owner@burst.example', undefined, 'burst');
    const res = await owner.patch('/api/org', {
      settings: { whatsapp: { phoneNumberId: NUMBER, accessToken: h.wa.accessToken } },
    });
    expect(res.statusCode, res.body).toBe(200);
  });
  afterAll(async () => h?.close());

  /** One burst; answers the people whose replies were not in the order they wrote. */
  async function burst(round: number) {
    const people = Array.from({ length: PEOPLE }, (_, i) => `25078${round}${String(i).padStart(6, '0')}`);
    const wrote = (p: string) => Array.from({ length: EACH }, (_, n) => `${p.slice(-3)}-${n + 1}`);
    // One second for the whole burst (Meta's timestamps are whole seconds): only arrival orders them.
    const sentAt = new Date(Math.floor(Date.now() / 1000) * 1000);
    // Each person's messages leave in order, every POST without waiting for the one before.
    const posts: Array<Promise<unknown>> = [];
    for (const p of people)
      for (let n = 0; n < EACH; n += 1)
        posts.push(
          h
            .deliver(h.wa.textMessage({ from: p, text: wrote(p)[n]!, sentAt, phoneNumberId: NUMBER }))
            .then((r) => {
              expect(r.status).toBe(200);
            }),
        );
    await Promise.all(posts);
    await eventually(() => people.every((p) => h.wa.sentMessages(p).length >= EACH), {
      what: 'every message answered',
      timeoutMs: 60_000,
    });
    return outOfOrder(new Map(people.map((p) => [p, h.texts(p)])), wrote);
  }

  it("answers each person's messages in the order they sent them, each once", async () => {
    const misordered = [];
    for (let round = 0; round < ROUNDS; round += 1) misordered.push(...(await burst(round)));
    expect(misordered).toEqual([]);
  });
});

describe('a Telegram burst: 40 chats each sending 4 updates, posted at once', () => {
  const SECRET = 'burst-order-secret';
  let h: TelegramApp;
  beforeAll(async () => {
    // The stand-in answers on this test's own event loop: in a full run on 2 busy cores, a send of the
    // burst answered after Telegram's 2.5 s was abandoned as unconfirmed, and by design (issue 55,
    // mess-telegram-wire.int.test.ts) the reply was asked again when the chat next wrote: "1 1 3 4".
    // Here the order is the subject, so a send waits as long as it takes. For the same reason an update
    // waits for a smaller one up to the setting's most (15 s), not its 2 s default: on a machine loaded
    // twenty deep (a PostgreSQL run beside seven test runs), a chat's first update reached the app more
    // than 2 s after its second, and was handled after it as the setting says: "019-2 019-1 019-3".
    h = await startTelegramApp({
      webhookSecret: SECRET,
      flow: 'echo-test',
      modules,
      env: { OPSDESK_OUTSIDE_CALL_TIMEOUTS: 'telegram=60000', TELEGRAM_ORDER_GRACE_MS: '15000' },
    });
  });
  afterAll(async () => h?.close());

  let updateId = 900_000_000;
  /** One burst; answers the chats whose replies were not in the order of their updates. */
  async function burst(round: number) {
    const chats = Array.from({ length: PEOPLE }, (_, i) => 880_000 + round * 1000 + i);
    const wrote = (chat: string) => Array.from({ length: EACH }, (_, n) => `${chat.slice(-3)}-${n + 1}`);
    const post = ({ chat, text, id }: { chat: number; text: string; id: number }) => {
      const update = {
        update_id: id,
        message: {
          message_id: id,
          date: Math.floor(Date.now() / 1000),
          chat: { id: chat, type: 'private', first_name: `C${chat}` },
          from: { id: chat, is_bot: false, first_name: `C${chat}`, language_code: 'en' },
          text,
        },
      } as Update;
      return fetch(`${h.baseUrl}/webhooks/telegram`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': SECRET },
        body: JSON.stringify(update),
      }).then(async (r) => expect(r.status, await r.text()).toBe(200));
    };
    // Telegram numbers one bot's updates in one sequence and posts them on parallel connections: a
    // chat's second update may reach the app before its first (here, each pair swapped).
    const updates = chats.flatMap((chat) =>
      wrote(String(chat)).map((text) => ({ chat, text, id: ++updateId })),
    );
    const posts = updates.map((_, i) => updates[i % 2 === 0 ? i + 1 : i - 1]!).map(post);
    await Promise.all(posts);
    await eventually(() => chats.every((c) => h.tg.sentMessages(c).length >= EACH), {
      what: 'every update answered',
      timeoutMs: 60_000,
    });
    return outOfOrder(
      new Map(chats.map((c) => [String(c), h.tg.sentMessages(c).map((m) => m.text ?? '')])),
      wrote,
    );
  }

  it("answers each chat's updates in update_id order, each once", async () => {
    const misordered = [];
    for (let round = 0; round < ROUNDS; round += 1) misordered.push(...(await burst(round)));
    expect(misordered).toEqual([]);
  });
});
