import { generateKeyPairSync } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signedInStaff } from '../../../../test/factories/staff.ts';
import {
  type GoogleSheetsStandin,
  startGoogleSheetsStandin,
} from '../../../../test/standins/google-sheets.ts';
import { eventually } from '../../../../test/support/eventually.ts';
import { type ApiClient, startTestApp, type TestApp } from '../../../../test/support/test-app.ts';
import { SHEETS } from '../sheets-backup.ts';
import { TZ_ENV } from './mess-fixture.ts';

const SPREADSHEET = 'mess-backup-1';
const EMAIL = 'mess-backup@opsdesk-test.iam.gserviceaccount.com';
let sheets: GoogleSheetsStandin;
let app: TestApp;
let owner: ApiClient;

beforeAll(async () => {
  const { publicKey, privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  sheets = await startGoogleSheetsStandin();
  sheets.registerServiceAccount({
    clientEmail: EMAIL,
    publicKeyPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
  });
  sheets.createSpreadsheet(SPREADSHEET, [...SHEETS]);
  app = await startTestApp({
    env: {
      ...TZ_ENV,
      GOOGLE_SHEETS_API_BASE_URL: sheets.url,
      GOOGLE_OAUTH_TOKEN_URL: sheets.tokenUrl,
      GOOGLE_SERVICE_ACCOUNT_EMAIL: EMAIL,
      GOOGLE_SERVICE_ACCOUNT_KEY: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
      MESS_SHEETS_SPREADSHEET_ID: SPREADSHEET,
    },
  });
  await app.startWorker();
  owner = await signedInStaff(app, { role: 'owner' });
});
afterAll(async () => {
  await app.close();
  await sheets.close();
});

const register = (rollNumber: string) =>
  owner.post('/api/mess/students', { name: `Student ${rollNumber}`, rollNumber });
const rollsIn = (sheet: string) =>
  sheets.sheetTitles(SPREADSHEET).includes(sheet) ? sheets.rows(SPREADSHEET, sheet).map((r) => r[3]) : [];

describe('Google Sheets backup', () => {
  it('appends registrations and approvals with a service-account token', async () => {
    const res = await register('GS001');
    await owner.post('/api/mess/students/actions/approve', { ids: [res.json().id] });
    await eventually(() => rollsIn('Registrations').includes('GS001'));
    await eventually(() => sheets.rows(SPREADSHEET, 'Approvals').length === 1);
    expect(sheets.rows(SPREADSHEET, 'Approvals')[0]!.slice(4, 6)).toEqual(['pending', 'approved']);
    const append = sheets.requests.find((r) => r.path.endsWith(':append'));
    expect(append?.query).toMatchObject({ valueInputOption: 'RAW' });
  });

  it('adds a tab the owner deleted, and a tab that refuses rows never holds up the others (issue 54 item 6)', async () => {
    // The first tab rows go to is gone: the driver adds it back, and the later tabs still get theirs.
    sheets.deleteSheet(SPREADSHEET, 'Registrations');
    const res = await register('GS010');
    await owner.post('/api/mess/students/actions/approve', { ids: [res.json().id] });
    await eventually(() => rollsIn('Registrations').includes('GS010'));
    await eventually(() => rollsIn('Approvals').includes('GS010'));
    expect(sheets.sheetTitles(SPREADSHEET)).toEqual(['Approvals', 'Payments', 'Scans', 'Registrations']);

    // A tab that refuses (protected in Google's editor) keeps only its own rows waiting.
    sheets.protectSheet(SPREADSHEET, 'Registrations');
    try {
      const second = await register('GS011');
      await owner.post('/api/mess/students/actions/approve', { ids: [second.json().id] });
      await eventually(() => rollsIn('Approvals').includes('GS011'));
      expect(rollsIn('Registrations')).not.toContain('GS011');
      // The stand-in holds the approval's row a moment before the job's commit marks it sent.
      const waiting = async () =>
        (
          await app.database.pool.query<{ sheet: string }>(
            'select sheet from mess_sheet_row where sent_at is null',
          )
        ).rows
          .map((r) => r.sheet)
          .join();
      await eventually(async () => (await waiting()) === 'Registrations', {
        what: "only the protected tab's row waiting",
      });
    } finally {
      // Left protected, the tab failed the next tests' registrations too.
      sheets.protectSheet(SPREADSHEET, 'Registrations', false);
    }
    // The settings page names the tabs.
    const proof = await owner.get('/api/mess/settings/sheet-ownership');
    expect(proof.json().tabs).toEqual(['Registrations', 'Approvals', 'Payments', 'Scans']);
  });

  it('retries when Google answers 429/503 and appends once it recovers', async () => {
    sheets.failNext(2, 503);
    await register('GS002');
    await eventually(() => rollsIn('Registrations').includes('GS002'));
  });

  it('dead-letters after the retries and appends on replay from the jobs screen', {
    timeout: 60_000,
  }, async () => {
    await eventually(async () => {
      const busy = await Promise.all(
        ['created', 'retry', 'active'].map(
          async (state) => (await owner.get(`/api/jobs?state=${state}&name=mess.sheets-append`)).json().total,
        ),
      );
      return busy.every((n) => n === 0);
    });
    sheets.failNext(4, 500);
    await register('GS003');
    const dead = await eventually(
      async () => {
        const jobs = (await owner.get('/api/jobs?state=dead&name=mess.sheets-append')).json();
        return jobs.items[0] as { id: string } | undefined;
      },
      { timeoutMs: 45_000, what: 'the append job to be dead-lettered' },
    );
    expect(rollsIn('Registrations')).not.toContain('GS003');
    const replay = await owner.post(`/api/jobs/${dead.id}/retry`);
    expect(replay.statusCode, replay.body).toBe(202);
    await eventually(() => rollsIn('Registrations').includes('GS003'));
    expect(rollsIn('Registrations').filter((r) => r === 'GS003')).toHaveLength(1);
  });
});
