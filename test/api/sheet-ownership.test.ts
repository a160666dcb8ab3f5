import { generateKeyPairSync } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SHEETS } from '../../src/modules/mess/sheets-backup.ts';
import { type GoogleSheetsStandin, startGoogleSheetsStandin } from '../standins/google-sheets.ts';
import { eventually } from '../support/eventually.ts';
import { type ApiClient, startTestApp, type TestApp } from '../support/test-app.ts';

/**
 * Issue 26, item 6: the mess backup appends with the deployment's one Google service account, so
 * an organization may name only a spreadsheet it proved it edits: its verification code, typed
 * into the sheet by its owner, is read back through the Sheets API before the id is accepted.
 */
const EMAIL = 'backup@opsdesk-test.iam.gserviceaccount.com';
const NORTH_BOOK = 'north-backup-book';

let google: GoogleSheetsStandin;
let app: TestApp;
let north: ApiClient;
let south: ApiClient;
let southId: string;

beforeAll(async () => {
  const { publicKey, privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  google = await startGoogleSheetsStandin();
  google.registerServiceAccount({
    clientEmail: EMAIL,
    publicKeyPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
  });
  google.createSpreadsheet(NORTH_BOOK, [...SHEETS]);
  app = await startTestApp({
    env: {
      GOOGLE_SHEETS_API_BASE_URL: google.url,
      GOOGLE_OAUTH_TOKEN_URL: google.tokenUrl,
      GOOGLE_SERVICE_ACCOUNT_EMAIL: EMAIL,
      GOOGLE_SERVICE_ACCOUNT_KEY: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    },
  });
  await app.startWorker();
  await app.createOrg('north', 'owner@north.example');
  southId = await app.createOrg('south', 'owner@south.example');
  north = await app.signIn('owner@north.example', undefined, 'north');
  south = await app.signIn('owner@south.example', undefined, 'south');
});
afterAll(async () => {
  await app?.close();
  await google?.close();
});

const rollsIn = (sheet: string) => google.rows(NORTH_BOOK, sheet).map((r) => r[3]);

describe("a backup spreadsheet is an organization's only once it proved it edits it", () => {
  it('accepts the id once the sheet shows the organization’s code, and refuses it to another organization', async () => {
    const proof = (await north.get('/api/mess/settings/sheet-ownership')).json();
    expect(proof).toMatchObject({ sheet: 'Opsdesk', cell: 'A1', provenAt: null, sheetsConfigured: true });
    expect(proof.code).toMatch(/^opsdesk-[0-9a-f]{16}$/);

    // Before the owner typed the code, the id is refused, naming the field and what it expects.
    const early = await north.patch('/api/mess/settings', { sheetsSpreadsheetId: NORTH_BOOK });
    expect(early.statusCode, early.body).toBe(409);
    expect(early.headers['content-type']).toContain('application/problem+json');
    expect(early.json()).toMatchObject({
      code: 'mess.sheet_not_proven',
      errors: [{ field: 'body.sheetsSpreadsheetId' }],
    });
    expect(early.json().errors[0].message).toContain(proof.code);
    expect((await north.get('/api/mess/settings')).json().sheetsSpreadsheetId).toBeNull();

    google.typeInto(NORTH_BOOK, 'Opsdesk', 'A1', proof.code);
    const saved = await north.patch('/api/mess/settings', { sheetsSpreadsheetId: NORTH_BOOK });
    expect(saved.statusCode, saved.body).toBe(200);
    expect((await north.get('/api/mess/settings/sheet-ownership')).json()).toMatchObject({
      spreadsheetId: NORTH_BOOK,
      provenAt: expect.any(String),
    });

    // South's code is not in north's spreadsheet: refused, and nothing else of its change is kept.
    const southProof = (await south.get('/api/mess/settings/sheet-ownership')).json();
    expect(southProof.code).not.toBe(proof.code);
    const taken = await south.patch('/api/mess/settings', {
      sheetsSpreadsheetId: NORTH_BOOK,
      cutoffTime: '21:00',
    });
    expect(taken.statusCode).toBe(409);
    expect(taken.json()).toMatchObject({
      code: 'mess.sheet_not_proven',
      errors: [{ field: 'body.sheetsSpreadsheetId' }],
    });
    expect((await south.get('/api/mess/settings')).json()).toMatchObject({
      sheetsSpreadsheetId: null,
      cutoffTime: '23:00',
    });
  });

  it("writes nothing of south's into north's spreadsheet when south's settings name it past the check", async () => {
    // PATCH /api/org writes settings freely: the backup itself uses only a proven spreadsheet.
    const bypass = await south.patch('/api/org', { settings: { mess: { sheetsSpreadsheetId: NORTH_BOOK } } });
    expect(bypass.statusCode).toBe(200);
    expect(
      (await south.post('/api/mess/students', { name: 'South Student', rollNumber: 'S-001' })).statusCode,
    ).toBe(201);
    // The registration's transaction stored no backup row for south (the outbox of the append job).
    const queued = await app.database.pool.query('select count(*) from mess_sheet_row where org_id = $1', [
      southId,
    ]);
    expect(Number(queued.rows[0].count)).toBe(0);
    expect(
      (await north.post('/api/mess/students', { name: 'North Student', rollNumber: 'N-001' })).statusCode,
    ).toBe(201);
    await eventually(() => rollsIn('Registrations').includes('N-001'), {
      what: "north's registration in its sheet",
    });
    expect(rollsIn('Registrations')).not.toContain('S-001');
  });
});
