import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../src/app/demo-seed.ts';
import { eventually } from '../support/eventually.ts';
import { type BuiltServer, startBuiltServer } from '../support/processes.ts';
import { freshDatabaseEnv } from '../support/test-database.ts';
import { showServerLogOnFailure } from './server-log.ts';
import { type StaffSession, signIn } from './staff-session.ts';

/*
 * Issue 66, item 3, on what `npm start` runs (`node dist/src/app/cli.js start --demo`): stopped and
 * started again on the same data, the demo's played Telegram answers the first message at once. It
 * used to number updates from the start again, and the app dropped every id it had seen as a
 * re-delivery: the bot was silent until the count passed the last run's ids.
 */

const OPS = 'ops@demo.opsdesk.dev';
const CONTACT = 'sim-restart';
const dataDir = mkdtempSync(join(tmpdir(), 'opsdesk-tg-restart-'));
let env: Record<string, string>;
let server: BuiltServer | undefined;
const logs: string[] = [];

async function start(): Promise<StaffSession> {
  server = await startBuiltServer(['start', '--demo'], env, { timeoutMs: 150_000 });
  return signIn(server.url, OPS, DEMO_PASSWORD, 'mess');
}
async function stop(): Promise<void> {
  await server?.stop();
  logs.push(server?.output() ?? '');
  server = undefined;
}

type Entry = { direction: 'in' | 'out'; payload: { text?: string } };
const answers = async (desk: StaffSession) => {
  const chat = await desk.get(`/api/sandbox/chats/mess/${CONTACT}`);
  expect(chat.status, chat.text).toBe(200);
  expect(chat.json().channel).toBe('telegram');
  return (chat.json().messages as Entry[]).filter((m) => m.direction === 'out');
};

/** The contact writes to the mess's played bot; resolves with the bot's next answer. */
async function say(desk: StaffSession, text: string): Promise<string> {
  const before = (await answers(desk)).length;
  const sent = await desk.post(`/api/sandbox/chats/mess/${CONTACT}`, { kind: 'text', text });
  expect(sent.status, sent.text).toBe(202);
  const out = await eventually(
    async () => {
      const now = await answers(desk);
      return now.length > before ? now : undefined;
    },
    // Under the server's default rate limit of 600 requests a minute per address.
    { what: `the bot's answer to "${text}"`, timeoutMs: 30_000, everyMs: 300 },
  );
  return out.at(-1)!.payload.text ?? '';
}

beforeAll(async () => {
  env = await freshDatabaseEnv(dataDir);
}, 60_000);
showServerLogOnFailure(() => [...logs, server?.output() ?? ''].join('\n'));
afterAll(async () => {
  await stop();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('npm start, stopped and started again', () => {
  it("answers the played Telegram's first message after the restart", async () => {
    let desk = await start();
    expect(await say(desk, '/start')).toMatch(/full name/);
    expect(await say(desk, 'Asha Verma')).toBeTruthy();
    await stop();

    desk = await start();
    expect(await say(desk, 'SBX4242')).toBeTruthy();
  }, 400_000);
});
