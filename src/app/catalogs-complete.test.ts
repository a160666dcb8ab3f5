import { describe, expect, it } from 'vitest';
import { type Catalog, LOCALES } from '../core/i18n/index.ts';
import { missingKeysIn } from '../core/i18n/missing-keys.ts';

/**
 * Every server catalog (`*.catalog*.ts` of the core, the channels and the modules): chat replies,
 * e-mails, PDFs and error words, each in the languages its area speaks.
 */
const files = import.meta.glob<Record<string, unknown>>(['../**/*.catalog*.ts', '!../**/*.test.ts'], {
  eager: true,
});

const isCatalogs = (value: unknown): value is Partial<Record<string, Catalog>> =>
  !!value &&
  typeof value === 'object' &&
  typeof (value as { en?: unknown }).en === 'object' &&
  Object.keys(value).every((key) => (LOCALES as readonly string[]).includes(key)) &&
  Object.keys(value).length > 1;

const catalogs = Object.entries(files).flatMap(([file, exports]) =>
  Object.entries(exports)
    .filter(([, value]) => isCatalogs(value))
    .map(([name, value]) => ({
      name: `${file.replace('../', 'src/')} ${name}`,
      value: value as Record<string, Catalog>,
    })),
);

describe('server catalogs', () => {
  // A key one language has and another lacks sends that reader English, or the bare key (issue 28).
  it('word every key in each language the catalog speaks', () => {
    expect(catalogs.length).toBeGreaterThan(5);
    const missing = catalogs.flatMap(({ name, value }) =>
      missingKeysIn(name, value).map((m) => `${m.namespace} [${m.locale}]: ${m.key}`),
    );
    expect(missing).toEqual([]);
  });
});
