import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  startWhatsAppStandin,
  type WhatsAppStandin,
} from '../../src/channels/whatsapp/sandbox/whatsapp-graph.ts';
import { updateOrganization } from '../../src/core/orgs/index.ts';
import { buyerForWhatsApp } from '../../src/modules/raffle/buyers.ts';
import { raffleSettingsOf } from '../../src/modules/raffle/raffle.settings.ts';
import { orgCtx } from '../factories/org.ts';
import { createRaffle, createRaffleOrder } from '../factories/raffle.ts';
import { createStaff } from '../factories/staff.ts';
import { expectAccessible } from './axe.ts';
import { type ConsoleRig, failureShot, shot, signInAs, startConsoleRig } from './console-harness.ts';

/*
 * Issue 65, raffle: a buyer who bought by phone is sent the payment confirmation as the seller's
 * WhatsApp template, which Meta refuses (132001: not approved), so it reaches their phone by SMS in
 * their French with the ticket numbers (the console's sandbox phone, fed by the Africa's Talking
 * stand-in the sandbox runs), and the seller switches those texts off in the raffle settings.
 */
let rig: ConsoleRig;
let wa: WhatsAppStandin;

beforeAll(async () => {
  // Meta, as the Graph API stand-in: no template of the seller's is approved.
  wa = await startWhatsAppStandin({ templates: [] });
  rig = await startConsoleRig({
    env: {
      OPSDESK_SANDBOX: 'true',
      WHATSAPP_APP_SECRET: 'raffle-sms-secret',
      WHATSAPP_VERIFY_TOKEN: 'raffle-sms-verify',
      WHATSAPP_ACCESS_TOKEN: wa.accessToken,
      WHATSAPP_PHONE_NUMBER_ID: wa.phoneNumberId,
      WHATSAPP_API_BASE_URL: wa.url,
      WHATSAPP_API_VERSION: 'v25.0',
      WHATSAPP_FLOW: 'raffle',
    },
  });
  // the outbox's worker sends the WhatsApp message, gives it up, and sends the text
  await rig.app.startWorker();
}, 120_000);
afterAll(async () => {
  await rig?.close();
  await wa?.close();
});

describe('raffle texts when WhatsApp cannot deliver, in the console', () => {
  it("shows the order's confirmation on the sandbox phone in the buyer's French, and switches the texts off in the raffle settings", async () => {
    const { email } = await createStaff(rig.app, { role: 'owner' });
    const { page } = await signInAs(rig, email);
    try {
      const ctx = await orgCtx(rig.app);
      await updateOrganization(ctx, {
        settings: {
          whatsapp: {
            templates: {
              'raffle.order_paid': {
                name: 'raffle_order_paid',
                language: { es: 'es', en: 'en_US', fr: 'fr' },
                parameters: ['raffle', 'numbers'],
              },
            },
          },
        },
      });
      const waId = '250788123461';
      await buyerForWhatsApp(ctx, { waId, displayName: 'Aline', language: 'fr' });
      const { id } = await createRaffle(rig.app, { title: 'Tombola du Club' });
      await createRaffleOrder(rig.app, { raffleId: id, waId, pick: { numbers: [12, 7] }, payment: 'paid' });

      await page.goto('/console/sandbox/phone');
      const text = page.getByTestId('phone-sms-text').filter({ hasText: 'Tombola du Club' });
      await text.waitFor({ timeout: 30_000 });
      expect(await text.textContent()).toBe(
        'Paiement confirmé pour "Tombola du Club". Vos billets: 7, 12. Bonne chance!',
      );
      await shot(page, 'raffle-sms-1-confirmation-on-sandbox-phone', { fullPage: true });

      await page.goto('/console/raffle/settings');
      const texts = page.getByLabel(/Send an SMS instead/);
      // the switch is drawn (disabled, on) before the settings arrive: read it once they have
      await expect.poll(() => texts.isEnabled()).toBe(true);
      expect(await texts.isChecked()).toBe(true);
      await texts.click();
      await expect.poll(() => texts.isChecked()).toBe(false);
      await expect.poll(async () => (await raffleSettingsOf(ctx)).smsFallback).toBe(false);
      await shot(page, 'raffle-sms-2-settings-off');
      await expectAccessible(page, 'the raffle settings');
      await page.reload();
      const reloaded = page.getByLabel(/Send an SMS instead/);
      await expect.poll(() => reloaded.isEnabled()).toBe(true);
      expect(await reloaded.isChecked()).toBe(false);
    } catch (err) {
      await failureShot(page, 'raffle-sms-failure');
      throw err;
    }
  });
});
