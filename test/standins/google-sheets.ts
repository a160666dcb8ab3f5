import { randomBytes } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import { exchangeJwtAssertion, type ServiceAccount, type TokenGrant } from './google-sheets.oauth.ts';
import { bearerToken, createStandinApp, listenOnLoopback } from './standin-server.ts';

export interface GoogleSheetsStandinOptions {
  tokenTtlSeconds?: number;
}
type Cell = string | number | boolean | null;
interface Sheet {
  sheetId: number;
  title: string;
  rows: Cell[][];
}
interface A1Range {
  sheet: Sheet;
  startCol: number;
  startRow: number;
  endCol?: number;
  endRow?: number;
}

const GRID_ROWS = 1000;
const GRID_COLS = 26;
const SCOPE_RW = 'https://www.googleapis.com/auth/spreadsheets';
const SCOPES_READ = [SCOPE_RW, `${SCOPE_RW}.readonly`, 'https://www.googleapis.com/auth/drive'];

class GoogleApiError extends Error {
  constructor(
    readonly code: number,
    readonly status: string,
    message: string,
  ) {
    super(message);
  }
  toJSON() {
    return { error: { code: this.code, message: this.message, status: this.status } };
  }
}
const invalidArgument = (message: string) => new GoogleApiError(400, 'INVALID_ARGUMENT', message);
const FORCED: Record<number, [string, string]> = {
  429: [
    'RESOURCE_EXHAUSTED',
    "Quota exceeded for quota metric 'Write requests' and limit 'Write requests per minute per user' of service 'sheets.googleapis.com' for consumer 'project_number:000000000000'.",
  ],
  500: ['INTERNAL', 'Internal error encountered.'],
  503: ['UNAVAILABLE', 'The service is currently unavailable.'],
};

export function columnLetters(index: number): string {
  let letters = '';
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26))
    letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters;
  return letters;
}
const columnIndex = (letters: string) =>
  [...letters.toUpperCase()].reduce((n, c) => n * 26 + c.charCodeAt(0) - 64, 0) - 1;
const CELLS = /^([A-Za-z]*)(\d*)(?::([A-Za-z]*)(\d*))?$/;
const quoteSheet = (title: string) =>
  /^[A-Za-z0-9_]+$/.test(title) ? title : `'${title.replace(/'/g, "''")}'`;

/** A Google Sheets API v4 (values) stand-in with the OAuth2 service-account JWT-bearer token endpoint. */
export async function startGoogleSheetsStandin(opts: GoogleSheetsStandinOptions = {}) {
  const { app, requests } = createStandinApp();
  const accounts = new Map<string, ServiceAccount>();
  const tokens = new Map<string, TokenGrant>();
  const spreadsheets = new Map<string, Sheet[]>();
  const forcedFailures: number[] = [];
  /** `spreadsheet\0title` of the tabs an owner protected: appends to them are refused. */
  const protectedSheets = new Set<string>();
  let url = '';

  function authorize(req: FastifyRequest, write: boolean): void {
    const grant = tokens.get(bearerToken(req.headers.authorization) ?? '');
    if (!grant || grant.expiresAt < Date.now())
      throw new GoogleApiError(
        401,
        'UNAUTHENTICATED',
        'Request had invalid authentication credentials. Expected OAuth 2 access token, login cookie or other valid authentication credential. See https://developers.google.com/identity/sign-in/web/devconsole-project.',
      );
    const allowed = write ? [SCOPE_RW] : SCOPES_READ;
    if (!grant.scopes.some((s) => allowed.includes(s)))
      throw new GoogleApiError(403, 'PERMISSION_DENIED', 'Request had insufficient authentication scopes.');
    const failure = forcedFailures.shift();
    if (failure !== undefined) {
      const [status, message] = FORCED[failure] ?? ['UNKNOWN', 'Forced failure'];
      throw new GoogleApiError(failure, status, message);
    }
  }
  function spreadsheet(id: string): Sheet[] {
    const sheets = spreadsheets.get(id);
    if (!sheets) throw new GoogleApiError(404, 'NOT_FOUND', 'Requested entity was not found.');
    return sheets;
  }
  /** A1 notation: `Sheet`, `'My sheet'!A1:C5`, `Sheet!A:C`, `Sheet!B2`, or `A1:B2` (first sheet). */
  function parseRange(sheets: Sheet[], text: string): A1Range {
    const withSheet = /^(?:'((?:[^']|'')+)'|([^!]+))!(.+)$/.exec(text);
    let title = text.replace(/^'(.*)'$/, '$1').replace(/''/g, "'");
    let refs: string | undefined;
    if (withSheet) {
      title = withSheet[1]?.replace(/''/g, "'") ?? withSheet[2]!;
      refs = withSheet[3];
    } else if (CELLS.test(text) && /\d|:/.test(text) && !sheets.some((s) => s.title === text)) {
      title = sheets[0]?.title ?? '';
      refs = text;
    }
    const sheet = sheets.find((s) => s.title === title);
    const parts = refs === undefined ? [] : CELLS.exec(refs);
    if (!sheet || !parts) throw invalidArgument(`Unable to parse range: ${text}`);
    const [, c1, r1, c2, r2] = parts;
    const single = refs !== undefined && !refs.includes(':');
    const startCol = c1 ? columnIndex(c1) : 0;
    const startRow = r1 ? Number(r1) - 1 : 0;
    return {
      sheet,
      startCol,
      startRow,
      endCol: c2 ? columnIndex(c2) : single && c1 ? startCol : undefined,
      endRow: r2 ? Number(r2) - 1 : single && r1 ? startRow : undefined,
    };
  }
  const a1 = (sheet: Sheet, c1: number, r1: number, c2: number, r2: number) =>
    `${quoteSheet(sheet.title)}!${columnLetters(c1)}${r1 + 1}:${columnLetters(c2)}${r2 + 1}`;
  const isEmpty = (cell: Cell | undefined) => cell === undefined || cell === null || cell === '';

  function append(range: A1Range, values: Cell[][], input: string) {
    const { sheet, startCol, startRow } = range;
    let first = -1;
    let last = -1;
    sheet.rows.forEach((row, index) => {
      if (index < startRow || !row.some((cell) => !isEmpty(cell))) return;
      if (first === -1) first = index;
      last = index;
    });
    const target = last === -1 ? startRow : last + 1;
    const width = Math.max(1, ...values.map((row) => row.length));
    values.forEach((row, i) => {
      const stored = sheet.rows[target + i] ?? [];
      sheet.rows[target + i] = stored;
      row.forEach((value, j) => {
        stored[startCol + j] = input === 'USER_ENTERED' ? userEntered(value) : value;
      });
    });
    for (let i = 0; i < sheet.rows.length; i++) sheet.rows[i] ??= [];
    const tableWidth = Math.max(
      width,
      ...sheet.rows.slice(Math.max(first, 0), target).map((r) => r.length - startCol),
    );
    return {
      ...(first === -1 ? {} : { tableRange: a1(sheet, startCol, first, startCol + tableWidth - 1, last) }),
      updates: {
        updatedRange: a1(sheet, startCol, target, startCol + width - 1, target + values.length - 1),
        updatedRows: values.length,
        updatedColumns: width,
        updatedCells: values.reduce((n, row) => n + row.length, 0),
      },
    };
  }
  function userEntered(value: Cell): Cell {
    if (typeof value !== 'string') return value;
    if (/^-?\d+(\.\d+)?$/.test(value.trim())) return Number(value);
    if (/^(true|false)$/i.test(value)) return value.toUpperCase() === 'TRUE';
    return value;
  }
  function render(cell: Cell | undefined, formatted: boolean): Cell {
    if (cell === undefined || cell === null) return '';
    if (!formatted) return cell;
    return typeof cell === 'boolean' ? (cell ? 'TRUE' : 'FALSE') : String(cell);
  }
  function read(range: A1Range, formatted: boolean) {
    const { sheet, startCol, startRow } = range;
    const endRow = range.endRow ?? GRID_ROWS - 1;
    const endCol = range.endCol ?? GRID_COLS - 1;
    const rows = sheet.rows.slice(startRow, endRow + 1).map((row) => {
      const cells = Array.from(row.slice(startCol, endCol + 1), (cell) => render(cell, formatted));
      while (cells.length > 0 && cells.at(-1) === '') cells.pop();
      return cells;
    });
    while (rows.length > 0 && rows.at(-1)!.length === 0) rows.pop();
    const response = { range: a1(sheet, startCol, startRow, endCol, endRow), majorDimension: 'ROWS' };
    return rows.length > 0 ? { ...response, values: rows } : response;
  }

  app.setErrorHandler((error: Error & { statusCode?: number }, _req, reply) => {
    const google =
      error instanceof GoogleApiError
        ? error
        : invalidArgument(`Invalid JSON payload received. ${error.message}`);
    return reply.code(google.code).send(google.toJSON());
  });

  app.post('/token', async (req, reply) => {
    const result = exchangeJwtAssertion((req.body ?? {}) as Record<string, string>, {
      accounts,
      audiences: [
        `${url}/token`,
        'https://oauth2.googleapis.com/token',
        'https://www.googleapis.com/oauth2/v4/token',
      ],
      ttlSeconds: opts.tokenTtlSeconds ?? 3599,
    });
    if ('error' in result) return reply.code(result.httpStatus).send(result.error);
    const accessToken = `ya29.${randomBytes(32).toString('base64url')}`;
    tokens.set(accessToken, result.grant);
    return { access_token: accessToken, expires_in: result.expiresIn, token_type: 'Bearer' };
  });

  app.route({
    method: ['GET', 'POST'],
    url: '/v4/spreadsheets/*',
    handler: async (req) => {
      const path = req.url.split('?')[0]!.slice('/v4/spreadsheets/'.length);
      const query = req.query as Record<string, string | undefined>;
      const [rawId, kind, rawRange] = path.split('/');
      const idText = decodeURIComponent(rawId ?? '');
      const isBatchUpdate = req.method === 'POST' && kind === undefined && idText.endsWith(':batchUpdate');
      const id = idText.replace(/:batchUpdate$/, '');
      const isAppend =
        req.method === 'POST' && kind === 'values' && decodeURIComponent(rawRange ?? '').endsWith(':append');
      authorize(req, isAppend || isBatchUpdate);
      const sheets = spreadsheet(id);
      if (isBatchUpdate) return batchUpdate(id, sheets, req.body);
      if (kind === undefined && req.method === 'GET') return metadata(id, sheets);
      if (kind !== 'values' || rawRange === undefined)
        throw new GoogleApiError(404, 'NOT_FOUND', 'Requested entity was not found.');
      const rangeText = decodeURIComponent(rawRange).replace(/:append$/, '');
      const range = parseRange(sheets, rangeText);
      if (!isAppend) return read(range, query.valueRenderOption !== 'UNFORMATTED_VALUE');
      const input = query.valueInputOption;
      if (!input) throw invalidArgument("'valueInputOption' is required but not specified");
      if (input !== 'RAW' && input !== 'USER_ENTERED')
        throw invalidArgument(`Invalid valueInputOption: ${input}`);
      const values = (req.body as { values?: unknown } | undefined)?.values;
      if (!Array.isArray(values) || !values.every(Array.isArray))
        throw invalidArgument('Invalid values: expected an array of rows');
      if (protectedSheets.has(`${id}\u0000${range.sheet.title}`))
        throw invalidArgument(
          'You are trying to edit a protected cell or object. Please contact the spreadsheet owner to remove protection if you need to edit.',
        );
      const result = append(range, values as Cell[][], input);
      return { spreadsheetId: id, ...result, updates: { spreadsheetId: id, ...result.updates } };
    },
  });
  const sheetProperties = (s: Sheet, index: number) => ({
    sheetId: s.sheetId,
    title: s.title,
    index,
    sheetType: 'GRID',
    gridProperties: { rowCount: GRID_ROWS, columnCount: GRID_COLS },
  });
  /**
   * `spreadsheets.batchUpdate`: the `addSheet` request (others are refused as unknown here). All or
   * nothing, as Google applies a batch: a title already taken refuses the whole batch with Google's words.
   */
  function batchUpdate(id: string, sheets: Sheet[], body: unknown) {
    const requests = (body as { requests?: unknown } | undefined)?.requests;
    if (!Array.isArray(requests) || requests.length === 0)
      throw invalidArgument('Must specify at least one request.');
    const added: Sheet[] = [];
    requests.forEach((request, i) => {
      const addSheet = (request as { addSheet?: { properties?: { title?: unknown; sheetId?: unknown } } })
        .addSheet;
      if (!addSheet)
        throw invalidArgument(`Invalid requests[${i}]: only addSheet is supported by this stand-in`);
      const taken = [...sheets, ...added];
      const title =
        typeof addSheet.properties?.title === 'string' && addSheet.properties.title !== ''
          ? addSheet.properties.title
          : `Sheet${taken.length + 1}`;
      if (taken.some((s) => s.title.toLowerCase() === title.toLowerCase()))
        throw invalidArgument(
          `Invalid requests[${i}].addSheet: A sheet with the name "${title}" already exists. Please enter another name.`,
        );
      const sheetId =
        typeof addSheet.properties?.sheetId === 'number'
          ? addSheet.properties.sheetId
          : Math.max(1000, ...taken.map((s) => s.sheetId)) + 1;
      added.push({ sheetId, title, rows: [] });
    });
    sheets.push(...added);
    return {
      spreadsheetId: id,
      replies: added.map((s) => ({ addSheet: { properties: sheetProperties(s, sheets.indexOf(s)) } })),
    };
  }
  const metadata = (id: string, sheets: Sheet[]) => ({
    spreadsheetId: id,
    properties: { title: id },
    sheets: sheets.map((s, index) => ({ properties: sheetProperties(s, index) })),
    spreadsheetUrl: `${url}/spreadsheets/d/${id}/edit`,
  });

  url = await listenOnLoopback(app);
  return {
    url,
    tokenUrl: `${url}/token`,
    requests,
    /** Trusts JWTs with `iss = clientEmail` signed by the matching private key. */
    registerServiceAccount(account: ServiceAccount): void {
      accounts.set(account.clientEmail, account);
    },
    createSpreadsheet(id: string, sheetNames: string | string[] = 'Sheet1'): void {
      const names = Array.isArray(sheetNames) ? sheetNames : [sheetNames];
      spreadsheets.set(
        id,
        names.map((title, i) => ({ sheetId: i === 0 ? 0 : 1000 + i, title, rows: [] })),
      );
    },
    /** The stored cells of a sheet, as typed values (numbers stay numbers); trailing empty rows dropped. */
    rows(id: string, sheetName: string): Cell[][] {
      const sheet = spreadsheet(id).find((s) => s.title === sheetName);
      if (!sheet) throw new Error(`No sheet ${sheetName} in ${id}`);
      const rows = sheet.rows.map((row) => Array.from(row, (cell) => cell ?? ''));
      while (rows.length > 0 && rows.at(-1)!.every((cell) => cell === '')) rows.pop();
      return rows;
    },
    /** A person with edit rights types a value into one cell (`B2`) in Google's own editor; the sheet is added if missing. */
    typeInto(id: string, sheetName: string, cell: string, value: Cell): void {
      const sheets = spreadsheet(id);
      let sheet = sheets.find((s) => s.title === sheetName);
      if (!sheet) {
        sheet = { sheetId: 1000 + sheets.length, title: sheetName, rows: [] };
        sheets.push(sheet);
      }
      const [, letters, digits] = /^([A-Z]+)(\d+)$/.exec(cell) ?? [];
      if (!letters || !digits) throw new Error(`Not a cell: ${cell}`);
      const row = Number(digits) - 1;
      for (let i = 0; i <= row; i++) sheet.rows[i] ??= [];
      sheet.rows[row]![columnIndex(letters)] = value;
    },
    /** The titles of a spreadsheet's tabs, in order. */
    sheetTitles(id: string): string[] {
      return spreadsheet(id).map((s) => s.title);
    },
    /** An owner deletes a tab in Google's editor (its rows with it). */
    deleteSheet(id: string, sheetName: string): void {
      const sheets = spreadsheet(id);
      const at = sheets.findIndex((s) => s.title === sheetName);
      if (at !== -1) sheets.splice(at, 1);
    },
    /** An owner protects a tab (`protect: false` lifts it): appends to it are refused as Google refuses them. */
    protectSheet(id: string, sheetName: string, protect = true): void {
      if (protect) protectedSheets.add(`${id}\u0000${sheetName}`);
      else protectedSheets.delete(`${id}\u0000${sheetName}`);
    },
    /** The next `count` Sheets calls fail with Google's envelope: 429 RESOURCE_EXHAUSTED, 500 INTERNAL, 503 UNAVAILABLE. */
    failNext(count: number, status = 429): void {
      for (let i = 0; i < count; i++) forcedFailures.push(status);
    },
    expireTokens(): void {
      for (const grant of tokens.values()) grant.expiresAt = 0;
    },
    async close(): Promise<void> {
      await app.close();
    },
  };
}

export type GoogleSheetsStandin = Awaited<ReturnType<typeof startGoogleSheetsStandin>>;
