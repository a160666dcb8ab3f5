import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { eventually } from '../../../test/support/eventually.ts';
import { TEST_MODULES } from '../../../test/support/template-sources.ts';
import { TEST_PASSWORD } from '../../../test/support/test-app.ts';
import { createTestDatabase } from '../../../test/support/test-database.ts';
import { addMember } from '../../core/auth/index.ts';
import { findOrganizationBySlug } from '../../core/orgs/index.ts';
import { testConfig } from '../../platform/config/index.ts';
import type { Database } from '../../platform/db/index.ts';
import { type App, buildApp } from '../build-app.ts';
import type { SandboxRuntime } from './sandbox.area.ts';

/*
 * Issue 66, item 3: after `npm start` was restarted, the played Telegram went unanswered for about
 * two minutes. Its bot numbered updates from the start again, and the app took every update_id it had
 * stored before as a re-delivery. Here the app runs twice on the same data, as a restart does.
 */
vi.setConfig({ testTimeout: 90_000 });

const OPS = 'ops@restart.example';
const CONTACT = 'sim-restart';
const dataDir = mkdtempSync(join(tmpdir(), 'opsdesk-tg-restart-'));
let database: Database;
let app: App | undefined;
let session = { cookie: '', csrf: '' };

/** The app on the test's database and data folder, listening (the played bot posts to it) with its worker. */
async function startApp(): Promise<App> {
  const started = await buildApp({
    config: testConfig({
      OPSDESK_SANDBOX: 'true',
      OPSDESK_DATA_DIR: dataDir,
      OPSDESK_RATE_LIMIT_PER_MINUTE: '100000',
      OPSDESK_LOGIN_RATE_LIMIT_PER_MINUTE: '100000',
    }),
    modules: TEST_MODULES,
    database,
    migrate: false,
    jobPollingSeconds: 0.5,
  });
  await started.http.listen({ host: '127.0.0.1', port: 0 });
  await started.startWorker();
  return started;
}

/** The desk's session: kept in the database, so it outlives the restart as a browser's does. */
async function signIn(): Promise<void> {
  const login = await app!.http.inject({
    method: 'POST',
    url: '/api/auth/login',
    payload: { email: OPS, password: TEST_PASSWORD },
  });
  expect(login.statusCode, login.body).toBe(200);
  const cookie = login.cookies.find((c) => c.name === 'opsdesk_session')!;
  session = { cookie: `opsdesk_session=${cookie.value}`, csrf: login.json().csrfToken };
}

const call = (method: 'GET' | 'POST', url: string, body?: unknown) =>
  app!.http.inject({
    method,
    url,
    headers: {
      cookie: session.cookie,
      'x-csrf-token': session.csrf,
      ...(body ? { 'content-type': 'application/json' } : {}),
    },
    ...(body ? { payload: JSON.stringify(body) } : {}),
  });

type Entry = { direction: 'in' | 'out'; payload: { text?: string } };
const answers = async () =>
  ((await call('GET', `/api/sandbox/chats/mess/${CONTACT}`)).json().messages as Entry[]).filter(
    (m) => m.direction === 'out',
  );

/** The contact writes to the mess's played bot and waits for the bot's next answer. */
async function say(text: string): Promise<string> {
  const before = (await answers()).length;
  const sent = await call('POST', `/api/sandbox/chats/mess/${CONTACT}`, { kind: 'text', text });
  expect(sent.statusCode, sent.body).toBe(202);
  const after = await eventually(
    async () => {
      const out = await answers();
      return out.length > before ? out : undefined;
    },
    { what: `an answer to "${text}"` },
  );
  return after.at(-1)!.payload.text ?? '';
}

/** The update ids the played bot of the mess posted to the app. */
async function postedUpdateIds(): Promise<number[]> {
  const sandbox = app!.runtimeOf('sandbox') as SandboxRuntime;
  const account = (await sandbox.chats.accountOf(
    (await findOrganizationBySlug(database.db, 'default'))!.id,
  ))!;
  const bot = await sandbox.telegram!.bot(account.bot!.token, account.bot!.username);
  return bot.webhookDeliveries.map((d) => d.updateId);
}

beforeAll(async () => {
  database = await createTestDatabase();
  app = await startApp();
  const org = (await findOrganizationBySlug(database.db, 'default'))!;
  await addMember(app.deps.systemCtx(org.id, 'test'), {
    email: OPS,
    name: 'ops',
    password: TEST_PASSWORD,
    role: 'owner',
    assignerRole: 'system',
  });
  await signIn();
}, 180_000);
afterAll(async () => {
  await app?.close();
  await database?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('the played Telegram across a restart of the app', () => {
  it('answers the first message after the restart, numbering updates on from the last run', async () => {
    expect(await say('/start')).toMatch(/full name/);
    expect(await say('Asha Verma')).toBeTruthy();
    const before = await postedUpdateIds();
    expect(before).toHaveLength(2);

    await app!.close();
    app = await startApp();

    // The person goes on where they were: the next question of the registration, at once.
    expect(await say('SBX4242')).toBeTruthy();
    const after = await postedUpdateIds();
    expect(after).toEqual([before[1]! + 1]);
  });
});
