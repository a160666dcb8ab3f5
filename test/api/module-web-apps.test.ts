import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { raffleModule } from '../../src/modules/raffle/index.ts';
import { startTestApp, type TestApp } from '../support/test-app.ts';

/**
 * Issue 44, item 10: the browser apps a module ships are its declaration (`webApps`), served only
 * while a module that declares them is enabled. The mess scanner (with the exhibition's booth page)
 * and the prepaid portal were served whatever modules ran.
 */
let everything: TestApp;
let raffleOnly: TestApp;

beforeAll(async () => {
  everything = await startTestApp();
  raffleOnly = await startTestApp({ modules: [raffleModule] });
}, 120_000);
afterAll(async () => {
  await everything?.close();
  await raffleOnly?.close();
});

/** Served: the page, or the kit's 503 when the app was not built on this machine. */
const served = (status: number, body: string) =>
  status === 200 || (status === 503 && /_not_built/.test(body));

describe('browser apps of modules', () => {
  it.each([
    ['the mess scanner', '/scanner/'],
    ['the exhibition booth page', '/scanner/booth.html'],
    ['the prepaid portal', '/portal/power/'],
  ])('%s is served while its module is enabled', async (_what, url) => {
    const res = await everything.http.inject({ method: 'GET', url });
    expect(served(res.statusCode, res.body), `${res.statusCode} ${res.body.slice(0, 200)}`).toBe(true);
  });

  it.each([
    ['the mess scanner', '/scanner/'],
    ['the exhibition booth page', '/scanner/booth.html'],
    ['the prepaid portal', '/portal/power/'],
    ['the prepaid portal without a slash', '/portal'],
  ])('%s is not served by a server without its module', async (_what, url) => {
    const res = await raffleOnly.http.inject({ method: 'GET', url });
    expect(res.statusCode, res.body.slice(0, 200)).toBe(404);
  });

  it('serves the console whatever modules run', async () => {
    const res = await raffleOnly.http.inject({ method: 'GET', url: '/console/' });
    expect(served(res.statusCode, res.body), `${res.statusCode}`).toBe(true);
  });
});
