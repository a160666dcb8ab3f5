import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type SmtpProcess, startSmtpProcess } from '../standins/smtp-server.ts';
import { eventually } from '../support/eventually.ts';
import { expectAccessible } from './axe.ts';
import { type ConsoleRig, openConsoleAs, shot, shotOnFailure, startConsoleRig } from './console-harness.ts';

/*
 * Issue 66 item 7 in the console: the desk words the welcome e-mail (placeholders listed, an unknown
 * one refused under its field, a preview), and the next welcome, through a real SMTP server process,
 * reads those words; "Back to the default words" undoes it.
 */
let rig: ConsoleRig;
let smtp: SmtpProcess;
let page: Page;
let owner: Awaited<ReturnType<ConsoleRig['app']['signIn']>>;
let exhibitionId: string;

beforeAll(async () => {
  smtp = await startSmtpProcess();
  rig = await startConsoleRig({
    env: { SMTP_URL: `smtp://127.0.0.1:${smtp.port}`, SMTP_FROM: 'Expo desk <desk@expo.test>' },
  });
  await rig.app.createStaff({ email: 'owner@example.com', role: 'owner' });
  owner = await rig.app.signIn('owner@example.com');
  const ex = await owner.post('/api/exhibition/exhibitions', {
    name: 'Spring Crafts Fair',
    currency: 'EUR',
    startsOn: '2026-12-10',
    endsOn: '2026-12-12',
  });
  exhibitionId = ex.json().id;
  await rig.app.startWorker();
  ({ page } = await openConsoleAs(rig, 'owner@example.com'));
});

shotOnFailure(() => page);

afterAll(async () => {
  await rig?.close();
  await smtp?.stop();
});

const welcomeTo = async (email: string) => {
  const c = await owner.post('/api/exhibition/customers', { exhibitionId, name: 'Meera Iyer', email });
  expect(c.statusCode, c.body).toBe(201);
  return eventually(async () => (await smtp.messages()).find((m) => m.to.includes(email)), {
    what: `the welcome e-mail to ${email}`,
  });
};

describe('the customer e-mail texts in the console', () => {
  it('edits the welcome with its placeholders checked and previewed, sends it, and goes back to the default', async () => {
    await page.click('[data-nav="page:/exhibition/mail-texts"]');
    await page.getByTestId('mail-text-state').getByText('These are the default words.').waitFor();
    expect(await page.getByTestId('mail-text-placeholders').innerText()).toMatch(
      /^\{\{name\}\}\s*\{\{exhibition\}\}\s*\{\{code\}\}$/,
    );
    const subject = page.getByLabel('Subject');
    expect(await subject.inputValue()).toBe('Your code for {{exhibition}}: {{code}}');
    await expectAccessible(page, 'the e-mail texts page');
    await shot(page, 'exhibition-mail-texts-default');

    // A typo in a placeholder is refused, in words, under the field.
    await subject.fill('Welcome to {{exhibiton}}, {{name}}');
    await page.getByRole('button', { name: 'Save' }).click();
    await page
      .getByText('{{exhibiton}} is not a value of this e-mail: use one of the placeholders listed.')
      .waitFor();
    await shot(page, 'exhibition-mail-texts-unknown-placeholder');

    await subject.fill('Welcome to {{exhibition}}, {{name}}: your code {{code}}');
    await page.getByLabel('Text').fill('Dear {{name}},\n\nYour code is {{code}}. Show it at any booth.');
    await page.getByRole('button', { name: 'Preview' }).click();
    const preview = page.getByTestId('mail-text-preview');
    await preview.getByText('Welcome to Spring Crafts Expo, Meera Iyer: your code K7QM-4XPA').waitFor();
    await preview.getByText('Your code is K7QM-4XPA. Show it at any booth.', { exact: false }).waitFor();
    await shot(page, 'exhibition-mail-texts-preview');

    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByTestId('mail-text-state').getByText('These are your organization’s words.').waitFor();
    const mail = await welcomeTo('meera@visitor.test');
    expect(mail.subject).toMatch(
      /^Welcome to Spring Crafts Fair, Meera Iyer: your code [0-9A-Z]{4}-[0-9A-Z]{4}$/,
    );
    expect(mail.text).toMatch(
      /Dear Meera Iyer,\n\nYour code is [0-9A-Z]{4}-[0-9A-Z]{4}\. Show it at any booth\./,
    );

    await page.getByRole('button', { name: 'Back to the default words' }).click();
    await page.getByTestId('mail-text-state').getByText('These are the default words.').waitFor();
    expect(await subject.inputValue()).toBe('Your code for {{exhibition}}: {{code}}');
    const again = await welcomeTo('tom@visitor.test');
    expect(again.subject).toMatch(/^Your code for Spring Crafts Fair: /);
  });
});
