import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type ChannelName,
  enqueueNotification,
  testMessageTemplate,
} from '../../src/core/notifications/index.ts';
import { findOrganizationBySlug } from '../../src/core/orgs/index.ts';
import type { TestApp } from '../support/test-app.ts';
import { type ConsoleRig, openConsoleAs, shot, shotOnFailure, startConsoleRig } from './console-harness.ts';

/*
 * Issue 65: a person's record did not show the SMS sent to them, only the message's own page did. A
 * mess student's page, a prepaid account's and a contact's now list what was sent to them, the text
 * with its parts, encoding, the network's word and its cost (the sandbox's Africa's Talking stand-in
 * delivers and prices it), each linked to the message's page, a page of ten at a time.
 */
let rig: ConsoleRig;
let page: Page;
let context: BrowserContext;
let owner: Awaited<ReturnType<TestApp['signIn']>>;
let orgId = '';

beforeAll(async () => {
  rig = await startConsoleRig({ env: { OPSDESK_SANDBOX: 'true' } });
  await rig.app.createStaff({ email: 'owner@example.com', role: 'owner' });
  owner = await rig.app.signIn('owner@example.com');
  orgId = (await findOrganizationBySlug(rig.app.database.db, 'default'))!.id;
  await rig.app.startWorker();
  ({ page, context } = await openConsoleAs(rig, 'owner@example.com', undefined, 30_000));
}, 180_000);

shotOnFailure(() => page);

afterAll(async () => {
  await context?.close();
  await rig?.close();
});

/** A message through the outbox, as any module sends one. */
const send = async (channel: ChannelName, to: string, orgName = 'Sunrise Hostel Mess') =>
  (
    await enqueueNotification(rig.app.deps.systemCtx(orgId, 'test'), rig.app.jobs, {
      channel,
      to,
      template: testMessageTemplate,
      data: { name: 'Ravi', orgName },
      locale: 'en',
    })
  ).notification.id;

/** The person's text, once the stand-in's delivery report has come back (the panel reads it again by itself). */
async function deliveredText(phone: string) {
  const row = page.getByTestId('person-message').filter({ hasText: phone });
  await row.getByText('SMS', { exact: true }).waitFor({ timeout: 20_000 });
  await expect
    .poll(() => row.getByTestId('person-message-sms').innerText(), { timeout: 30_000 })
    .toMatch(/^1 part, GSM-7 · Delivered · cost RWF/);
  return row;
}

describe("the messages on a person's record (issue 65)", () => {
  it("shows a mess student the SMS sent to their phone, with parts and cost, linked to the message's page", async () => {
    const res = await owner.post('/api/mess/students', {
      name: 'Ravi Kumar',
      rollNumber: 'CS-2031',
      room: 'B-12',
      phone: '+250788000444',
      language: 'en',
    });
    expect(res.statusCode, res.body).toBe(201);
    const id = await send('sms', '+250788000444');
    await send('sms', '+250788000999');

    await page.goto(`/console/mess.students/${res.json().id}/show`);
    const panel = page.getByTestId('person-messages');
    await panel.getByText('Messages sent').waitFor();
    const row = await deliveredText('+250788000444');
    expect(await row.getAttribute('data-status')).toBe('sent');
    // Another person's text is not on Ravi's page.
    expect(await panel.getByText('+250788000999').count()).toBe(0);
    await panel.scrollIntoViewIfNeeded();
    await shot(page, 'person-messages-1-mess-student');

    await row.getByRole('link').click();
    await page.waitForURL(`**/notifications/${id}/show`);
    await page.getByText('+250788000444').first().waitFor();
  });

  it('shows a prepaid account the SMS sent to its phone', async () => {
    const res = await owner.post('/api/prepaid/accounts', {
      kind: 'household',
      name: 'Uwase household',
      phone: '+250788000555',
    });
    expect(res.statusCode, res.body).toBe(201);
    await send('sms', '+250788000555', 'Kigali Power');
    await page.goto(`/console/prepaid.accounts/${res.json().id}/show`);
    await deliveredText('+250788000555');
    await page.getByTestId('person-messages').scrollIntoViewIfNeeded();
    await shot(page, 'person-messages-2-prepaid-account');
  });

  it("pages through a contact's e-mails and texts, ten at a time", async () => {
    const res = await owner.post('/api/contacts', {
      displayName: 'Aline Uwase',
      identities: [
        { channel: 'email', externalId: 'aline@example.com' },
        { channel: 'phone', externalId: '+250788000666' },
      ],
    });
    expect(res.statusCode, res.body).toBe(201);
    await send('email', 'aline@example.com');
    for (let i = 0; i < 11; i++) await send('sms', '+250788000666');
    await page.goto(`/console/contacts.contacts/${res.json().id}/show`);
    const panel = page.getByTestId('person-messages');
    await panel.getByTestId('person-messages-range').getByText('1–10 of 12').waitFor();
    expect(await panel.getByTestId('person-message').count()).toBe(10);
    // The texts still on their way settle on the open page.
    await expect
      .poll(() => panel.locator('[data-testid="person-message"][data-status="sent"]').count(), {
        timeout: 30_000,
      })
      .toBe(10);
    await panel.scrollIntoViewIfNeeded();
    await shot(page, 'person-messages-3-contact-page-1', { fullPage: true });
    await panel.getByRole('button', { name: 'Older messages' }).click();
    await panel.getByTestId('person-messages-range').getByText('11–12 of 12').waitFor();
    // The oldest, the e-mail, is last.
    const last = panel.getByTestId('person-message').last();
    expect(await last.getAttribute('data-channel')).toBe('email');
    expect(await last.innerText()).toContain('aline@example.com');
    await shot(page, 'person-messages-4-contact-page-2', { fullPage: true });
  });
});
