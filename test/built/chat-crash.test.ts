import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  startTelegramStandin,
  type TelegramStandin,
} from '../../src/channels/telegram/sandbox/telegram-bot-api.ts';
import {
  startWhatsAppStandin,
  type WhatsAppStandin,
} from '../../src/channels/whatsapp/sandbox/whatsapp-graph.ts';
import { openDatabase, sql } from '../../src/platform/db/index.ts';
import { eventually } from '../support/eventually.ts';
import { type BuiltServer, freePort, runCli, startBuiltServer } from '../support/processes.ts';
import { freshDatabaseEnv } from '../support/test-database.ts';
import { showServerLogOnFailure } from './server-log.ts';
import { signIn } from './staff-session.ts';

// Issue 55, items 8 and 9: the built server (`node dist/src/app/cli.js start`) killed with SIGKILL in
// the middle of a chat burst, 40 buyers on WhatsApp and 40 on Telegram writing at once to the raffle
// bot, then started again on the same database. Every message the channel got an acknowledgement for
// is answered, and none twice: a reply the kill cut off before its request was written is sent after
// the restart; one whose request was written is settled by Meta's report (sent again if Meta never
// reported it); on Telegram the claim comes right before the first byte, so nothing in between is lost.

const OWNER = 'owner@crash.example';
const PASSWORD = 'correct horse battery staple';
const APP_SECRET = 'dist-crash-app-secret';
const PEOPLE = 40;
const WA_STEPS = ['hola', 'rifas', '1', 'PICK', 'confirmar'];
const TG_STEPS = ['hi', 'raffles', '1', 'PICK', 'confirm'];

const dataDir = mkdtempSync(join(tmpdir(), 'opsdesk-dist-crash-'));
let wa: WhatsAppStandin;
let tg: TelegramStandin;
let env: Record<string, string>;
let url: string;
let server: BuiltServer | undefined;
const logs: string[] = [];

/** `opsdesk start` from dist/ on the test's port, once it answers /readyz. */
async function start() {
  server = await startBuiltServer(['start'], env);
}
async function stop() {
  if (!server) return;
  logs.push(server.output());
  await server.stop();
  server = undefined;
}

beforeAll(async () => {
  const port = String(await freePort());
  url = `http://127.0.0.1:${port}`;
  // Telegram keeps an update until the bot confirms it (long polling: the next offset).
  [wa, tg] = await Promise.all([startWhatsAppStandin(), startTelegramStandin()]);
  env = {
    ...(await freshDatabaseEnv(dataDir)),
    PORT: port,
    HOST: '127.0.0.1',
    OPSDESK_LANGUAGES: 'en,es',
    OPSDESK_RATE_LIMIT_PER_MINUTE: '1000000',
    WHATSAPP_APP_SECRET: APP_SECRET,
    WHATSAPP_ACCESS_TOKEN: wa.accessToken,
    WHATSAPP_PHONE_NUMBER_ID: wa.phoneNumberId,
    WHATSAPP_API_BASE_URL: wa.url,
    WHATSAPP_FLOW: 'raffle',
    // No webhook secret: the bot long-polls, as a single-site `opsdesk start` does.
    TELEGRAM_BOT_TOKEN: tg.token,
    TELEGRAM_API_ROOT: tg.url,
    TELEGRAM_FLOW: 'raffle',
  };
  const created = await runCli(['create-user', '--email', OWNER, '--role', 'owner'], {
    ...env,
    OPSDESK_NEW_PASSWORD: PASSWORD,
  });
  expect(created.code, created.output).toBe(0);
  await start();
  // Meta reports each message it took, and retries while the app is down, as Meta does.
  wa.reportStatusesTo({ to: `${url}/webhooks/whatsapp`, appSecret: APP_SECRET });
  const owner = await signIn(url, OWNER, PASSWORD);
  const raffle = await owner.post('/api/raffle/raffles', {
    title: 'Rifa del Club',
    priceMinor: 500,
    currency: 'USD',
    minNumber: 1,
    maxNumber: 400,
    maxPerOrder: 3,
    prizes: ['Bicycle'],
  });
  expect(raffle.status, raffle.text).toBe(201);
  expect((await owner.post(`/api/raffle/raffles/${raffle.json().id}/start-selling`)).status).toBe(200);
}, 240_000);

showServerLogOnFailure(() => [...logs, server?.output() ?? ''].join('\n--- restarted ---\n'));
afterAll(async () => {
  await server?.kill();
  await Promise.all([wa?.close(), tg?.close()]);
  rmSync(dataDir, { recursive: true, force: true });
});

/** Delivers as Meta does: again until the app answers 200 (a refused connection while it is down). */
async function deliverUntilAcknowledged(payload: unknown): Promise<void> {
  await eventually(
    async () => {
      const res = await wa
        .deliverWebhook({ to: `${url}/webhooks/whatsapp`, appSecret: APP_SECRET, payload })
        .catch(() => undefined);
      return res?.status === 200;
    },
    { what: 'Meta to get a 200 for a webhook', timeoutMs: 120_000, everyMs: 200 },
  );
}

describe('the built server killed with SIGKILL in a chat burst', () => {
  it('answers every acknowledged message on WhatsApp and on Telegram exactly once after its restart', async () => {
    let answered = 0;
    let killedAt = -1;
    const total = 2 * PEOPLE * WA_STEPS.length;
    const pick = (n: number) => `${2 * n + 1},${2 * n + 2}`;

    const waBuyer = async (i: number) => {
      const from = `5959${String(8100 + i).padStart(8, '0')}`;
      for (const [s, step] of WA_STEPS.entries()) {
        const before = wa.sentMessages(from).length;
        const text = step === 'PICK' ? pick(i) : step;
        await deliverUntilAcknowledged(wa.textMessage({ from, text, id: `wamid.crash-${i}-${s}` }));
        await eventually(() => wa.sentMessages(from).length > before, {
          what: `the answer to WhatsApp buyer ${i}'s "${text}"`,
          timeoutMs: 200_000,
        });
        answered++;
      }
    };
    const tgBuyer = async (i: number) => {
      const chat = 9100 + i;
      for (const step of TG_STEPS) {
        const before = tg.sentMessages(chat).length;
        const text = step === 'PICK' ? pick(PEOPLE + i) : step;
        tg.userSendsText({ id: chat, language_code: 'en' }, text);
        await eventually(() => tg.sentMessages(chat).length > before, {
          what: `the answer to Telegram buyer ${i}'s "${text}"`,
          timeoutMs: 200_000,
        });
        answered++;
      }
    };
    const killAndRestart = async () => {
      await eventually(() => answered >= total / 3, { what: 'a third of the burst', timeoutMs: 120_000 });
      await server!.kill();
      killedAt = answered;
      logs.push(server!.output());
      server = undefined;
      await start();
    };

    const started = performance.now();
    await Promise.all([
      killAndRestart(),
      ...Array.from({ length: PEOPLE }, (_, i) => waBuyer(i)),
      ...Array.from({ length: PEOPLE }, (_, i) => tgBuyer(i)),
    ]);
    expect(killedAt).toBeGreaterThan(0);
    expect(killedAt).toBeLessThan(total);

    // What the server recorded, read once it stopped (PGlite's folder is one process's at a time).
    await eventually(
      async () => {
        const res = await fetch(`${url}/readyz`);
        return res.ok;
      },
      { what: 'the server to stay up' },
    );
    await stop();
    const database = await openDatabase({ url: env.DATABASE_URL, dataDir: env.OPSDESK_DATA_DIR });
    try {
      const { rows: inbound } = await sql<{ channel: string; status: string; n: number }>`
        select channel, status, count(*)::int as n from conversation_message
        group by channel, status order by channel, status`.execute(database.db);
      const { rows: outbound } = await sql<{
        id: string;
        channel: string;
        external_id: string;
        status: string;
        text: string | null;
      }>`
        select n.id, n.channel, n.recipient as external_id, n.status, n.payload->>'text' as text
        from notification n where n.template = 'chat.reply' order by n.seq`.execute(database.db);
      console.info(
        `chat crash: killed after ${killedAt} of ${total} answers; the burst took ` +
          `${((performance.now() - started) / 1000).toFixed(0)} s; inbound ${JSON.stringify(inbound)}; ` +
          `replies ${JSON.stringify(countBy(outbound.map((r) => `${r.channel}:${r.status}`)))}`,
      );
      // Every message the channels delivered was handled once.
      expect(inbound).toEqual([
        { channel: 'telegram', status: 'processed', n: PEOPLE * TG_STEPS.length },
        { channel: 'whatsapp', status: 'processed', n: PEOPLE * WA_STEPS.length },
      ]);
      // Every reply reached the person, recorded as such; on Telegram, which reports nothing, a reply
      // whose request the kill cut off once written stays unconfirmed (the chats below show it arrived).
      expect(
        outbound.filter(
          (r) => r.status !== 'sent' && !(r.channel === 'telegram' && r.status === 'unconfirmed'),
        ),
      ).toEqual([]);

      // WhatsApp: each send carried its reply's id; none was sent twice and every reply was sent.
      const references = wa.sentMessages().map((m) => String(m.body.biz_opaque_callback_data));
      expect(references.length).toBe(new Set(references).size);
      expect([...references].sort()).toEqual(
        outbound
          .filter((r) => r.channel === 'whatsapp')
          .map((r) => r.id)
          .sort(),
      );
      // Telegram: each chat got exactly the replies stored for it, in their order (a list's rows follow
      // its first line).
      const firstLine = (text: string | null | undefined) => (text ?? '').split('\n')[0];
      for (let i = 0; i < PEOPLE; i++) {
        const chat = 9100 + i;
        const stored = outbound.filter((r) => r.channel === 'telegram' && r.external_id === String(chat));
        expect(
          tg.sentMessages(chat).map((m) => firstLine(m.text ?? m.caption)),
          `Telegram chat ${chat}`,
        ).toEqual(stored.map((r) => firstLine(r.text)));
        expect(tg.sentMessages(chat).length).toBeGreaterThanOrEqual(TG_STEPS.length);
      }
    } finally {
      await database.close();
    }
  }, 600_000);
});

function countBy(values: string[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const v of values) counts[v] = (counts[v] ?? 0) + 1;
  return counts;
}
