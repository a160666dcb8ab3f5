import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemo } from '../../src/app/demo-seed.ts';
import type { ApiClient } from '../support/test-app.ts';
import { type ConsoleRig, openConsoleAs, shot, startConsoleRig } from './console-harness.ts';

/*
 * The chat simulator as a person on the sandbox's Telegram and WhatsApp (issue 27): a student
 * registers with the mess bot, the desk approves them elsewhere, and the approval with the QR meal
 * pass arrives in the simulator by itself.
 */
let rig: ConsoleRig;
let page: Page;
let staff: ApiClient;

beforeAll(async () => {
  rig = await startConsoleRig({ env: { OPSDESK_SANDBOX: 'true' } });
  await seedDemo(rig.app);
  await rig.app.createStaff({ email: 'desk@example.com', role: 'ops', org: 'mess' });
  await rig.app.createStaff({ email: 'seller@example.com', role: 'ops', org: 'raffle' });
  staff = await rig.app.signIn('desk@example.com', undefined, 'mess');
  await rig.app.startWorker();
  ({ page } = await openConsoleAs(rig, 'desk@example.com'));
}, 180_000);
afterAll(async () => {
  await rig?.close();
});

const chat = () => page.getByTestId('simulator-chat');
async function send(text: string, answer: string | RegExp) {
  const before = await chat().locator('[data-direction="out"]').count();
  await page.getByPlaceholder('Type a message…').fill(text);
  await page.getByRole('button', { name: 'Send', exact: true }).click();
  await chat().locator('[data-direction="out"]').nth(before).waitFor();
  await chat().locator('[data-direction="out"]').filter({ hasText: answer }).last().waitFor();
}

describe('the simulator on the played chats', () => {
  it('receives the mess approval with its QR pass, sent by the system on its own', async () => {
    await page.goto('/console/simulator');
    await page
      .getByTestId('simulator-played')
      .getByText(/on the sandbox’s Telegram/)
      .waitFor();
    await send('/start', /full name/);
    await send('Ravi Kumar', /roll/i);
    await send('SIM7788', /room/i);
    await send('C-7', /phone/i);
    await send('+919811122233', /Ravi Kumar/);
    await chat().locator('[data-choice="confirm"]').last().click();
    await chat()
      .locator('[data-direction="out"]')
      .filter({ hasText: /We will message you here/ })
      .last()
      .waitFor();
    await shot(page, 'sandbox-chats-mess-registered');

    const students = (await staff.get('/api/mess/students?q=SIM7788')).json();
    const student = (students.items ?? students).find(
      (s: { rollNumber: string }) => s.rollNumber === 'SIM7788',
    );
    const approved = await staff.post('/api/mess/students/actions/approve', { ids: [student.id] });
    expect(approved.statusCode, approved.body).toBeLessThan(300);

    // Nobody touches the page: the poll brings the approval in, with the QR pass as a picture.
    const pass = chat().locator('[data-direction="out"] img');
    await pass.waitFor({ timeout: 30_000 });
    await page.waitForFunction(() =>
      [...document.querySelectorAll('[data-testid="simulator-chat"] img')].some(
        (i) => (i as HTMLImageElement).naturalWidth > 50,
      ),
    );
    await chat()
      .getByText(/approved/)
      .last()
      .waitFor();
    await shot(page, 'sandbox-chats-mess-approved');
  });

  it('talks to the raffle on the played WhatsApp, and a new chat starts empty', async () => {
    ({ page } = await openConsoleAs(rig, 'seller@example.com'));
    await page.goto('/console/simulator');
    await page
      .getByTestId('simulator-played')
      .getByText(/on the sandbox’s WhatsApp/)
      .waitFor();
    await send('hola', /Bienvenido/);
    await chat().locator('[data-choice="raffles"]').last().waitFor();
    await shot(page, 'sandbox-chats-raffle');
    await page.getByRole('button', { name: 'New chat' }).click();
    await page.getByText('Say hello to start: the flow answers here.').waitFor();
    expect(await chat().locator('[data-direction]').count()).toBe(0);
  });
});
