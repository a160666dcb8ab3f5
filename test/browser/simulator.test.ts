import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { menuTestModule } from '../fixtures/menu-flow/menu.module.ts';
import { TEST_MODULES } from '../support/template-sources.ts';
import { type ConsoleRig, shot, signInAs, startConsoleRig } from './console-harness.ts';

let rig: ConsoleRig;
beforeAll(async () => {
  rig = await startConsoleRig({ modules: [...TEST_MODULES, menuTestModule] });
  await rig.app.createStaff({ email: 'ops@example.com', role: 'ops' });
});
afterAll(() => rig.close());

describe('chat simulator in the console', () => {
  it('talks to a flow by button taps and typed keywords, in English and Spanish, and keeps the history', async () => {
    const { context, page } = await signInAs(rig, 'ops@example.com');
    await page.goto('/console/simulator');
    await page.getByLabel('Flow').click();
    await page.getByRole('option', { name: 'menu-test' }).click();
    const chat = page.getByTestId('simulator-chat');

    await page.getByPlaceholder('Type a message…').fill('hello');
    await page.getByRole('button', { name: 'Send', exact: true }).click();
    await chat.getByText('What would you like to drink?').waitFor();
    await chat.locator('[data-choice="tea"]').last().click();
    await chat.getByText('Confirm one Tea?').waitFor();
    await page.getByPlaceholder('Type a message…').fill('yes');
    await page.getByRole('button', { name: 'Send', exact: true }).click();
    await chat.getByText('Ordered: Tea. Thank you!').waitFor();

    await page.getByPlaceholder('Type a message…').fill('idioma');
    await page.getByRole('button', { name: 'Send', exact: true }).click();
    await chat.locator('[data-choice]').filter({ hasText: 'Español' }).last().click();
    await page.getByPlaceholder('Type a message…').fill('hola');
    await page.getByRole('button', { name: 'Send', exact: true }).click();
    await chat.getByText('¿Qué te gustaría beber?').waitFor();
    await shot(page, 'simulator');

    await page.reload();
    await chat.getByText('Ordered: Tea. Thank you!').waitFor();
    expect(await chat.locator('[data-direction="in"]').count()).toBeGreaterThanOrEqual(5);
    await context.close();
  });
});
