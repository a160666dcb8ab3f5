import type { BrowserContext, Page } from 'playwright-core';
import englishMessages from 'ra-language-english';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, seedDemo } from '../../src/app/demo-seed.ts';
import { auditFieldsEn, auditFieldsEs, auditFieldsHi } from '../../web/console/src/i18n/audit-fields.ts';
import { auditTitlesEn, auditTitlesEs, auditTitlesHi } from '../../web/console/src/i18n/audit-titles.ts';
import { en } from '../../web/console/src/i18n/en.ts';
import { es } from '../../web/console/src/i18n/es.ts';
import { hi } from '../../web/console/src/i18n/hi.ts';
import { extensionMessages } from '../../web/console/src/registry/registry.ts';
import { signInToPortal } from '../factories/prepaid.ts';
import { type ConsoleRig, shot, signInAs, startConsoleRig } from './console-harness.ts';

/*
 * The history read in Hindi and in Spanish in each demo business (issue 28): the organization's
 * history, a record's history panel and the notifications carry no English word and no UUID in
 * their titles and changes. An "English word" is one the console's English catalogs use and the
 * reader's catalogs do not: names and data (a stall called "Harvest Fair") are not words of the UI.
 */
let rig: ConsoleRig;
let page: Page;
let context: BrowserContext | undefined;

const ORGS = ['mess', 'expo', 'power', 'raffle', 'coffee'] as const;
const LANGUAGES = { hi: 'हिन्दी', es: 'Español' } as const;
/** Proper nouns the catalogs of every language spell the same way. */
const ALLOWED = new Set([
  'whatsapp',
  'telegram',
  'momo',
  'airtel',
  'opsdesk',
  'google',
  'sheets',
  'csv',
  'qr',
]);
const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i;

function wordsOf(catalog: unknown, into = new Set<string>()): Set<string> {
  if (typeof catalog === 'string')
    for (const w of catalog.replace(/%\{\w+\}|\{\w+\}/g, ' ').match(/[A-Za-z]{3,}/g) ?? [])
      into.add(w.toLowerCase());
  else if (catalog && typeof catalog === 'object') for (const v of Object.values(catalog)) wordsOf(v, into);
  return into;
}

const ENGLISH = wordsOf([englishMessages, en, auditTitlesEn, auditFieldsEn, extensionMessages('en')]);
const CATALOGS = { hi, es };
const own = {
  hi: wordsOf([hi, auditTitlesHi, auditFieldsHi, extensionMessages('hi')]),
  es: wordsOf([es, auditTitlesEs, auditFieldsEs, extensionMessages('es')]),
};

/**
 * What a reader of `lang` sees that is not in their language: an English word of the UI in a title
 * or a field's label, a value that is a raw code made of English words (`institution`,
 * `timed_out`), and any UUID. A value with capitals or spaces is data (a stall called "Coffee
 * corner", a staff member "Demo Owner"), read as typed.
 */
function foreignIn(lang: keyof typeof own, seen: Seen): string[] {
  const english = (text: string) =>
    (text.match(/[A-Za-z]{3,}/g) ?? [])
      .map((w) => w.toLowerCase())
      .filter((w) => ENGLISH.has(w) && !own[lang].has(w) && !ALLOWED.has(w))
      .map((w) => `"${w}" in "${text}"`);
  const codes = seen.values.flatMap((value) =>
    value
      .split(/ → |, /)
      .map((part) => part.trim())
      .filter((part) => /^[a-z][a-z0-9_.]*$/.test(part))
      // A digest (a raffle draw's seed hash) is no code: its letters spell "add" or "bad" by chance.
      .filter((part) => !/^[0-9a-f]{16,}$/.test(part)),
  );
  return [
    ...[...seen.words, ...seen.values].filter((text) => UUID.test(text)).map((text) => `uuid in "${text}"`),
    ...seen.words.flatMap(english),
    ...codes.flatMap(english),
    // Background work by its code (`payments.check-status`, `seed-demo`) instead of its words: who
    // did it, or who decided in a change ("Decided by: seed-demo").
    ...seen.values
      .flatMap((value) => value.split(' → '))
      .filter((text) => JOB_CODE.test(text))
      .map((text) => `job code "${text}"`),
  ];
}

/** `seed-demo`, `payments.check-status`; not data such as a machine's order id `seed-12-6-1`. */
const JOB_CODE = /^[a-z]+(?:[.-][a-z]+)+$/;

/** Texts of the UI (titles, field labels, kinds of record) and the values shown beside them. */
type Seen = { words: string[]; values: string[] };

beforeAll(async () => {
  rig = await startConsoleRig();
  await seedDemo(rig.app);
}, 300_000);

afterEach(async (ctx) => {
  if (ctx.task.result?.state === 'fail' && page)
    await shot(page, `failed-history-${ctx.task.name.slice(0, 40).replace(/\W+/g, '-')}`);
});

afterAll(async () => {
  await context?.close();
  await rig?.close();
});

/** The demo owner, signed in to one business's organization (each runs its one module). */
async function openOrg(org: string) {
  await context?.close();
  // Two cores shared by many: a first visit to a lazily loaded page can take more than 10 s.
  ({ context, page } = await signInAs(rig, 'owner@demo.opsdesk.dev', undefined, {
    org,
    password: DEMO_PASSWORD,
    timeout: 30_000,
  }));
}

async function switchLanguage(from: string, to: string) {
  await page.getByRole('button', { name: from }).first().click();
  await page.getByRole('menuitem', { name: to }).click();
}

/**
 * The words and values of the history's title, subject and changes cells (not who or when), or of
 * a record's history panel: a change line is its field's label (bold) and its values.
 */
const seenIn = (rows: string): Promise<Seen> =>
  page.locator(rows).evaluateAll((elements) => {
    const seen: { words: string[]; values: string[] } = { words: [], values: [] };
    for (const row of elements) {
      for (const chip of row.querySelectorAll('.MuiChip-label')) seen.words.push(chip.textContent ?? '');
      // Who: the kind of actor ("Staff"), the words before a name ("Portal: Uwase …") and a name
      // that is a code ("portal"); a name itself is data.
      for (const who of row.querySelectorAll('td:nth-child(2) > *')) {
        const text = who.textContent ?? '';
        if (who.classList.contains('MuiTypography-caption')) seen.words.push(text);
        else if (text.includes(': ')) seen.words.push(text.split(': ')[0]!);
        else seen.values.push(text);
      }
      // The kind of record ("Exhibition bills"); its name beside it is data, unless it is a code (a
      // tariff named by its category, `residential`).
      for (const kind of row.querySelectorAll('td:nth-child(4) > span:first-child'))
        seen.words.push(kind.textContent ?? '');
      for (const name of row.querySelectorAll('td:nth-child(4) > a'))
        seen.values.push(name.textContent ?? '');
      for (const line of row.querySelectorAll('li')) {
        const label = line.querySelector('b')?.textContent ?? '';
        seen.words.push(label);
        seen.values.push((line.textContent ?? '').slice(label.length).replace(/^:\s*/, ''));
      }
    }
    return seen;
  });

/** What a reader of `lang` sees in the history, a record's history and the notifications. */
async function readHistory(org: string, lang: keyof typeof LANGUAGES) {
  await page.goto('/console/audit');
  await page.locator('[data-testid="audit-table"] tbody tr').first().waitFor();
  await page.locator('[data-testid="audit-table"] .MuiLinearProgress-root').waitFor({ state: 'detached' });
  const history = await seenIn('[data-testid="audit-table"] tbody tr');
  await shot(page, `history-${org}-${lang}`);
  // A record of the business itself (the newest rows are the owner's sign-in).
  const record = page.locator('[data-testid="audit-table"] tbody td a:not([href*="/platform."])').first();
  let timeline: Seen = { words: [], values: [] };
  if ((await record.count()) > 0) {
    await record.click();
    await page.locator('[data-testid="audit-timeline"] li').first().waitFor();
    timeline = await seenIn('[data-testid="audit-timeline"] > li');
    // The record's own fields too: who took a bill ("Cobrado por") by words, not `seed-demo`.
    const fields = await page.locator('main .MuiCardContent-root').first().locator('p, span').allInnerTexts();
    timeline.values.push(...fields.filter((text) => JOB_CODE.test(text)));
    await page.locator('[data-testid="audit-timeline"]').scrollIntoViewIfNeeded();
    await shot(page, `history-${org}-${lang}-record`);
  }
  await page.goto('/console/notifications');
  const rows = page.locator('tbody tr');
  // The mess sends nothing while it seeds: its list says it is empty, in the reader's words.
  await rows.first().or(page.getByText(CATALOGS[lang].od.common.empty)).waitFor();
  const notifications = await page.locator('tbody .MuiChip-label').allInnerTexts();
  await shot(page, `history-${org}-${lang}-notifications`);
  if ((await page.locator('tbody tr td').count()) > 1) {
    await rows.first().locator('td').nth(1).click();
    await page.waitForURL(/\/notifications\/[^/]+\/show/);
    await page.locator('main .MuiCardHeader-root .MuiChip-label').first().waitFor();
    notifications.push(...(await page.locator('main .MuiChip-label, main li b').allInnerTexts()));
    await shot(page, `history-${org}-${lang}-notification`);
  }
  expect(history.words.length).toBeGreaterThan(3);
  return {
    history: foreignIn(lang, history),
    record: foreignIn(lang, timeline),
    notifications: foreignIn(lang, { words: notifications, values: [] }),
  };
}

/** The demo's household customer signs in to the prepaid portal and out again: two portal actions. */
async function portalCustomerVisits() {
  const { session } = await signInToPortal(rig.app, {
    org: 'power',
    phone: '+250788000111',
    meterNumber: 'KGL-0001',
    codeTo: 'uwase@example.com',
  });
  const out = await rig.app.anonymous().post('/api/prepaid/portal/power/sign-out', undefined, {
    'x-portal-session': session,
  });
  expect(out.statusCode, out.body).toBe(204);
}

// Each business is read in one of the two languages, by turns: a title or change with no words of its own
// falls back to the same English in every language (the catalogs' completeness test holds that each
// language has every key English has), so one reading per business finds it, and each language reads
// two or three businesses.
describe('the history in Hindi and Spanish', () => {
  ORGS.forEach((org, i) => {
    const lang = (['hi', 'es'] as const)[i % 2]!;
    it(`reads the ${org} history, a record's history and the notifications in ${lang === 'hi' ? 'Hindi' : 'Spanish'}`, async () => {
      await openOrg(org);
      if (org === 'power') await portalCustomerVisits();
      await switchLanguage('English', LANGUAGES[lang]);
      expect(await readHistory(org, lang)).toEqual({ history: [], record: [], notifications: [] });
    }, 300_000);
  });
});

/** What a reader of each language sees of the prepaid demo's codes: tariffs, a language, the job that seeded it. */
const POWER = {
  hi: {
    tariffs: ['संस्थागत', 'आवासीय'],
    seed: 'डेमो डेटा',
    rw: 'किन्यारवांडा',
    settings: ['अंग्रेज़ी', 'फ़्रेंच', 'किन्यारवांडा'],
  },
  es: {
    tariffs: ['Institución', 'Residencial'],
    seed: 'Datos de demostración',
    rw: 'Kinyarwanda',
    settings: ['Inglés', 'Francés', 'Kinyarwanda'],
  },
} as const;

describe('codes a prepaid operator reads in words', () => {
  it("names tariffs, the demo seed, a customer's language and the organization's languages in Hindi and Spanish", async () => {
    await openOrg('power');
    let from: string = 'English';
    for (const lang of ['hi', 'es'] as const) {
      await switchLanguage(from, LANGUAGES[lang]);
      from = LANGUAGES[lang];
      const words = POWER[lang];
      // The history of the tariffs: each linked by its category's words, created by the demo seed.
      await page.goto('/console/audit');
      const subjectType = page.getByLabel(CATALOGS[lang].od.audit.subject_type);
      await subjectType.fill('prepaid_tariff');
      await subjectType.press('Enter');
      const table = page.getByTestId('audit-table');
      await expect
        .poll(() => table.locator('tbody td:nth-child(4) a').allInnerTexts(), { timeout: 30_000 })
        .toEqual(words.tariffs);
      expect(await table.locator('tbody td:nth-child(2) p').allInnerTexts()).toEqual([
        words.seed,
        words.seed,
      ]);
      await shot(page, `history-power-tariffs-${lang}`);

      // The Kinyarwanda-speaking household: its language by name on its page.
      await page.goto('/console/prepaid.accounts');
      await page.getByText('Uwase household').click();
      await page.waitForURL(/\/prepaid\.accounts\/[0-9a-f-]{36}\/show/);
      const language = page.locator('main').getByText(words.rw, { exact: true });
      await language.waitFor();
      expect(await page.locator('main').getByText('rw', { exact: true }).count()).toBe(0);
      await shot(page, `power-account-language-${lang}`);

      // The organization's languages: each one it speaks (French and Kinyarwanda too), by name.
      await page.goto('/console/settings');
      for (const name of words.settings)
        await expect.poll(() => page.getByLabel(name).isChecked()).toBe(true);
      await shot(page, `power-settings-languages-${lang}`);
    }
  }, 300_000);
});
