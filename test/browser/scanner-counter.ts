import type { BrowserContext, Page } from 'playwright-core';
import { middayZone } from '../support/test-clock.ts';
import { type ConsoleRig, sharedConsoleRig } from './console-harness.ts';

/** Today's date shifted by `offset` days, as the mess API takes a cycle's dates. */
const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);

/**
 * A mess counter in an organization of the file's own on the worker's shared app: its owner, a
 * scanner account, one meal open all day where it is about noon, a USD 3,000 cycle around today, and
 * the scanner's browser (camera and sound off, a saved preference) at `viewport`, not yet opened.
 * `call` speaks the API as the owner and throws on a refusal.
 */
export async function openScannerCounter(options: {
  org: string;
  scanner: string;
  viewport: { width: number; height: number };
}): Promise<{
  rig: ConsoleRig;
  call: (method: 'post' | 'patch', url: string, body: unknown) => Promise<{ id: string }>;
  cycleId: string;
  context: BrowserContext;
  page: Page;
}> {
  const rig = await sharedConsoleRig({ org: options.org });
  await rig.app.createStaff({ email: 'warden@example.com', role: 'owner' });
  await rig.app.createStaff({ email: options.scanner, role: 'scanner' });
  const owner = await rig.app.signIn('warden@example.com');
  const call = async (method: 'post' | 'patch', url: string, body: unknown) => {
    const res = await owner[method](url, body);
    if (res.statusCode >= 300) throw new Error(`${method} ${url}: ${res.statusCode} ${res.body}`);
    return res.json();
  };
  await call('patch', '/api/org', { timeZone: middayZone() });
  await call('post', '/api/mess/meals', { name: 'All-day meal', start: '00:00', end: '23:59' });
  const cycle = await call('post', '/api/mess/cycles', {
    name: 'This month',
    from: day(-3),
    to: day(27),
    feeMinor: 300_000,
    currency: 'USD',
  });
  const context = await rig.browser.newContext({
    baseURL: rig.baseUrl,
    viewport: options.viewport,
    locale: 'en-US',
  });
  context.setDefaultTimeout(20_000);
  await context.addInitScript(() =>
    localStorage.setItem('opsdesk.scanner.prefs', JSON.stringify({ camera: false, sound: false })),
  );
  const page = await context.newPage();
  page.on('pageerror', (err) => console.error(`[scanner] ${err.message}`));
  return { rig, call, cycleId: cycle.id, context, page };
}
