import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, request } from 'node:http';
import type { AddressInfo } from 'node:net';
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

// Issue 65 on the built server (`node dist/src/app/cli.js start`): phones buy electricity by USSD and
// pay with MTN MoMo while Africa's Talking hangs, answers 500, or sits behind a front that answers 502,
// some after carrying the text and some before. Every payer's phone gets its token exactly once, and the
// account owner's phone none of them: a text the network reported is never sent again, and one that
// never left goes to the payer once more when no report came in the window.

const OWNER = 'owner@faults.example';
const PASSWORD = 'correct horse battery staple';
const SECRET = 'built-token-sms-faults-secret-0123456789abcdef';
const OWNER_PHONE = '+250788650099';
/** Seconds a token SMS without an answer waits for its report before it is taken to have never left. */
const REPORT_WAIT_SECONDS = 8;
const dataDir = mkdtempSync(join(tmpdir(), 'opsdesk-dist-sms-faults-'));
let momo: MomoSandbox;
let at: AfricasTalkingSandbox;
let front: GatewayFront;
let url: string;
let server: BuiltServer | undefined;
let owner: StaffSession;
let meterNumber: string;

type FrontFault = 'bad-gateway' | 'forward-then-bad-gateway';

/**
 * The reverse proxy a deployment may put in front of Africa's Talking (or the provider's own load
 * balancer): it passes requests on, and for the next faults answers 502 itself, either without passing
 * the request on (nothing carried) or after the provider took it (the text is on its way; the answer lost).
 */
interface GatewayFront {
  url: string;
  /** The next send to `phone` meets this fault; sends to other phones (a resend racing it) do not. */
  failNext(fault: FrontFault, phone: string): void;
  /** The phones of the sends that came through it, in order. */
  sendsTo(phone: string): number;
  close(): Promise<void>;
}

async function startGatewayFront(upstream: () => string): Promise<GatewayFront> {
  const faults = new Map<string, FrontFault[]>();
  const sends: string[] = [];
  const badGateway = (res: import('node:http').ServerResponse) => {
    res.writeHead(502, { 'content-type': 'text/html' });
    res.end('<html><body><h1>502 Bad Gateway</h1></body></html>');
  };
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      const to = new URLSearchParams(body.toString()).get('to');
      if (to) sends.push(to);
      const fault = to ? faults.get(to)?.shift() : undefined;
      if (fault === 'bad-gateway') return badGateway(res);
      const target = new URL(req.url ?? '/', upstream());
      const forwarded = request(
        target,
        { method: req.method, headers: { ...req.headers, host: target.host } },
        (answer) => {
          if (fault === 'forward-then-bad-gateway') {
            answer.resume();
            return badGateway(res);
          }
          res.writeHead(answer.statusCode ?? 502, answer.headers);
          answer.pipe(res);
        },
      );
      forwarded.on('error', () => (res.headersSent ? res.end() : badGateway(res)));
      forwarded.end(body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    failNext: (fault, phone) => faults.set(phone, [...(faults.get(phone) ?? []), fault]),
    sendsTo: (phone) => sends.filter((s) => s === phone).length,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

beforeAll(async () => {
  const port = String(await freePort());
  url = `http://127.0.0.1:${port}`;
  [momo, at] = await Promise.all([
    startMomoSandbox({
      payerRules: [{ msisdnSuffix: '', status: 'SUCCESSFUL' }],
      callbackBase: () => url,
    }),
    startAfricasTalkingSandbox({
      deliveryReportUrl: () =>
        deploymentSmsCallbackUrls({
          publicUrl: url,
          secretKey: SECRET,
          provider: 'africastalking',
          username: at.username,
        }).deliveryReportsUrl,
    }),
  ]);
  front = await startGatewayFront(() => at.url);
  const env = {
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
    // Every send goes through the front.
    AFRICASTALKING_BASE_URL: front.url,
    AFRICASTALKING_SENDER_ID: 'KPOWER',
    // A hanging Africa's Talking is given up after 3 s (not 10), and its report awaited 4 s (not 5 minutes).
    OPSDESK_OUTSIDE_CALL_TIMEOUTS: 'sms=3000',
    OPSDESK_SEND_TIMEOUT_SECONDS: '5',
    SMS_REPORT_WAIT_SECONDS: String(REPORT_WAIT_SECONDS),
  };
  const created = await runCli(['create-user', '--email', OWNER, '--role', 'owner'], {
    ...env,
    OPSDESK_NEW_PASSWORD: PASSWORD,
  });
  expect(created.code, created.output).toBe(0);
  server = await startBuiltServer(['start'], env);
  owner = await signIn(url, OWNER, PASSWORD);
  const created201 = async (path: string, body: unknown) => {
    const res = await owner.post(path, body);
    expect(res.status, res.text).toBe(201);
    return res.json();
  };
  await created201('/api/prepaid/tariffs', FLAT_TARIFF);
  // The account owner's phone is where a token goes when the payer's phone cannot be reached.
  const account = await created201('/api/prepaid/accounts', {
    kind: 'household',
    name: 'Uwase household',
    phone: OWNER_PHONE,
  });
  meterNumber = (await created201('/api/prepaid/meters', { accountId: account.id, number: 'KGL-0065' }))
    .number;
}, 240_000);

showServerLogOnFailure(() => server?.output());
afterAll(async () => {
  await server?.stop();
  await Promise.all([momo?.close(), at?.close(), front?.close()]);
  rmSync(dataDir, { recursive: true, force: true });
});

/** One USSD purchase from the first screen to the MoMo prompt, as Africa's Talking posts its screens. */
async function buyByUssd(phone: string, sessionId: string, amount: string): Promise<void> {
  const setup = await owner.get('/api/ussd/setup');
  expect(setup.status, setup.text).toBe(200);
  const callbackUrl: string = setup.json().callbackUrl;
  const inputs = ['1', meterNumber, amount, '1'];
  let last = '';
  for (let i = 0; i <= inputs.length; i++) {
    const res = await fetch(callbackUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        sessionId,
        serviceCode: '*384*65#',
        phoneNumber: phone,
        networkCode: '63510',
        text: inputs.slice(0, i).join('*'),
      }).toString(),
    });
    expect(res.status).toBe(200);
    last = await res.text();
  }
  expect(last).toMatch(/^END Approve RWF/);
}

interface SmsItem {
  id: string;
  to: string;
  status: string;
}

const smsTo = async (phone: string) =>
  (
    (await owner.get(`/api/notifications?channel=sms&to=${encodeURIComponent(phone)}&perPage=20`)).json()
      .items as SmsItem[]
  ).filter((m) => m.to === phone);

const eventsOf = async (id: string) =>
  ((await owner.get(`/api/notifications/${id}`)).json().events as Array<{ status: string }>).map(
    (e) => e.status,
  );

/**
 * A fault met by the token SMS of one purchase, and whether the text reached the phone through it;
 * `lateReport`: Africa's Talking's report of it comes only once the text is recorded unconfirmed.
 */
const FAULTS: Array<{ phone: string; fault: string; carried: boolean; lateReport?: true; arm: () => void }> =
  [
    {
      phone: '+250788650001',
      fault: 'hangs',
      carried: false,
      arm: () => at.answerNextTo('+250788650001', 'hold'),
    },
    {
      phone: '+250788650002',
      fault: 'hangs after carrying it',
      carried: true,
      arm: () => at.answerNextTo('+250788650002', 'carry-and-hold'),
    },
    {
      phone: '+250788650003',
      fault: 'answers 500',
      carried: false,
      arm: () => at.answerNextTo('+250788650003', 'server-error'),
    },
    {
      phone: '+250788650004',
      fault: 'answers 500 after carrying it',
      carried: true,
      arm: () => at.answerNextTo('+250788650004', 'carry-and-server-error'),
    },
    {
      phone: '+250788650005',
      fault: 'sits behind a front answering 502',
      carried: false,
      arm: () => front.failNext('bad-gateway', '+250788650005'),
    },
    {
      phone: '+250788650006',
      fault: 'sits behind a front answering 502 after it took the text',
      carried: true,
      arm: () => front.failNext('forward-then-bad-gateway', '+250788650006'),
    },
    {
      phone: '+250788650007',
      fault: 'hangs after carrying it, and reports it late',
      carried: true,
      lateReport: true,
      arm: () => at.answerNextTo('+250788650007', 'carry-and-hold'),
    },
    {
      phone: '+250788650008',
      fault: 'sits behind a front answering 502 after it took the text, and reports it late',
      carried: true,
      lateReport: true,
      arm: () => front.failNext('forward-then-bad-gateway', '+250788650008'),
    },
  ];

describe("token SMS when Africa's Talking's answer is lost, on the built server", () => {
  it('gets every token to its payer exactly once, and none to the owner', async () => {
    let n = 0;
    for (const f of FAULTS) {
      // Faults and held reports are the phone's own: a resend to an earlier phone, racing this
      // purchase on a loaded machine, neither takes its fault nor has its report held.
      if (f.lateReport) at.holdReports(f.phone);
      f.arm();
      await buyByUssd(f.phone, `ATUid_fault${++n}`, String(500 + n * 100));
      // The token SMS met its fault before the next one is armed.
      await eventually(() => front.sendsTo(f.phone) >= 1, {
        what: `the token SMS to ${f.phone} (Africa's Talking ${f.fault})`,
        timeoutMs: 60_000,
      });
      if (!f.lateReport) continue;
      // The text is on the phone, its answer lost: the report ("Success") comes after.
      await eventually(async () => (await smsTo(f.phone)).some((m) => m.status === 'unconfirmed'), {
        what: `the token SMS to ${f.phone} unconfirmed (${f.fault})`,
        timeoutMs: 60_000,
        everyMs: 100,
      });
      await at.releaseReports();
    }
    for (const f of FAULTS) {
      // Each payer's phone has its token once: the one carried, or the one sent again.
      const [sms] = await eventually(() => at.inbox(f.phone).length > 0 && at.inbox(f.phone), {
        what: `the token on ${f.phone} (Africa's Talking ${f.fault})`,
        timeoutMs: 90_000,
        everyMs: 250,
      });
      expect(sms!.text, f.fault).toMatch(new RegExp(`^Meter ${meterNumber}\\nToken [\\d ]+\\n`));
      // Its one outbox message reached its end on the network's word: delivered (a text that never
      // left, after it was unconfirmed and sent once more).
      const [message] = await eventually(
        async () => {
          const messages = await smsTo(f.phone);
          if (messages.length === 0) return false;
          for (const m of messages) if (!(await eventsOf(m.id)).includes('delivered')) return false;
          return messages;
        },
        { what: `the text to ${f.phone} delivered (${f.fault})`, timeoutMs: 90_000, everyMs: 500 },
      );
      expect(
        (await smsTo(f.phone)).map((m) => m.status),
        f.fault,
      ).toEqual(['sent']);
      if (!f.carried) expect(await eventsOf(message!.id), f.fault).toContain('unconfirmed');
      // The SMS channel's rule: a text that never left is sent once more when no report came in its
      // window; one that was carried never is.
      expect(front.sendsTo(f.phone), f.fault).toBe(f.carried ? 1 : 2);
      expect(at.inbox(f.phone), f.fault).toHaveLength(1);
    }
    // A text that went out and was reported is not offered elsewhere: the owner's phone got nothing.
    expect(at.inbox(OWNER_PHONE)).toEqual([]);
    expect(await smsTo(OWNER_PHONE)).toEqual([]);
  }, 420_000);
});
