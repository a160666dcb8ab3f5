import { sign } from 'node:crypto';
import type { Config } from '../../platform/config/index.ts';

const SCOPE = 'https://www.googleapis.com/auth/spreadsheets';
const JWT_BEARER = 'urn:ietf:params:oauth:grant-type:jwt-bearer';

/** A failed Sheets or token call; `status` is Google's HTTP status (429/5xx are worth retrying). */
export class SheetsError extends Error {
  constructor(
    message: string,
    readonly status: number,
  ) {
    super(message);
    this.name = 'SheetsError';
  }
}

export type SheetCell = string | number | boolean | null;

const b64url = (value: string | Buffer) => Buffer.from(value).toString('base64url');
const quoteSheet = (title: string) =>
  /^[A-Za-z0-9_]+$/.test(title) ? title : `'${title.replace(/'/g, "''")}'`;

/**
 * Google Sheets API v4 `values:append` with service-account auth (RFC 7523 JWT bearer, RS256
 * signed here with node:crypto). Access tokens are cached until a minute before they expire,
 * and refreshed once when Google answers 401.
 */
export function createSheetsClient(config: Config) {
  const email = config.GOOGLE_SERVICE_ACCOUNT_EMAIL;
  const key = config.GOOGLE_SERVICE_ACCOUNT_KEY;
  const base = config.GOOGLE_SHEETS_API_BASE_URL.replace(/\/+$/, '');
  let cached: { token: string; until: number } | undefined;

  async function accessToken(): Promise<string> {
    if (cached && cached.until > Date.now()) return cached.token;
    if (!email || !key) throw new SheetsError('Google service account is not configured', 0);
    const iat = Math.floor(Date.now() / 1000);
    const unsigned = `${b64url(JSON.stringify({ alg: 'RS256', typ: 'JWT' }))}.${b64url(
      JSON.stringify({ iss: email, scope: SCOPE, aud: config.GOOGLE_OAUTH_TOKEN_URL, iat, exp: iat + 3600 }),
    )}`;
    const assertion = `${unsigned}.${b64url(sign('RSA-SHA256', Buffer.from(unsigned), key))}`;
    const res = await fetch(config.GOOGLE_OAUTH_TOKEN_URL, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ grant_type: JWT_BEARER, assertion }),
      signal: AbortSignal.timeout(15_000),
    });
    const body = (await res.json().catch(() => ({}))) as { access_token?: string; expires_in?: number };
    if (!res.ok || !body.access_token)
      throw new SheetsError(`token endpoint answered ${res.status}: ${JSON.stringify(body)}`, res.status);
    cached = { token: body.access_token, until: Date.now() + ((body.expires_in ?? 3600) - 60) * 1000 };
    return cached.token;
  }

  async function appendOnce(spreadsheetId: string, sheet: string, rows: SheetCell[][]): Promise<Response> {
    const range = encodeURIComponent(`${quoteSheet(sheet)}!A1`);
    const url = `${base}/v4/spreadsheets/${encodeURIComponent(spreadsheetId)}/values/${range}:append?valueInputOption=RAW&insertDataOption=INSERT_ROWS`;
    return fetch(url, {
      method: 'POST',
      headers: { authorization: `Bearer ${await accessToken()}`, 'content-type': 'application/json' },
      body: JSON.stringify({ majorDimension: 'ROWS', values: rows }),
      signal: AbortSignal.timeout(30_000),
    });
  }

  return {
    /** Appends rows after the last row of `sheet`; throws `SheetsError` when Google refuses. */
    async append(spreadsheetId: string, sheet: string, rows: SheetCell[][]): Promise<void> {
      let res = await appendOnce(spreadsheetId, sheet, rows);
      if (res.status === 401) {
        cached = undefined;
        res = await appendOnce(spreadsheetId, sheet, rows);
      }
      if (!res.ok)
        throw new SheetsError(`values:append answered ${res.status}: ${await res.text()}`, res.status);
    },
  };
}

export type SheetsClient = ReturnType<typeof createSheetsClient>;
