import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { afterEach } from 'vitest';
import { seedDemo } from '../../src/app/demo-seed.ts';
import { startTestApp, TEST_PASSWORD, type TestApp } from '../support/test-app.ts';

export const SCREENSHOTS = join(process.cwd(), 'test-results', 'screenshots');

const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/**
 * The browser of this test worker. Browser files share a worker's modules (`isolate: false`), so one
 * Chromium serves them in turn: launching and closing one per file cost 2-5 s of a 2-core machine each
 * time. Files never share state through it: each user gets a fresh context (own cookies, storage), and
 * a file's contexts are closed when it ends. Playwright stops the browser when the worker exits.
 */
let workerBrowser: Promise<Browser> | undefined;

/**
 * Debian's Chromium with the flags that work on these machines (see shared/STACK.md), with a fresh
 * temporary user-data-dir. `close` closes the contexts opened on it; the browser stays for the
 * worker's next file (a browser that died is launched again).
 */
export async function launchChromium(): Promise<{ browser: Browser; close: () => Promise<void> }> {
  let browser = await workerBrowser?.catch(() => undefined);
  if (!browser?.isConnected()) {
    workerBrowser = chromium.launch({
      executablePath: '/usr/bin/chromium',
      headless: true,
      args: CHROMIUM_ARGS,
    });
    browser = await workerBrowser;
    throttleEveryPage(browser);
  }
  const shared = browser;
  return {
    browser: shared,
    close: async () => {
      await Promise.all(shared.contexts().map((c) => c.close()));
    },
  };
}

/** Closes every page of the worker's browser: what a file past its bound is stopped by (test/setup). */
export async function closeEveryPage(): Promise<void> {
  const browser = await workerBrowser?.catch(() => undefined);
  await Promise.all((browser?.contexts() ?? []).map((c) => c.close().catch(() => undefined)));
}

/**
 * `OPSDESK_BROWSER_THROTTLE=<rate>` runs every page's CPU that many times slower (Chrome's own
 * throttling, as DevTools does): the browser of a phone or of a busy CI machine, where a page's
 * effects land late. Races that only CI's load showed come out on a quiet machine this way.
 */
function throttleEveryPage(browser: Browser) {
  const rate = Number(process.env.OPSDESK_BROWSER_THROTTLE ?? 1);
  if (!(rate > 1)) return;
  const newContext = browser.newContext.bind(browser);
  browser.newContext = async (options) => {
    const context = await newContext(options);
    context.on('page', (page) => {
      void context
        .newCDPSession(page)
        .then((cdp) => cdp.send('Emulation.setCPUThrottlingRate', { rate }))
        .catch(() => undefined);
    });
    return context;
  };
}

/**
 * `work`, or a failure naming `what` once `ms` have passed. For the calls into a page that Playwright
 * bounds by no timeout (`evaluate`, `count`, `evaluateAll`): a page whose renderer is kept busy answers
 * them never, and a test awaiting one waited until its own timeout, then the file's next test on the
 * same page waited again (console-a11y ran on for 38 minutes so).
 */
export async function within<T>(ms: number, what: string, work: Promise<T>): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what}: no answer from the page in ${ms / 1000} s`)), ms);
  });
  try {
    return await Promise.race([work, late]);
  } finally {
    clearTimeout(timer);
  }
}

export interface ConsoleRig {
  app: TestApp;
  baseUrl: string;
  browser: Browser;
  close(): Promise<void>;
}

/** The real app on a real port plus a browser; screenshots go to test-results/screenshots. */
export async function startConsoleRig(options: Parameters<typeof startTestApp>[0] = {}): Promise<ConsoleRig> {
  const app = await startTestApp(options);
  await app.http.listen({ port: 0, host: '127.0.0.1' });
  const address = app.http.server.address();
  if (!address || typeof address === 'string') throw new Error('no port');
  const chromiumHandle = await launchChromium();
  return {
    app,
    baseUrl: `http://127.0.0.1:${address.port}`,
    browser: chromiumHandle.browser,
    async close() {
      await chromiumHandle.close();
      await app.close();
    },
  };
}

/**
 * The app of this test worker, with the demo seeded, by the environment it was started with: browser
 * files share a worker's modules (`isolate: false`), so one app and one seeded demo serve them in turn
 * where each built and seeded its own (5-7 s of app and 4-7 s of seed a file on a busy 2-core machine,
 * measured). The demo's organizations are for reading: a file that changes data works in an
 * organization of its own (`rig.app.createOrg` with a slug no other file uses).
 */
const workerRigs = new Map<string, Promise<ConsoleRig>>();

/**
 * The worker's shared app and browser with the demo seeded (`env`: settings that differ from the
 * test defaults, such as `OPSDESK_SANDBOX`; each set of them is an app of its own). With `org`, the
 * file works in an organization of its own by that slug, made like the default one: `rig.app`'s
 * staff, sign-ins and factories land there unless they name another, and `openConsoleAs` and
 * `signInAs` sign in to it. `close` closes the file's browser contexts; the app stays for the
 * worker's next file and ends with the worker.
 */
export async function sharedConsoleRig(
  options: { env?: Record<string, string>; org?: string } = {},
): Promise<ConsoleRig> {
  const env = options.env ?? {};
  const key = JSON.stringify(Object.entries(env).sort());
  let started = workerRigs.get(key);
  if (!started) {
    started = (async () => {
      const rig = await startConsoleRig({ env });
      await seedDemo(rig.app);
      return rig;
    })();
    workerRigs.set(key, started);
    // A failed start is not kept: the next file tries again.
    started.catch(() => workerRigs.delete(key));
  }
  const rig = await started;
  const app = options.org ? await rig.app.inOwnOrganization(options.org) : rig.app;
  const chromiumHandle = await launchChromium();
  return { ...rig, app, browser: chromiumHandle.browser, close: chromiumHandle.close };
}

/** The file's own organization on a shared app (`sharedConsoleRig` with `org`), if it has one. */
const ownOrg = (rig: ConsoleRig) => (rig.app.defaultOrg === 'default' ? undefined : rig.app.defaultOrg);

/** A fresh browser context (own cookies and local storage), signed in through the login form. */
export async function signInAs(
  rig: ConsoleRig,
  email: string,
  viewport = { width: 1280, height: 860 },
  /** `org`: the organization's slug, as the console's `?org=` link names it; `timeout`: per step (10 s). */
  options: { org?: string; password?: string; timeout?: number } = {},
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await rig.browser.newContext({
    viewport,
    baseURL: rig.baseUrl,
    acceptDownloads: true,
    locale: 'en-US',
  });
  context.setDefaultTimeout(options.timeout ?? 10_000);
  const page = await context.newPage();
  page.on('pageerror', (err) => console.error(`[browser] ${err.message}`));
  const org = options.org ?? ownOrg(rig);
  await page.goto(org ? `/console/?org=${org}` : '/console/');
  await page.getByLabel('E-mail').fill(email);
  await page.getByLabel('Password').fill(options.password ?? TEST_PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL((url) => !url.pathname.endsWith('/login'));
  await page.getByText('Welcome,').waitFor();
  return { context, page };
}

/**
 * A fresh browser context already signed in as `email` (its session cookie from the API, not the
 * login form), on the console's dashboard: each test opens its own, so none inherits another's page.
 */
export async function openConsoleAs(
  rig: ConsoleRig,
  email: string,
  viewport = { width: 1280, height: 860 },
  timeout = 10_000,
): Promise<{ context: BrowserContext; page: Page }> {
  const login = await rig.app.http.inject({
    method: 'POST',
    url: '/api/auth/login',
    payload: { email, password: TEST_PASSWORD, ...(ownOrg(rig) ? { org: ownOrg(rig) } : {}) },
  });
  const session = login.cookies.find((c) => c.name === 'opsdesk_session');
  if (!session) throw new Error(`sign-in of ${email} failed: ${login.statusCode} ${login.body}`);
  const context = await rig.browser.newContext({
    viewport,
    baseURL: rig.baseUrl,
    acceptDownloads: true,
    locale: 'en-US',
  });
  context.setDefaultTimeout(timeout);
  await context.addCookies([{ name: session.name, value: session.value, url: rig.baseUrl, httpOnly: true }]);
  const page = await context.newPage();
  page.on('pageerror', (err) => console.error(`[browser] ${err.message}`));
  await page.goto('/console/');
  await page.getByText('Welcome,').waitFor();
  return { context, page };
}

/**
 * Saves what the page shows as `test-results/screenshots/<name>.png`, for a person to look at: only
 * when `OPSDESK_SCREENSHOTS=1` (`OPSDESK_SCREENSHOTS=1 npx vitest run --project browser`). Each shot
 * costs a few hundred milliseconds of a busy 2-core machine, and a suite run takes some 250 of them
 * that nobody opens; a failing test is always shot (`failureShot`).
 */
export async function shot(page: Page, name: string, options: { fullPage?: boolean } = {}): Promise<void> {
  if (process.env.OPSDESK_SCREENSHOTS !== '1') return;
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.evaluate(() => document.fonts.ready);
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: options.fullPage ?? false });
}

/** What the page showed when a test failed, whatever `OPSDESK_SCREENSHOTS` says. */
export async function failureShot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`) }).catch(() => undefined);
}

/**
 * Registers, for the calling file, a screenshot of the page (`page()`, read when a test ends) after
 * each test that failed, named after the test.
 */
export function shotOnFailure(page: () => Page | undefined): void {
  afterEach(async (ctx) => {
    const shown = page();
    if (ctx.task.result?.state === 'fail' && shown)
      await failureShot(shown, `failed-${ctx.task.name.slice(0, 40).replace(/\W+/g, '-')}`);
  });
}
