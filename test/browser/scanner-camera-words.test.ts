import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_PASSWORD } from '../support/test-app.ts';
import { type ConsoleRig, sharedConsoleRig, shot } from './console-harness.ts';

/*
 * Issue 54, item 15: why the camera did not start is said in the scanner's language, and says it
 * again in the language staff switch to (it stayed in the language the page had when the camera
 * failed). Debian's Chromium without a camera: getUserMedia is refused.
 */
const SCANNER = 'counter-words@example.com';
let rig: ConsoleRig;

beforeAll(async () => {
  // The worker's app, in an organization of this file's own.
  rig = await sharedConsoleRig({ org: 'scanner-camera-words' });
  await rig.app.createStaff({ email: SCANNER, role: 'scanner' });
}, 180_000);
afterAll(async () => {
  await rig?.close();
});

describe("the mess scanner's camera refusal", () => {
  it('reads in English, then in Hindi once the page is switched to Hindi', async () => {
    const context = await rig.browser.newContext({
      baseURL: rig.baseUrl,
      viewport: { width: 412, height: 915 },
      locale: 'en-US',
    });
    context.setDefaultTimeout(20_000);
    const page = await context.newPage();
    await page.goto('/scanner/');
    await page.getByLabel('E-mail').fill(SCANNER);
    await page.getByLabel('Password').fill(TEST_PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.locator('#scan').waitFor();
    const cameraError = page.locator('#camera-error');
    await expect
      .poll(() => cameraError.innerText(), { timeout: 30_000 })
      .toMatch(/^Camera not available: .+\. Type the roll number instead\.$/);
    await page.getByRole('button', { name: 'हिन्दी' }).click();
    await expect.poll(() => cameraError.innerText()).toMatch(/^कैमरा उपलब्ध नहीं: .+। रोल नंबर टाइप करें।$/);
    expect(await cameraError.innerText()).not.toMatch(/[A-Za-z]/);
    await shot(page, 'scanner-camera-refused-hindi');
    await page.getByRole('button', { name: 'English' }).click();
    await expect.poll(() => cameraError.innerText()).toMatch(/^Camera not available: /);
    await context.close();
  });
});
