import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { coffeeSettingsOf } from '../../src/modules/coffee/coffee.settings.ts';
import type { CoffeeTables } from '../../src/modules/coffee/coffee.tables.ts';
import { provisionDevice } from '../../src/modules/coffee/device-tokens.ts';
import { createOnCall } from '../../src/modules/coffee/oncall.ts';
import { orgCtx } from '../factories/org.ts';
import { createStaff } from '../factories/staff.ts';
import { expectAccessible } from './axe.ts';
import { type ConsoleRig, failureShot, shot, signInAs, startConsoleRig } from './console-harness.ts';

/*
 * Issue 65, coffee: a fleet manager away from the console, on call by SMS in French, hears of a
 * machine whose milk ran out on their phone (the console's sandbox phone, fed by the Africa's
 * Talking stand-in the sandbox runs), and the owner switches alarm texts off on the fleet settings.
 */
let rig: ConsoleRig;

beforeAll(async () => {
  rig = await startConsoleRig({ env: { OPSDESK_SANDBOX: 'true' } });
  // the outbox's worker sends the text to the sandbox's Africa's Talking
  await rig.app.startWorker();
}, 120_000);
afterAll(() => rig?.close());

describe('coffee alarms by SMS, in the console', () => {
  it("shows the alarm text on the sandbox phone in the manager's French, and switches alarm texts off in the fleet settings", async () => {
    const { email } = await createStaff(rig.app, { role: 'owner' });
    const { page } = await signInAs(rig, email);
    try {
      const ctx = await orgCtx(rig.app);
      await createOnCall(ctx, { name: 'Amélie', channel: 'sms', address: '+250788123450', language: 'fr' });
      await ctx.db
        .withTables<CoffeeTables>()
        .insertInto('coffee_material')
        .values({ code: 'MILK', name: 'Lait entier', unit: 'ml' })
        .execute();
      const { deviceToken } = await provisionDevice(ctx, { serial: 'CM-SMS-1', model: 'CM-200' });
      const report = await fetch(`${rig.baseUrl}/api/coffee/device/materials`, {
        method: 'POST',
        headers: { authorization: `Bearer ${deviceToken}`, 'content-type': 'application/json' },
        body: JSON.stringify({ bins: [{ binIndex: 0, materialCode: 'MILK', remaining: 0, capacity: 2000 }] }),
      });
      expect(report.status).toBe(200);

      await page.goto('/console/sandbox/phone');
      const text = page.getByTestId('phone-sms-text').filter({ hasText: 'CM-SMS-1' });
      await text.waitFor({ timeout: 30_000 });
      expect(await text.textContent()).toBe('URGENT : La machine à café CM-SMS-1 manque de Lait entier.');
      await shot(page, 'coffee-sms-1-alarm-on-sandbox-phone', { fullPage: true });

      await page.goto('/console/coffee/settings');
      const alarms = page.getByRole('checkbox', { name: /A new alarm/ });
      // the switches are drawn (disabled) before the settings arrive: read them once they have
      await expect.poll(() => alarms.isEnabled()).toBe(true);
      expect(await alarms.isChecked()).toBe(true);
      expect(await page.getByRole('checkbox', { name: /recipe rollout held/i }).isChecked()).toBe(true);
      await alarms.click();
      await expect.poll(() => alarms.isChecked()).toBe(false);
      await expect.poll(async () => (await coffeeSettingsOf(ctx)).smsAlarms).toBe(false);
      await shot(page, 'coffee-sms-2-settings-off');
      await expectAccessible(page, 'the fleet settings');
      await page.reload();
      const reloaded = page.getByRole('checkbox', { name: /A new alarm/ });
      await expect.poll(() => reloaded.isEnabled()).toBe(true);
      expect(await reloaded.isChecked()).toBe(false);
    } catch (err) {
      await failureShot(page, 'coffee-sms-failure');
      throw err;
    }
  });
});
