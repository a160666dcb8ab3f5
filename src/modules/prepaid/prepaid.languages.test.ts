import { describe, expect, it } from 'vitest';
import { type Catalog, createI18n, flattenKeys } from '../../core/i18n/index.ts';
import { checkedData } from '../../core/notifications/index.ts';
import { prepaidCatalog } from './prepaid.catalog.ts';
import { prepaidTemplates } from './prepaid.notifications.ts';
import { prepaidNotifyCatalog } from './prepaid.notify.catalog.ts';
import { RECEIPT_WORDS } from './receipt.pdf.ts';
import { STATEMENT_WORDS } from './statement.pdf.ts';

const placeholders = (text: string) => [...text.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]).sort();
const leaf = (catalog: Catalog, key: string) =>
  key.split('.').reduce<unknown>((node, part) => (node as Record<string, unknown>)?.[part], catalog);

/** Values for every field any prepaid message reads. */
const DATA: Record<string, Record<string, unknown>> = {
  'prepaid.token': { meter: 'KGL-0001', amount: 'RF 1.000', units: '10.0', token: '123 456 789' },
  'prepaid.portal_code': { meter: 'KGL-0001', code: '482913' },
  'prepaid.alert': {
    kind: 'low_balance',
    meter: 'KGL-0001',
    balance: '4.5',
    daysLeft: '2',
    lastDay: '',
    usual: '',
  },
  'prepaid.meter_request': { meter: 'KGL-0002', approved: true, note: '' },
  'prepaid.statement': { month: '2026-11', units: '100.0', amount: 'RF 20.000', count: '2' },
  'prepaid.token_sms': { meter: 'KGL-0001', amount: 'RF 5.000', units: '12.5', token: '1234 5678 9012' },
  'prepaid.payment_failed_sms': { meter: 'KGL-0001', amount: 'RF 5.000', ussd: '*384*123#' },
  'prepaid.low_balance_sms': { meter: 'KGL-0001', balance: '4.5', daysLeft: '2', ussd: '' },
};

describe("prepaid's languages: English, French and Kinyarwanda", () => {
  it('the chat and its refusals have every key in each language, with the same placeholders', () => {
    expect(Object.keys(prepaidCatalog).sort()).toEqual(['en', 'fr', 'rw']);
    expect(Object.keys(prepaidNotifyCatalog).sort()).toEqual(['en', 'es', 'fr', 'rw']);
    const i18n = createI18n({
      catalogs: { prepaid: prepaidCatalog, 'prepaid-notify': prepaidNotifyCatalog },
    });
    expect(i18n.findMissingKeys()).toEqual([]);
    for (const catalogs of [prepaidCatalog, prepaidNotifyCatalog])
      for (const key of flattenKeys(catalogs.en))
        for (const [locale, catalog] of Object.entries(catalogs))
          expect(placeholders(String(leaf(catalog!, key))), `${locale} ${key}`).toEqual(
            placeholders(String(leaf(catalogs.en, key))),
          );
  });

  it('every message reads in French and Kinyarwanda, never falling back to English', () => {
    for (const template of prepaidTemplates) {
      expect(DATA[template.key], template.key).toBeDefined();
      const data = checkedData(DATA[template.key]!);
      const english = template.body('en', data);
      for (const locale of ['fr', 'rw'] as const) {
        expect(template.body(locale, data), `${template.key} ${locale}`).not.toBe(english);
        // SMS templates (issue 52) have no subject.
        if (template.subject)
          expect(template.subject(locale, data), `${template.key} ${locale}`).not.toBe(
            template.subject('en', data),
          );
      }
    }
  });

  it('says the token with the words on a Rwandan receipt: tokeni, kWh, amafaranga', () => {
    const tokenData = checkedData(DATA['prepaid.token']!);
    const token = prepaidTemplates.find((t) => t.key === 'prepaid.token')!;
    expect(token.body('rw', tokenData)).toBe(
      'Mubazi KGL-0001: amafaranga wishyuye RF 1.000, 10.0 kWh. Tokeni (umubare w’ifatabuguzi): 123 456 789',
    );
    expect(token.body('fr', tokenData)).toBe(
      'Compteur KGL-0001 : payé RF 1.000, 10.0 kWh. Code (token) : 123 456 789',
    );
    // A language prepaid does not speak reads in English.
    expect(token.body('hi', tokenData)).toBe(token.body('en', tokenData));
  });

  it('writes the statement PDF with every word in each of its languages', () => {
    const keys = (words: object): string[] =>
      Object.entries(words).flatMap(([k, v]) =>
        typeof v === 'object' ? keys(v).map((sub) => `${k}.${sub}`) : [k],
      );
    expect(Object.keys(STATEMENT_WORDS).sort()).toEqual(['en', 'es', 'fr', 'rw']);
    for (const words of Object.values(STATEMENT_WORDS)) expect(keys(words)).toEqual(keys(STATEMENT_WORDS.en));
  });

  it('writes the counter receipt with every word in the statement’s languages, each its own', () => {
    expect(Object.keys(RECEIPT_WORDS).sort()).toEqual(Object.keys(STATEMENT_WORDS).sort());
    for (const [lang, words] of Object.entries(RECEIPT_WORDS)) {
      expect(Object.keys(words), lang).toEqual(Object.keys(RECEIPT_WORDS.en));
      if (lang !== 'en') expect(words.title, lang).not.toBe(RECEIPT_WORDS.en.title);
    }
  });
});
