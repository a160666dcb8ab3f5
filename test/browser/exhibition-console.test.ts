import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type SmtpProcess, startSmtpProcess } from '../standins/smtp-server.ts';
import { eventually } from '../support/eventually.ts';
import { type ConsoleRig, openConsoleAs, shot, shotOnFailure, startConsoleRig } from './console-harness.ts';

/*
 * The exhibition's end-of-exhibition run in the console: the desk starts it, watches the progress,
 * and reads which customers' statements did not go out. E-mail goes through the SMTP server process.
 */
let rig: ConsoleRig;
let smtp: SmtpProcess;
let page: Page;
const emails = ['meera@visitor.test', 'tom@visitor.test', 'lucia@visitor.test', 'omar@visitor.test'];

beforeAll(async () => {
  smtp = await startSmtpProcess();
  rig = await startConsoleRig({
    env: { SMTP_URL: `smtp://127.0.0.1:${smtp.port}`, SMTP_FROM: 'Expo desk <desk@expo.test>' },
  });
  await rig.app.createStaff({ email: 'owner@example.com', role: 'owner' });
  const owner = await rig.app.signIn('owner@example.com');
  const ex = (
    await owner.post('/api/exhibition/exhibitions', {
      name: 'Spring Crafts Fair',
      currency: 'EUR',
      startsOn: '2026-12-10',
      endsOn: '2026-12-12',
    })
  ).json();
  const booth = (await owner.post(`/api/exhibition/exhibitions/${ex.id}/booths`, { name: 'Pottery' })).json();
  for (const [i, email] of emails.entries()) {
    const c = await owner.post('/api/exhibition/customers', {
      exhibitionId: ex.id,
      name: email.split('@')[0]!.replace(/^./, (m) => m.toUpperCase()),
      email,
      phone: `+3460000000${i}`,
    });
    expect(c.statusCode, c.body).toBe(201);
    await owner.post(`/api/exhibition/customers/${c.json().id}/bills`, {
      boothId: booth.id,
      amountMinor: 1500 + i,
    });
  }
  await rig.app.startWorker();
  await smtp.waitForMessages(emails.length);
  ({ page } = await openConsoleAs(rig, 'owner@example.com'));
});

shotOnFailure(() => page);

afterAll(async () => {
  await rig?.close();
  await smtp?.stop();
});

describe('exhibition statements run in the console', () => {
  it('e-mails every customer their statement with progress, lists the one the relay refused, and retries it once', async () => {
    // The relay refuses one statement for good: it shows as not delivered.
    await smtp.failNext(1, 550);
    await page.click('[data-nav="page:/exhibition/statements"]');
    await page.getByText('At the end of the exhibition').waitFor();
    await page.getByTestId('start-statement-run').click();
    await page.locator('[data-testid="statement-run"][data-status="done"]').waitFor({ timeout: 30_000 });
    await expect
      .poll(() => page.getByTestId('statement-run-counts').innerText(), { timeout: 30_000 })
      .toBe('4 of 4 queued · 3 sent · 0 waiting · 1 failed');
    expect(await page.getByRole('progressbar').getAttribute('aria-valuenow')).toBe('100');
    await page.getByText('Not delivered').waitFor();
    await shot(page, 'exhibition-statements-en');
    const statements = await eventually(async () => {
      const got = (await smtp.messages()).filter((m) => m.subject?.startsWith('Your statement'));
      return got.length === 3 ? got : undefined;
    });
    expect(new Set(statements.map((m) => m.to[0])).size).toBe(3);

    // "Retry the failed ones": the refused statement goes out; the three reached are not e-mailed again.
    await page.getByTestId('retry-statement-failures').click();
    await expect
      .poll(() => page.getByTestId('statement-run-counts').innerText(), { timeout: 30_000 })
      .toBe('4 of 4 queued · 4 sent · 0 waiting · 0 failed');
    const resent = await eventually(async () => {
      const got = (await smtp.messages()).filter((m) => m.subject?.startsWith('Your statement'));
      return got.length === 4 ? got : undefined;
    });
    expect(new Set(resent.map((m) => m.to[0])).size).toBe(4);
    await shot(page, 'exhibition-statements-retried');

    await page.getByRole('button', { name: 'English' }).first().click();
    await page.getByRole('menuitem', { name: 'Español' }).click();
    await page.getByText('4 de 4 en cola').waitFor();
    await shot(page, 'exhibition-statements-es');
    await page.getByRole('button', { name: 'Español' }).first().click();
    await page.getByRole('menuitem', { name: 'English' }).click();
  });
});
