import { sign } from 'node:crypto';
import { type RowCell, type RowSink, RowSinkError, type RowTarget } from '../../core/row-sinks/index.ts';
import { OUTSIDE_CALL_TIMEOUTS_MS } from '../../platform/config/index.ts';
import type { SheetsSettings } from './sheets.config.ts';
import { missingSheet, permanentGoogleStatus } from './sheets.rules.ts';

const SCOPE = 'https://www.googleapis.com/auth/spreadsheets';
const JWT_BEARER = 'urn:ietf:params:oauth:grant-type:jwt-bearer';

const b64url = (value: string | Buffer) => Buffer.from(value).toString('base64url');
const quoteSheet = (title: string) =>
  /^[A-Za-z0-9_]+$/.test(title) ? title : `'${title.replace(/'/g, "''")}'`;

/** Google answered with an error status: permanent or not by that status. */
const refused = (what: string, status: number, body: string) =>
  new RowSinkError(`${what} answered ${status}: ${body}`, { permanent: permanentGoogleStatus(status) });

/** `fetch` whose network failures are transient refusals. */
async function call(url: string, init: RequestInit): Promise<Response> {
  try {
    return await fetch(url, init);
  } catch (err) {
    throw new RowSinkError(`Google could not be reached: ${(err as Error).message}`, {
      permanent: false,
      cause: err,
    });
  }
}

/**
 * Google Sheets API v4 `values:append` with service-account auth (RFC 7523 JWT bearer, RS256
 * signed here with node:crypto). The access token is cached in this sink (one per app) until a
 * minute before it expires, and fetched again once when Google answers 401.
 */
export function createSheetsSink(settings: SheetsSettings): RowSink {
  const timeoutMs = settings.timeoutMs ?? OUTSIDE_CALL_TIMEOUTS_MS.sheets;
  const tokens = serviceAccountTokens(settings, timeoutMs);
  const accessToken = tokens.get;

  async function appendOnce(target: RowTarget, rows: ReadonlyArray<ReadonlyArray<RowCell>>) {
    const range = encodeURIComponent(`${quoteSheet(target.sheet)}!A1`);
    const spreadsheet = encodeURIComponent(target.spreadsheet);
    return call(
      `${settings.apiBaseUrl}/v4/spreadsheets/${spreadsheet}/values/${range}:append?valueInputOption=RAW&insertDataOption=INSERT_ROWS`,
      {
        method: 'POST',
        headers: { authorization: `Bearer ${await accessToken()}`, 'content-type': 'application/json' },
        body: JSON.stringify({ majorDimension: 'ROWS', values: rows }),
        signal: AbortSignal.timeout(timeoutMs),
      },
    );
  }

  /** `spreadsheets.batchUpdate` with one `addSheet`: the tab named `title`, at the end. */
  async function addSheetOnce(target: RowTarget) {
    return call(
      `${settings.apiBaseUrl}/v4/spreadsheets/${encodeURIComponent(target.spreadsheet)}:batchUpdate`,
      {
        method: 'POST',
        headers: { authorization: `Bearer ${await accessToken()}`, 'content-type': 'application/json' },
        body: JSON.stringify({ requests: [{ addSheet: { properties: { title: target.sheet } } }] }),
        signal: AbortSignal.timeout(timeoutMs),
      },
    );
  }

  /** Sends a call, and once more with a fresh token when Google stops accepting the cached one. */
  async function authorized(send: () => Promise<Response>): Promise<Response> {
    const res = await send();
    if (res.status !== 401) return res;
    tokens.forget();
    return send();
  }

  /**
   * Adds the missing tab the rows are for (issue 54 item 6: nothing created the backup's tabs, and
   * an owner had to know their names). One that appeared meanwhile (another process added it) is
   * as good as added.
   */
  async function addSheet(target: RowTarget): Promise<void> {
    const res = await authorized(() => addSheetOnce(target));
    if (res.ok) return;
    const body = await res.text();
    if (res.status === 400 && /already exists/i.test(body)) return;
    throw refused('batchUpdate addSheet', res.status, body);
  }

  return {
    name: 'sheets',
    async append(target, rows) {
      let res = await authorized(() => appendOnce(target, rows));
      if (res.status === 400) {
        const body = await res.text();
        // Google's answer for a tab the spreadsheet does not have ("Unable to parse range: X!A1").
        if (!missingSheet(body)) throw refused('values:append', res.status, body);
        await addSheet(target);
        res = await authorized(() => appendOnce(target, rows));
      }
      if (!res.ok) throw refused('values:append', res.status, await res.text());
    },
    read: (target, cells) => readValues(settings, tokens, target, cells),
  };
}

/**
 * The service account's access token, cached until a minute before it expires: an RS256-signed JWT
 * (RFC 7523) exchanged at the token endpoint. `forget` drops it when Google stops accepting it.
 */
function serviceAccountTokens(settings: SheetsSettings, timeoutMs: number) {
  let cached: { token: string; until: number } | undefined;
  return {
    async get(): Promise<string> {
      if (cached && cached.until > Date.now()) return cached.token;
      const res = await call(settings.tokenUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ grant_type: JWT_BEARER, assertion: signedAssertion(settings) }),
        signal: AbortSignal.timeout(timeoutMs),
      });
      const body = (await res.json().catch(() => ({}))) as { access_token?: string; expires_in?: number };
      if (!res.ok || !body.access_token)
        throw refused('the token endpoint', res.status, JSON.stringify(body));
      cached = { token: body.access_token, until: Date.now() + ((body.expires_in ?? 3600) - 60) * 1000 };
      return cached.token;
    },
    forget(): void {
      cached = undefined;
    },
  };
}

/** The JWT the service account signs with its key to ask for a token, valid an hour. */
function signedAssertion(settings: SheetsSettings): string {
  const iat = Math.floor(Date.now() / 1000);
  const claims = {
    iss: settings.serviceAccountEmail,
    scope: SCOPE,
    aud: settings.tokenUrl,
    iat,
    exp: iat + 3600,
  };
  const unsigned = `${b64url(JSON.stringify({ alg: 'RS256', typ: 'JWT' }))}.${b64url(JSON.stringify(claims))}`;
  return `${unsigned}.${b64url(sign('RSA-SHA256', Buffer.from(unsigned), settings.serviceAccountKey))}`;
}

/** `values.get` of a range, unformatted, once more with a fresh token when Google refuses the cached one. */
async function readValues(
  settings: SheetsSettings,
  tokens: ReturnType<typeof serviceAccountTokens>,
  target: RowTarget,
  cells: string,
): Promise<RowCell[][]> {
  const range = encodeURIComponent(`${quoteSheet(target.sheet)}!${cells}`);
  const url = `${settings.apiBaseUrl}/v4/spreadsheets/${encodeURIComponent(target.spreadsheet)}/values/${range}?valueRenderOption=UNFORMATTED_VALUE`;
  const get = async () =>
    call(url, {
      headers: { authorization: `Bearer ${await tokens.get()}` },
      signal: AbortSignal.timeout(30_000),
    });
  let res = await get();
  if (res.status === 401) {
    tokens.forget();
    res = await get();
  }
  if (!res.ok) throw refused('values.get', res.status, await res.text());
  return ((await res.json()) as { values?: RowCell[][] }).values ?? [];
}
