import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type MomoSandbox, startMomoSandbox } from '../../src/channels/momo/index.ts';
import {
  type AfricasTalkingSandbox,
  deploymentSmsCallbackUrls,
  startAfricasTalkingSandbox,
} from '../../src/channels/sms/index.ts';
import { FLAT_TARIFF } from '../factories/flat-tariff.ts';
import { eventually } from '../support/eventually.ts';
import { type BuiltServer, freePort, runCli, startBuiltServer } from '../support/processes.ts';
import { freshDatabaseEnv } from '../support/test-database.ts';
import { showServerLogOnFailure } from './server-log.ts';
import { type StaffSession, signIn } from './staff-session.ts';

// Issue 52 on the built server (`node dist/src/app/cli.js start`): a feature phone buys electricity by
// USSD from the first screen to the token SMS, with MTN MoMo and Africa's Talking as stand-ins on
// 127.0.0.1; then the server is killed with SIGKILL while Africa's Talking holds its answer to a text
// it already carried, and started again: the text is never sent twice, and staff see it unconfirmed.

const OWNER = 'owner@power.example';
const PASSWORD = 'correct horse battery staple';
const SECRET = 'built-ussd-sms-secret-key-0123456789abcdef01234';
const dataDir = mkdtempSync(join(tmpdir(), 'opsdesk-dist-ussd-'));
let momo: MomoSandbox;
let at: AfricasTalkingSandbox;
let env: Record<string, string>;
let url: string;
let server: BuiltServer | undefined;
let owner: StaffSession;
let meterNumber: string;
const logs: string[] = [];

async function start() {
  server = await startBuiltServer(['start'], env);
}

async function kill() {
  if (!server) return;
  logs.push(server.output());
  await server.kill();
  server = undefined;
}

beforeAll(async () => {
  const port = String(await freePort());
  url = `http://127.0.0.1:${port}`;
  [momo, at] = await Promise.all([
    startMomoSandbox({
      payerRules: [
        { msisdnSuffix: '01', status: 'SUCCESSFUL' },
        { msisdnSuffix: '02', status: 'SUCCESSFUL' },
      ],
      callbackBase: () => url,
    }),
    startAfricasTalkingSandbox({
      // The deployment's account: its operator pasted the URLs `opsdesk sms callback-urls` prints.
      deliveryReportUrl: () =>
        deploymentSmsCallbackUrls({
          publicUrl: url,
          secretKey: SECRET,
          provider: 'africastalking',
          username: at.username,
        }).deliveryReportsUrl,
    }),
  ]);
  env = {
    ...(await freshDatabaseEnv(dataDir)),
    PORT: port,
    HOST: '127.0.0.1',
    OPSDESK_PUBLIC_URL: url,
    OPSDESK_SECRET_KEY: SECRET,
    OPSDESK_LANGUAGES: 'en,fr,rw',
    OPSDESK_CURRENCY: 'RWF',
    MOMO_BASE_URL: momo.url,
    MOMO_SUBSCRIPTION_KEY: momo.subscriptionKey,
    MOMO_API_USER: momo.apiUser,
    MOMO_API_KEY: momo.apiKey,
    MOMO_TARGET_ENVIRONMENT: momo.targetEnvironment,
    ...at.appEnv(),
    AFRICASTALKING_SENDER_ID: 'KPOWER',
    // A text a killed process left sending is unconfirmed three send timeouts after its claim: 15 s
    // here, not the default 3 minutes this file once waited out in real time.
    OPSDESK_SEND_TIMEOUT_SECONDS: '5',
    // The restarted process finds the dead one's job within 2 s, not pg-boss's 30.
    OPSDESK_JOBS_SUPERVISE_SECONDS: '2',
  };
  const created = await runCli(['create-user', '--email', OWNER, '--role', 'owner'], {
    ...env,
    OPSDESK_NEW_PASSWORD: PASSWORD,
  });
  expect(created.code, created.output).toBe(0);
  await start();
  owner = await signIn(url, OWNER, PASSWORD);
  const created201 = async (path: string, body: unknown) => {
    const res = await owner.post(path, body);
    expect(res.status, res.text).toBe(201);
    return res.json();
  };
  await created201('/api/prepaid/tariffs', FLAT_TARIFF);
  const account = await created201('/api/prepaid/accounts', {
    kind: 'household',
    name: 'Mukamana household',
  });
  meterNumber = (await created201('/api/prepaid/meters', { accountId: account.id, number: 'KGL-0052' }))
    .number;
}, 240_000);

showServerLogOnFailure(() => [...logs, server?.output() ?? ''].join('\n'));
afterAll(async () => {
  await kill();
  await Promise.all([momo?.close(), at?.close()]);
  rmSync(dataDir, { recursive: true, force: true });
});

/**
 * The screens of one USSD session, as Africa's Talking posts them, one input more each time, to the
 * callback URL the owner reads in the organization's USSD setup (its slug and its own key).
 */
async function session(phone: string, id: string, inputs: string[]): Promise<string[]> {
  const setup = await owner.get('/api/ussd/setup');
  expect(setup.status, setup.text).toBe(200);
  const callbackUrl: string = setup.json().callbackUrl;
  expect(callbackUrl.startsWith(`${url}/webhooks/ussd/africastalking/default/`)).toBe(true);
  const screens: string[] = [];
  for (let i = 0; i <= inputs.length; i++) {
    const res = await fetch(callbackUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        sessionId: id,
        serviceCode: '*384*52#',
        phoneNumber: phone,
        networkCode: '63510',
        text: inputs.slice(0, i).join('*'),
      }).toString(),
    });
    expect(res.status).toBe(200);
    screens.push(await res.text());
  }
  return screens;
}

const smsNotifications = async () =>
  (await owner.get('/api/notifications?channel=sms&perPage=50')).json().items as Array<{
    id: string;
    to: string;
    status: string;
  }>;

describe('a feature phone on the built server', () => {
  it('buys electricity by USSD and receives the token by SMS in one part', async () => {
    const phone = '+250788520001';
    const screens = await session(phone, 'ATUid_dist1', ['1', meterNumber, '1500', '1']);
    expect(screens[0]).toMatch(/^CON Electricity\n1\. Buy/);
    expect(screens[3]).toMatch(/^CON 15\.0 kWh for RWF\s?1,500\nEnergy/);
    expect(screens[4]).toMatch(/^END Approve RWF\s?1,500 on your phone/);
    const [sms] = await eventually(() => at.inbox(phone).length > 0 && at.inbox(phone), {
      what: 'the token SMS',
      timeoutMs: 60_000,
    });
    expect(sms!.text).toMatch(
      new RegExp(`^Meter ${meterNumber}\\nToken [\\d ]+\\n15\\.0 kWh, paid RWF 1,500$`),
    );
    expect(sms).toMatchObject({ segments: 1, encoding: 'GSM-7', from: 'KPOWER' });
    // Africa's Talking's delivery report settles it: the outbox logs it delivered.
    await eventually(
      async () => {
        const n = (await smsNotifications()).find((m) => m.to === phone);
        if (!n) return false;
        const detail = (await owner.get(`/api/notifications/${n.id}`)).json();
        return detail.events.some((e: { status: string }) => e.status === 'delivered');
      },
      { what: 'the delivery report', timeoutMs: 30_000 },
    );
  });

  it("never sends a text twice when killed with SIGKILL after Africa's Talking carried it", async () => {
    const phone = '+250788520002';
    // Africa's Talking carries the next text to the phone, and its answer never comes back.
    at.answerNext('carry-and-hold');
    await session(phone, 'ATUid_dist2', ['1', meterNumber, '800', '1']);
    await eventually(() => at.inbox(phone).length === 1, { what: 'the text carried', timeoutMs: 60_000 });
    await kill();
    await start();
    // The claim the dead process left says the text may have reached the phone: once the claim's lease
    // ends (3 × OPSDESK_SEND_TIMEOUT_SECONDS) it is unconfirmed, for staff to decide, and never sent
    // again (the SMS channel's rule for a cut-off send: its report may have come while nobody listened).
    const n = await eventually(
      async () => (await smsNotifications()).find((m) => m.to === phone && m.status === 'unconfirmed'),
      { what: 'the cut-off text to be unconfirmed', timeoutMs: 120_000, everyMs: 1_000 },
    );
    expect(n).toBeDefined();
    expect(at.inbox(phone)).toHaveLength(1);
    expect(at.requests.filter((r) => (r.body as { to?: string }).to === phone)).toHaveLength(1);
  }, 240_000);
});
