import { spawn } from 'node:child_process';
import { startMomoSandbox } from '../src/channels/momo/index.ts';
import { startAfricasTalkingSandbox } from '../src/channels/sms/index.ts';
import { type LoadResult, measure, printTable, request } from './lib/load.ts';
import { startBenchServer } from './lib/server.ts';

const DURATION = Number(process.env.BENCH_SECONDS ?? 5) * 1000;
const SESSIONS = Number(process.env.BENCH_SESSIONS ?? 50);
const SECRET = 'bench-ussd-secret-key-0123456789abcdef0123456789';
/** Session ids unique to this run and to each pass of `measure` (its warm-up counts from 0 too). */
const RUN = Date.now().toString(36);
let pass = 0;
const warm = (i: number) => (i === 0 ? ++pass : pass);
/**
 * Each session's screens: the menu, Buy, Another meter (after its first purchase the phone's meter is
 * offered; before, the 2 is asked again), the meter, the amount (the quote), pay by MoMo.
 */
const SCREENS = 6;
/** A person's pause between two inputs (reading the screen, typing on a keypad): BENCH_THINK_MS, default 5 s. */
const THINK_MS = Number(process.env.BENCH_THINK_MS ?? 5000);
/** The start of the USSD channel's English 'busy' screen (`ussd.catalog.ts`). */
const BUSY = 'We are still working on it';

/**
 * USSD (issue 52): `BENCH_SESSIONS` (50) phones each going through the purchase menu again and again
 * — menu → Buy → meter → amount (the quote) → pay (a MoMo request to pay on the stand-in) — every
 * screen one gateway POST answered by the conversation engine inline; p99 per screen is the goal
 * (≤ 1 s). Beside it, in the same run, a bare node:http server answering the same form with a CON.
 */
export async function benchUssd(): Promise<void> {
  const momo = await startMomoSandbox({ dropCallbacks: true });
  const at = await startAfricasTalkingSandbox();
  const raw = spawn(process.execPath, [
    '-e',
    "require('http').createServer((q,s)=>{let b='';q.on('data',c=>b+=c);q.on('end',()=>{s.setHeader('content-type','text/plain');s.end('CON '+new URLSearchParams(b).get('text'))})}).listen(39401,'127.0.0.1')",
  ]);
  const server = await startBenchServer(39_400, {
    MOMO_BASE_URL: momo.url,
    MOMO_SUBSCRIPTION_KEY: momo.subscriptionKey,
    MOMO_API_USER: momo.apiUser,
    MOMO_API_KEY: momo.apiKey,
    MOMO_TARGET_ENVIRONMENT: momo.targetEnvironment,
    ...at.appEnv(),
    OPSDESK_SECRET_KEY: SECRET,
    OPSDESK_MODULES: 'prepaid',
    // The bench measures screens, not the limits: its phones dial without pause from one address.
    USSD_SCREENS_PER_PHONE_PER_MINUTE: '1000000',
    USSD_SESSIONS_PER_ADDRESS_PER_MINUTE: '1000000',
    USSD_SCREENS_PER_ADDRESS_PER_MINUTE: '1000000',
  });
  try {
    const headers = await server.signIn();
    const post = async (path: string, body: unknown) =>
      JSON.parse(
        (await request(`${server.base}${path}`, { method: 'POST', headers, body: JSON.stringify(body) }))
          .body,
      );
    await post('/api/prepaid/tariffs', {
      category: 'residential',
      currency: 'RWF',
      tiers: [{ uptoKwh: null, priceMinorPerKwh: 100 }],
      effectiveFrom: '2020-01-01T00:00:00Z',
    });
    const account = await post('/api/prepaid/accounts', { kind: 'household', name: 'bench' });
    const meters: string[] = [];
    for (let i = 0; i < SESSIONS; i++)
      meters.push(
        (await post('/api/prepaid/meters', { accountId: account.id, number: `U-${i}-${Date.now()}` })).number,
      );

    const form = (phone: string, session: string, inputs: string[]) => ({
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        sessionId: session,
        serviceCode: '*384*1#',
        phoneNumber: phone,
        networkCode: '63510',
        text: inputs.join('*'),
      }).toString(),
    });
    const inputsOf = (loop: number, i: number) => ['1', '2', meters[loop]!, '500', '1'].slice(0, i % SCREENS);
    // The organization's own callback URL (its slug and key), as its setup shows it.
    const setupPath = `${server.base}/api/ussd/setup`;
    const ussdPath = JSON.parse((await request(setupPath, { method: 'GET', headers })).body).callbackUrl;
    const ussdUrl = `${server.base}${new URL(ussdPath, server.base).pathname}`;
    let late = 0;
    let unexpected = 0;
    const rows: LoadResult[] = [];
    rows.push(
      await measure({
        label: 'bare node:http answering the form with CON (baseline)',
        concurrency: SESSIONS,
        durationMs: DURATION,
        fire: (loop, i) =>
          request(
            'http://127.0.0.1:39401/',
            form(`+25078840${String(loop).padStart(4, '0')}`, `b-${loop}`, inputsOf(loop, i)),
          ).then(() => {}),
      }),
    );
    for (const thinkMs of [THINK_MS, 0]) {
      // Latency of each screen's request only: a person's pause before the next input is not the server's.
      const screenTimes: number[] = [];
      const row = await measure({
        label: `opsdesk USSD screens, ${SESSIONS} sessions, ${thinkMs} ms between inputs`,
        concurrency: SESSIONS,
        durationMs: DURATION,
        fire: async (loop, i) => {
          const phone = `+25078850${String(loop).padStart(4, '0')}`;
          const screen = i % SCREENS;
          const t0 = performance.now();
          const res = await request(
            ussdUrl,
            form(phone, `${RUN}-${thinkMs}-${loop}-${Math.floor(i / SCREENS)}-${warm(i)}`, inputsOf(loop, i)),
          );
          screenTimes.push(performance.now() - t0);
          if (res.body.includes(BUSY)) late++;
          else if (!(screen === SCREENS - 1 ? /^END / : /^CON /).test(res.body)) {
            unexpected++;
            if (unexpected <= 3) console.log(`  unexpected on screen ${screen}: ${JSON.stringify(res.body)}`);
          }
          if (thinkMs) await new Promise((r) => setTimeout(r, thinkMs));
        },
      });
      screenTimes.sort((a, b) => a - b);
      const pct = (p: number) =>
        screenTimes[Math.min(screenTimes.length - 1, Math.floor((p / 100) * screenTimes.length))] ??
        Number.NaN;
      rows.push({ ...row, p50: pct(50), p95: pct(95), p99: pct(99) });
    }
    printTable(
      'USSD: every screen a gateway POST answered inline by the conversation engine, beside a bare node:http server',
      rows,
    );
    console.log(
      `  screens answered 'still working' at the deadline: ${late}; other unexpected screens: ${unexpected}`,
    );
    console.log(
      `  MoMo requests to pay made: ${momo.requests.filter((r) => r.path.endsWith('/requesttopay')).length}`,
    );
  } finally {
    raw.kill();
    await server.stop();
    await momo.close();
    await at.close();
  }
}
