/** One cell of an appended row. */
export type RowCell = string | number | boolean | null;

/** Where rows go: a named sheet (tab) of a named spreadsheet. */
export interface RowTarget {
  spreadsheet: string;
  sheet: string;
}

/**
 * An outside store that keeps rows appended to it (Google Sheets): what modules back key events up
 * to. Drivers live in `src/channels/<service>`; their area declares one (`rowSinks`) only when it
 * is configured, and modules find it in `deps.declared.rowSinks()` by name.
 */
export interface RowSink {
  /** The kind of store (`sheets`), unique in an app. */
  name: string;
  /** Appends the rows after the last row of the sheet, in order; throws `RowSinkError` when refused. */
  append(target: RowTarget, rows: ReadonlyArray<ReadonlyArray<RowCell>>): Promise<void>;
  /**
   * Reads the cells of an A1 range of a sheet (`A1`, `A1:B2`), rows of values, empty when blank:
   * how a module checks what an owner typed there (a verification code). Throws `RowSinkError`.
   */
  read(target: RowTarget, range: string): Promise<RowCell[][]>;
}

/**
 * A refused append. `permanent` when sending the same rows again cannot succeed until someone
 * changes something (no such spreadsheet or sheet, no access, bad credentials); otherwise the
 * store was unreachable or busy and a later try may work.
 */
export class RowSinkError extends Error {
  readonly permanent: boolean;

  constructor(message: string, options: { permanent: boolean; cause?: unknown }) {
    super(message, { cause: options.cause });
    this.name = 'RowSinkError';
    this.permanent = options.permanent;
  }
}
