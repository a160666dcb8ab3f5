import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemo } from '../../src/app/demo-seed.ts';
import { dateIn } from '../../src/modules/prepaid/prepaid.format.ts';
import { portalCodeCaughtFor } from '../support/outbox-secrets.ts';
import { pdfTextRuns } from '../support/pdf-text.ts';
import { type ConsoleRig, failureShot, shot, startConsoleRig } from './console-harness.ts';

/*
 * Issue 54, items 7, 8 and 11, on the demo's electricity vendor (Kigali Prepaid Power, RWF) in
 * Debian's Chromium, whose own locale data has no Kinyarwanda: Uwase's account speaks Kinyarwanda,
 * she reads the portal in French. Her sign-in code and her statement come in French; her meter's
 * balance says it is an estimate; French and Kinyarwanda digits, money and dates read as theirs.
 */
const ORG = 'power';
let rig: ConsoleRig;
let context: BrowserContext;
let page: Page;

/** The caught e-mails to an address, newest last (the sandbox's SMTP server keeps them). */
function mailsTo(address: string) {
  const sandbox = rig.app.runtimeOf('sandbox') as {
    mail: { messages(): ReadonlyArray<{ to: string[]; subject: string | null; text: string | null }> };
  };
  return sandbox.mail.messages().filter((m) => m.to.includes(address));
}

beforeAll(async () => {
  rig = await startConsoleRig({ env: { OPSDESK_SANDBOX: 'true' } });
  await seedDemo(rig.app);
  await rig.app.startWorker();
  context = await rig.browser.newContext({
    viewport: { width: 390, height: 844 },
    deviceScaleFactor: 2,
    isMobile: true,
    hasTouch: true,
    baseURL: rig.baseUrl,
    locale: 'fr-FR',
    acceptDownloads: true,
  });
  context.setDefaultTimeout(20_000);
  page = await context.newPage();
  page.on('pageerror', (err) => console.error(`[portal] ${err.message}`));
}, 180_000);

afterAll(async () => {
  await context?.close();
  await rig?.close();
});

describe('the portal read in French and Kinyarwanda by a Kinyarwanda-speaking account', () => {
  it('sends the sign-in code in the portal’s French, not the account’s Kinyarwanda (item 8)', async () => {
    try {
      await page.goto(`/portal/${ORG}/`);
      await page.getByLabel('Numéro de téléphone').fill('0788 000 111');
      await page.getByLabel('Numéro du compteur').fill('kgl-0001');
      await page.getByRole('button', { name: 'Envoyez-moi un code' }).click();
      await page.getByText('un code est en route').waitFor();
      await page.getByLabel('Code').fill(await portalCodeCaughtFor(rig.app, 'uwase@example.com'));
      // The code's mail, once caught (the demo's token mails go to her too: the one with six digits).
      const codeMail = () =>
        mailsTo('uwase@example.com')
          .filter((m) => /\b\d{6}\b/.test(m.text ?? ''))
          .at(-1);
      // Was "Kode yawe yo kwinjira": the account's language whatever the portal's.
      await expect.poll(() => codeMail()?.subject).toBe('Votre code de connexion');
      expect(codeMail()!.text).toMatch(/^Votre code pour le compteur KGL-0001 : \d{6}\./);
      await page.getByRole('button', { name: 'Se connecter' }).click();
      await page.getByRole('heading', { name: 'Bonjour, Uwase household' }).waitFor();
    } catch (err) {
      await failureShot(page, 'prepaid-portal-languages-sign-in');
      throw err;
    }
  });

  it('says the meter’s balance is an estimate, in French digits, and dates purchases in French (items 7, 11)', async () => {
    const balance = page.getByTestId('balance-KGL-0001');
    await balance.waitFor();
    const text = (await balance.innerText()).replace(/\s+/g, ' ');
    // The demo's meters do not report their balance: it is estimated from what was sold and said so.
    expect(text).toMatch(/^Environ \d+,\d kWh restants \(notre estimation\)/);
    expect(text).toContain('votre compteur ne nous dit pas son solde');
    const card = (await page.locator('[data-meter="KGL-0001"]').innerText()).replace(/\s+/g, ' ');
    expect(card).toMatch(/\d+,\d kWh achetés ce mois-ci/);
    expect(card).toMatch(/Environ \d+ jours restants à \d+,\d kWh par jour/);
    expect(card).not.toMatch(/\d\.\d kWh/);
    const history = (await page.getByTestId('history').innerText()).replace(/\s+/g, ' ');
    expect(history).toMatch(/\d{1,2} [a-zéû]+\.? \d{4} · KGL-0001/);
    expect(history).toMatch(/\b\d{1,2}\s\d{3}\sRWF/);
    await shot(page, 'prepaid-portal-languages-1-french-home', { fullPage: true });
  });

  it('downloads the statement in French, dated on Kigali’s clock (items 8, 11)', async () => {
    const statements = page.getByTestId('statements');
    // The month names itself in French, this month first.
    const months = await statements.locator('option').allInnerTexts();
    expect(months[0]).toMatch(/^[a-zéû]+ \d{4}$/);
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      statements.getByRole('button', { name: 'Télécharger le PDF' }).click(),
    ]);
    const chunks: Buffer[] = [];
    for await (const c of await download.createReadStream()) chunks.push(c as Buffer);
    const text = pdfTextRuns(Buffer.concat(chunks)).join(' ').replace(/\s+/g, ' ');
    // Was "Raporo y’amashanyarazi … Yakozwe: 2026-11-25": Kinyarwanda, dated in UTC.
    expect(text).toContain('Relevé d’électricité');
    expect(text).toContain(`Établi le: ${dateIn(new Date(), 'fr', 'Africa/Kigali')}`);
    expect(text).toMatch(/\d+,\d kWh/);
    expect(text).not.toContain('Raporo');
  });

  it('reads Kinyarwanda money and dates as Kinyarwanda writes them, though the browser knows none (item 11)', async () => {
    await page.locator('#lang').selectOption('rw');
    await page.getByRole('heading', { name: 'Muraho, Uwase household' }).waitFor();
    const balance = (await page.getByTestId('balance-KGL-0001').innerText()).replace(/\s+/g, ' ');
    expect(balance).toMatch(/^Hasigaye nka \d+,\d kWh \(igereranya ryacu\)/);
    const history = (await page.getByTestId('history').innerText()).replace(/\s+/g, ' ');
    // Was "Nov 26, 2026 · KGL-0001 … RWF 20,000": Chromium's English in place of Kinyarwanda.
    expect(history).toMatch(
      /\d{1,2} (Mutarama|Gashyantare|Werurwe|Mata|Gicurasi|Kamena|Nyakanga|Kanama|Nzeri|Ukwakira|Ugushyingo|Ukuboza) \d{4} · KGL-0001/,
    );
    expect(history).toMatch(/RWF\s\d{1,2}\.\d{3}\b/);
    expect(history).not.toMatch(/[A-Z][a-z]{2} \d{1,2}, \d{4}|RWF\s\d{1,3},\d{3}/);
    await shot(page, 'prepaid-portal-languages-2-kinyarwanda-home', { fullPage: true });
  });
});
