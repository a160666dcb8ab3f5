import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { flattenKeys } from '../../../../../src/core/i18n/missing-keys.ts';
import { PAYMENT_METHODS, PAYMENT_STATUSES } from '../../../../../src/core/payments/payments.rules.ts';
import { REFUND_METHODS, REFUND_STATUSES } from '../../../../../src/core/payments/refunds/refunds.rules.ts';
import type { ConsoleLocale } from '../../extensions/console-extension.ts';
import { auditFieldsFr } from '../../i18n/audit-fields.fr.ts';
import { auditFieldsRw } from '../../i18n/audit-fields.rw.ts';
import { auditFieldsEn, auditFieldsEs, auditFieldsHi } from '../../i18n/audit-fields.ts';
import { en } from '../../i18n/en.ts';
import { es } from '../../i18n/es.ts';
import { fr } from '../../i18n/fr.ts';
import { hi } from '../../i18n/hi.ts';
import { rw } from '../../i18n/rw.ts';
import { extensionMessages } from '../../registry/registry.ts';

/**
 * Issue 62: a refund's `sent`, its "Attempt" and MoMo's `SUCCESSFUL` stayed raw in the history in
 * every language but English. Every status, method and provider answer a payment or a refund can
 * hold has words of its own in each console language (not English shown as a fallback).
 */
type Messages = { [key: string]: string | Messages };

const CORE: Record<ConsoleLocale, Messages[]> = {
  en: [en, auditFieldsEn],
  hi: [hi, auditFieldsHi],
  es: [es, auditFieldsEs],
  fr: [fr, auditFieldsFr],
  rw: [rw, auditFieldsRw],
};
const LOCALES = Object.keys(CORE) as ConsoleLocale[];

/** The keys a language's own catalogs word (no fallback to English). */
const own = (locale: ConsoleLocale) =>
  new Set([...CORE[locale], ...extensionMessages(locale)].flatMap((m) => flattenKeys(m)));

const CHANNELS = fileURLToPath(new URL('../../../../../src/channels/', import.meta.url));

/**
 * What MTN MoMo and Airtel Money answer that a payment or refund keeps as its provider status: the
 * codes their clients read (`case 'SUCCESSFUL':`, `raw: 'TR'`, `status ?? 'UNKNOWN'`), from the source.
 */
const providerStatuses = [
  ...new Set(
    ['momo', 'airtel'].flatMap((channel) =>
      readdirSync(join(CHANNELS, channel))
        .filter((f) => /\.ts$/.test(f) && !/test|sandbox|stand-?in/.test(f))
        .flatMap((f) => {
          const source = readFileSync(join(CHANNELS, channel, f), 'utf8');
          if (!/raw/.test(source)) return [];
          return [
            ...source.matchAll(/case '([A-Z][A-Z0-9_]+)':/g),
            ...source.matchAll(/raw(?::| ===) '([A-Z][A-Z0-9_]+)'/g),
            ...source.matchAll(/(?:status \?\?|resultCode \|\|) '([A-Z][A-Z0-9_]+)'/g),
          ].map((m) => m[1] as string);
        }),
    ),
  ),
].sort();

describe('payment and refund words in every console language', () => {
  it('finds the provider answers MoMo and Airtel clients read', () => {
    expect(providerStatuses).toEqual(
      expect.arrayContaining(['SUCCESSFUL', 'FAILED', 'PENDING', 'TS', 'TF', 'TIP', 'TR', 'UNKNOWN']),
    );
  });

  it.each(LOCALES)('words every refund status in %s in its own words', (locale) => {
    const have = own(locale);
    expect(REFUND_STATUSES.filter((s) => !have.has(`payments.refundStatus.${s}`))).toEqual([]);
  });

  it.each(LOCALES)('words every payment status and method and refund method in %s', (locale) => {
    const have = own(locale);
    const codes = [...new Set([...PAYMENT_STATUSES, ...PAYMENT_METHODS, ...REFUND_METHODS])];
    expect(codes.filter((c) => !have.has(`payments.options.${c}`))).toEqual([]);
  });

  it.each(LOCALES)('words every provider answer in %s', (locale) => {
    const have = own(locale);
    expect(providerStatuses.filter((s) => !have.has(`payments.providerStatus.${s}`))).toEqual([]);
  });

  it.each(LOCALES)('words a refund’s attempt, person, record and title in %s', (locale) => {
    const have = own(locale);
    const keys = [
      'od.audit.fields.attempt',
      'payments.refundFields.attempt',
      'payments.refundFields.payer',
      'payments.refundFields.record',
      'payments.refundTitle.toPayer',
      'payments.refundTitle.forRecord',
      'payments.fields.payerName',
      'payments.fields.record',
      'payments.paymentTitle.byPayer',
      'payments.paymentTitle.forRecord',
    ];
    expect(keys.filter((k) => !have.has(k))).toEqual([]);
  });
});
