import { generateKeyPairSync, type KeyObject, sign } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { columnLetters, type GoogleSheetsStandin, startGoogleSheetsStandin } from './google-sheets.ts';

const EMAIL = 'opsdesk-export@opsdesk-test.iam.gserviceaccount.com';
const SCOPE = 'https://www.googleapis.com/auth/spreadsheets';
interface SheetsAnswer {
  error: { code: number; message: string; status: string };
  tableRange?: string;
  updates: { updatedRange: string };
}
const keys = generateKeyPairSync('rsa', { modulusLength: 2048 });

/** Signs a service-account assertion the way google-auth-library does (RS256 over base64url header.claims). */
function serviceAccountJwt(input: {
  aud: string;
  privateKey?: KeyObject;
  scope?: string;
  lifetime?: number;
}) {
  const now = Math.floor(Date.now() / 1000);
  const encode = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const header = encode({ alg: 'RS256', typ: 'JWT', kid: 'key-1' });
  const claims = encode({
    iss: EMAIL,
    scope: input.scope ?? SCOPE,
    aud: input.aud,
    iat: now,
    exp: now + (input.lifetime ?? 3600),
  });
  const signature = sign(
    'RSA-SHA256',
    Buffer.from(`${header}.${claims}`),
    input.privateKey ?? keys.privateKey,
  );
  return `${header}.${claims}.${signature.toString('base64url')}`;
}

describe('Google Sheets stand-in', () => {
  let sheets: GoogleSheetsStandin;
  beforeEach(async () => {
    sheets = await startGoogleSheetsStandin();
    sheets.registerServiceAccount({
      clientEmail: EMAIL,
      publicKeyPem: keys.publicKey.export({ type: 'spki', format: 'pem' }).toString(),
    });
    sheets.createSpreadsheet('sheet-123', ['Sales', 'Daily report']);
  });
  afterEach(() => sheets.close());

  const exchange = async (assertion: string) => {
    const body = new URLSearchParams({
      grant_type: 'urn:ietf:params:oauth:grant-type:jwt-bearer',
      assertion,
    });
    const response = await fetch(sheets.tokenUrl, { method: 'POST', body });
    return { status: response.status, json: (await response.json()) as Record<string, string> };
  };
  const accessToken = async () =>
    (await exchange(serviceAccountJwt({ aud: sheets.tokenUrl }))).json.access_token!;
  const api = async (path: string, token: string, body?: unknown) => {
    const init = body === undefined ? {} : { method: 'POST', body: JSON.stringify(body) };
    const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
    const response = await fetch(`${sheets.url}/v4/spreadsheets/${path}`, { ...init, headers });
    return { status: response.status, json: (await response.json()) as SheetsAnswer };
  };
  const appendPath = (range: string, input = 'USER_ENTERED') =>
    `sheet-123/values/${encodeURIComponent(range)}:append?valueInputOption=${input}&insertDataOption=INSERT_ROWS`;

  it('exchanges an RS256 service-account JWT for a Bearer access token', async () => {
    const { status, json } = await exchange(
      serviceAccountJwt({ aud: 'https://oauth2.googleapis.com/token' }),
    );
    expect(status).toBe(200);
    expect(json).toEqual({
      access_token: expect.stringMatching(/^ya29\./),
      expires_in: 3599,
      token_type: 'Bearer',
    });
  });

  it('refuses a JWT signed by another key, for too long, or without a scope', async () => {
    const other = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;
    const forged = await exchange(serviceAccountJwt({ aud: sheets.tokenUrl, privateKey: other }));
    expect(forged).toEqual({
      status: 400,
      json: { error: 'invalid_grant', error_description: 'Invalid JWT Signature.' },
    });
    expect((await exchange(serviceAccountJwt({ aud: sheets.tokenUrl, lifetime: 7200 }))).json.error).toBe(
      'invalid_grant',
    );
    expect((await exchange(serviceAccountJwt({ aud: sheets.tokenUrl, scope: '' }))).json.error).toBe(
      'invalid_scope',
    );
  });

  it('appends rows after the existing table and reports Google-shaped updates', async () => {
    const token = await accessToken();
    const first = await api(appendPath('Sales!A1'), token, {
      values: [
        ['Date', 'Item', 'Qty'],
        ['2025-05-01', 'Tea', '2'],
      ],
    });
    expect(first.status).toBe(200);
    expect(first.json).toEqual({
      spreadsheetId: 'sheet-123',
      updates: {
        spreadsheetId: 'sheet-123',
        updatedRange: 'Sales!A1:C2',
        updatedRows: 2,
        updatedColumns: 3,
        updatedCells: 6,
      },
    });
    const second = await api(appendPath('Sales!A1'), token, { values: [['2025-05-02', 'Coffee', 5]] });
    expect(second.json.tableRange).toBe('Sales!A1:C2');
    expect(second.json.updates.updatedRange).toBe('Sales!A3:C3');
    expect(sheets.rows('sheet-123', 'Sales')).toEqual([
      ['Date', 'Item', 'Qty'],
      ['2025-05-01', 'Tea', 2],
      ['2025-05-02', 'Coffee', 5],
    ]);
  });

  it('reads values back as formatted strings with quoted sheet names', async () => {
    const token = await accessToken();
    await api(appendPath("'Daily report'!A1", 'RAW'), token, { values: [['Total', 12.5, true]] });
    const read = await api(`sheet-123/values/${encodeURIComponent("'Daily report'!A1:C5")}`, token);
    expect(read.json).toEqual({
      range: "'Daily report'!A1:C5",
      majorDimension: 'ROWS',
      values: [['Total', '12.5', 'TRUE']],
    });
    const whole = await api('sheet-123/values/Sales', token);
    expect(whole.json).toEqual({ range: 'Sales!A1:Z1000', majorDimension: 'ROWS' });
  });

  it('answers in Google error envelopes: 401, 404, 400 and forced 429', async () => {
    const token = await accessToken();
    expect((await api(appendPath('Sales'), 'ya29.bogus', { values: [['x']] })).json.error).toMatchObject({
      code: 401,
      status: 'UNAUTHENTICATED',
    });
    const missing = await api('nope/values/Sales', token);
    expect(missing.json).toEqual({
      error: { code: 404, message: 'Requested entity was not found.', status: 'NOT_FOUND' },
    });
    expect((await api('sheet-123/values/Nope!A1', token)).json.error.status).toBe('INVALID_ARGUMENT');
    const noOption = await api('sheet-123/values/Sales:append', token, { values: [['x']] });
    expect(noOption.json.error.message).toBe("'valueInputOption' is required but not specified");
    sheets.failNext(1, 429);
    const limited = await api(appendPath('Sales'), token, { values: [['x']] });
    expect(limited.status).toBe(429);
    expect(limited.json.error.status).toBe('RESOURCE_EXHAUSTED');
    expect((await api(appendPath('Sales'), token, { values: [['x']] })).status).toBe(200);
  });

  it('adds tabs with batchUpdate addSheet, refusing a title already taken as Google does', async () => {
    const token = await accessToken();
    const added = await api('sheet-123:batchUpdate', token, {
      requests: [{ addSheet: { properties: { title: 'Scans' } } }],
    });
    expect(added.status).toBe(200);
    expect(added.json).toMatchObject({
      spreadsheetId: 'sheet-123',
      replies: [
        {
          addSheet: {
            properties: { title: 'Scans', index: 2, sheetType: 'GRID', sheetId: expect.any(Number) },
          },
        },
      ],
    });
    expect(sheets.sheetTitles('sheet-123')).toEqual(['Sales', 'Daily report', 'Scans']);
    expect((await api(appendPath('Scans!A1', 'RAW'), token, { values: [['x']] })).status).toBe(200);
    const again = await api('sheet-123:batchUpdate', token, {
      requests: [
        { addSheet: { properties: { title: 'Other' } } },
        { addSheet: { properties: { title: 'sales' } } },
      ],
    });
    expect(again.status).toBe(400);
    expect(again.json.error.message).toBe(
      'Invalid requests[1].addSheet: A sheet with the name "sales" already exists. Please enter another name.',
    );
    // A batch is all or nothing.
    expect(sheets.sheetTitles('sheet-123')).toEqual(['Sales', 'Daily report', 'Scans']);
  });

  it('names columns past Z like Sheets does', () => {
    expect([0, 25, 26, 701, 702].map(columnLetters)).toEqual(['A', 'Z', 'AA', 'ZZ', 'AAA']);
  });
});
