import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MessRuntime } from '../../src/modules/mess/mess.runtime.ts';
import { registerStudent } from '../../src/modules/mess/students.ts';
import { orgCtx } from '../factories/org.ts';
import { createStaff } from '../factories/staff.ts';
import { type ConsoleRig, failureShot, shot, signInAs, startConsoleRig } from './console-harness.ts';

/*
 * Issue 65, mess: a student who gave a phone and no Telegram is approved on the console, and the
 * approval reaches them by SMS (the console's sandbox phone, fed by the Africa's Talking stand-in the
 * sandbox runs) with the link to their meal pass, which opens the QR the counter scans.
 */
const PUBLIC_URL = 'https://mess.hostel-b.example.in';
let rig: ConsoleRig;

beforeAll(async () => {
  rig = await startConsoleRig({ env: { OPSDESK_SANDBOX: 'true', OPSDESK_PUBLIC_URL: PUBLIC_URL } });
  // the outbox's worker sends the text to the sandbox's Africa's Talking
  await rig.app.startWorker();
}, 120_000);
afterAll(() => rig?.close());

describe('the mess approval by SMS, in the console', () => {
  it('approves a student without Telegram and shows the text with the meal pass link on the sandbox phone', async () => {
    const { email } = await createStaff(rig.app, { role: 'owner' });
    const { page } = await signInAs(rig, email);
    try {
      const ctx = await orgCtx(rig.app);
      const student = await registerStudent(ctx, rig.app.runtimeOf('mess') as MessRuntime, {
        name: 'Priya Nair',
        rollNumber: 'SMS-2026-17',
        room: 'B-12',
        phone: '+91 98123 45699',
        language: 'en',
        telegramId: null,
      });

      await page.goto(`/console/mess.students/${student.id}/show`);
      const panel = page.getByTestId('mess-student-panel');
      await panel.getByText('No pass: the student is Pending').waitFor();
      await page.getByRole('button', { name: 'Approve' }).click();
      await panel.getByRole('img', { name: 'QR meal pass of Priya Nair' }).waitFor();

      await page.goto('/console/sandbox/phone');
      const text = page.getByTestId('phone-sms-text').filter({ hasText: 'Priya Nair' });
      await text.waitFor({ timeout: 30_000 });
      const words = (await text.textContent()) ?? '';
      expect(words).toMatch(
        /^Hello Priya Nair, your mess registration is approved\. Your meal pass: https:\/\/mess\.hostel-b\.example\.in\/public\/mess\/pass\/[0-9a-f-]{36}\/\d+\.[0-9a-f]{20}$/,
      );
      await shot(page, 'mess-sms-1-approval-on-sandbox-phone', { fullPage: true });

      // The student taps the link: the deployment here answers where the public address would.
      const link = /https:\/\/\S+/.exec(words)![0].replace(PUBLIC_URL, rig.baseUrl);
      const opened = await page.goto(link);
      expect(opened?.status()).toBe(200);
      expect(opened?.headers()['content-type']).toBe('image/png');
      await shot(page, 'mess-sms-2-meal-pass-opened');
    } catch (err) {
      await failureShot(page, 'mess-sms-failure');
      throw err;
    }
  });
});
