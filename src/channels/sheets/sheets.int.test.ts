import { generateKeyPairSync } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type GoogleSheetsStandin, startGoogleSheetsStandin } from '../../../test/standins/google-sheets.ts';
import { type RowSink, RowSinkError } from '../../core/row-sinks/index.ts';
import { sheetsConfigSchema, sheetsSettingsOf } from './sheets.config.ts';
import { createSheetsSink } from './sheets.sink.ts';

const EMAIL = 'sink@opsdesk-test.iam.gserviceaccount.com';
let google: GoogleSheetsStandin;
let sink: RowSink;

beforeAll(async () => {
  const { publicKey, privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  google = await startGoogleSheetsStandin();
  google.registerServiceAccount({
    clientEmail: EMAIL,
    publicKeyPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
  });
  google.createSpreadsheet('book', ['Log', 'My sheet']);
  const pem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
  const settings = sheetsSettingsOf(
    sheetsConfigSchema.parse({
      GOOGLE_SHEETS_API_BASE_URL: google.url,
      GOOGLE_OAUTH_TOKEN_URL: google.tokenUrl,
      GOOGLE_SERVICE_ACCOUNT_EMAIL: EMAIL,
      // As a one-line env file carries it.
      GOOGLE_SERVICE_ACCOUNT_KEY: pem.replace(/\n/g, '\\n'),
    }),
  );
  sink = createSheetsSink(settings!);
});
afterAll(async () => google?.close());

const refusal = (work: Promise<unknown>) =>
  work.then(
    () => expect.unreachable(),
    (err: unknown) => {
      expect(err).toBeInstanceOf(RowSinkError);
      return err as RowSinkError;
    },
  );

describe('the Google Sheets row sink', () => {
  it('appends rows in order after the last one, to sheets with spaces in their names too', async () => {
    await sink.append({ spreadsheet: 'book', sheet: 'Log' }, [[1, 'a', true]]);
    await sink.append({ spreadsheet: 'book', sheet: 'Log' }, [[2, 'b', null]]);
    await sink.append({ spreadsheet: 'book', sheet: 'My sheet' }, [['x']]);
    expect(google.rows('book', 'Log')).toEqual([
      [1, 'a', true],
      [2, 'b', ''],
    ]);
    expect(google.rows('book', 'My sheet')).toEqual([['x']]);
  });

  it('fetches a new token when Google stops accepting the cached one', async () => {
    google.expireTokens();
    await sink.append({ spreadsheet: 'book', sheet: 'Log' }, [[3]]);
    expect(google.rows('book', 'Log')).toHaveLength(3);
  });

  it('calls throttling and outages transient, and a missing spreadsheet permanent', async () => {
    google.failNext(1, 503);
    expect((await refusal(sink.append({ spreadsheet: 'book', sheet: 'Log' }, [[4]]))).permanent).toBe(false);
    google.failNext(1, 429);
    expect((await refusal(sink.append({ spreadsheet: 'book', sheet: 'Log' }, [[4]]))).permanent).toBe(false);
    expect((await refusal(sink.append({ spreadsheet: 'gone', sheet: 'Log' }, [[4]]))).permanent).toBe(true);
    expect(google.rows('book', 'Log')).toHaveLength(3);
  });

  it('adds a tab the spreadsheet lacks and appends to it (issue 54 item 6)', async () => {
    await sink.append({ spreadsheet: 'book', sheet: 'Payments' }, [[1, 'paid']]);
    await sink.append({ spreadsheet: 'book', sheet: 'Payments' }, [[2, 'paid']]);
    expect(google.sheetTitles('book')).toEqual(['Log', 'My sheet', 'Payments']);
    expect(google.rows('book', 'Payments')).toEqual([
      [1, 'paid'],
      [2, 'paid'],
    ]);
    // Only the first append found the tab missing: one addSheet.
    expect(google.requests.filter((r) => r.path.endsWith(':batchUpdate'))).toHaveLength(1);
  });

  it('calls an unreachable Google transient', async () => {
    // The token is signed before anything is sent: the key must be a real one.
    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 1024 });
    const unreachable = createSheetsSink({
      apiBaseUrl: 'http://127.0.0.1:9',
      tokenUrl: 'http://127.0.0.1:9/token',
      serviceAccountEmail: EMAIL,
      serviceAccountKey: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    });
    const err = await refusal(unreachable.append({ spreadsheet: 'book', sheet: 'Log' }, [[5]]));
    expect(err.permanent).toBe(false);
  });

  it('is not offered without a service account', () => {
    expect(
      sheetsSettingsOf(sheetsConfigSchema.parse({ GOOGLE_SERVICE_ACCOUNT_EMAIL: EMAIL })),
    ).toBeUndefined();
  });
});
