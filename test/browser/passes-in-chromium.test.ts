import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateKeyPair, signPass } from '../../src/core/passes/index.ts';
import { launchChromium } from './console-harness.ts';

/**
 * The offline scanner verifies passes in the browser with the same code the server uses. This bundles
 * `src/core/passes/index.ts` for the browser and checks, inside Chromium, passes signed in Node.
 */
let browser: Browser;
let close: () => Promise<void>;
let bundle: string;

beforeAll(async () => {
  ({ browser, close } = await launchChromium());
  const out = await build({
    entryPoints: [fileURLToPath(new URL('../../src/core/passes/index.ts', import.meta.url))],
    bundle: true,
    platform: 'browser',
    format: 'iife',
    globalName: 'OpsdeskPasses',
    external: ['qrcode'],
    write: false,
  });
  bundle = out.outputFiles[0]!.text;
});
afterAll(() => close());

describe('pass verification in Chromium', () => {
  it('accepts a pass signed in Node, and refuses a forged, an unknown-key and a revoked one', async () => {
    const key = generateKeyPair();
    const subject = { type: 'mess', id: '3e1f7c52-92c4-4a8e-8e4e-2b9c1f0d6a11' };
    const good = signPass({ subject, passVersion: 2, issuedAt: new Date() }, key);
    const at = good.length - 10;
    const forged = good.slice(0, at) + (good[at] === 'A' ? 'B' : 'A') + good.slice(at + 1);
    const stranger = signPass({ subject, passVersion: 2, issuedAt: new Date() }, generateKeyPair());
    const old = signPass({ subject, passVersion: 1, issuedAt: new Date() }, key);

    const page = await browser.newPage();
    await page.addScriptTag({ content: bundle });
    const reasons = await page.evaluate(
      ({ codes, keyId, publicKey }) => {
        const api = (
          globalThis as unknown as { OpsdeskPasses: typeof import('../../src/core/passes/index.ts') }
        ).OpsdeskPasses;
        const publicKeys = { [keyId]: Uint8Array.from(publicKey) };
        return codes.map((code) => {
          const result = api.verifyPass(code, { publicKeys, now: new Date(), currentVersionOf: () => 2 });
          return result.ok ? 'ok' : result.reason;
        });
      },
      { codes: [good, forged, stranger, old], keyId: key.keyId, publicKey: [...key.publicKey] },
    );
    expect(reasons).toEqual(['ok', 'bad_signature', 'unknown_key', 'revoked']);
    expect(await page.evaluate(() => navigator.userAgent)).toMatch(/Chrome/);
    await page.close();
  });
});
