import { it } from 'vitest';
import { shot, startConsoleRig } from './console-harness.ts';

it('debug', async () => {
  const rig = await startConsoleRig();
  const ctx = await rig.browser.newContext({ baseURL: rig.baseUrl });
  const page = await ctx.newPage();
  page.on('console', (m) => console.log('[console]', m.type(), m.text()));
  page.on('pageerror', (e) => console.log('[pageerror]', e.message));
  page.on('response', (r) => console.log('[resp]', r.status(), r.url()));
  await page.goto('/console/');
  await page.waitForTimeout(4000);
  await shot(page, 'debug');
  console.log((await page.content()).slice(0, 1500));
  await rig.close();
});
