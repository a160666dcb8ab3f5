import type { RawBuilder } from 'kysely';
import type { ZodType } from 'zod';
import type { Role } from '../auth/index.ts';
import type { Ctx } from '../context/index.ts';

export const COLUMN_TYPES = ['id', 'text', 'number', 'money', 'date', 'datetime', 'enum', 'boolean'] as const;
export type ColumnType = (typeof COLUMN_TYPES)[number];

export const FILTER_KINDS = ['eq', 'contains', 'range', 'enum', 'boolean'] as const;
export type FilterKind = (typeof FILTER_KINDS)[number];

/**
 * What a computed column's SQL may use besides the rows. The time is the caller's injected clock
 * (`ctx.clock`), bound as a `timestamptz` parameter, so tests and simulations that move the clock
 * see the same list the rules see; SQL never reads the database server's `now()`.
 */
export interface ColumnSqlScope {
  now: RawBuilder<Date>;
}

/** One column of a console list. Every SQL string here is written in code, never taken from a request. */
export interface ResourceColumn {
  /** Field name in items, query parameters and CSV headers (`createdAt`). */
  name: string;
  /**
   * A plain column is derived from the field name: `createdAt` reads `"<table>"."created_at"`.
   * `table` names one of the resource's `joins` that holds it; `column` its name, when it differs.
   */
  table?: string;
  column?: string;
  /**
   * A computed expression, for what is not a plain column (plain columns use `table`/`column`).
   * It names only the module's own tables and the core's public views (`v_<area>_<thing>`, see
   * docs/architecture.md); when it needs the time it is a function of the clock:
   * `({ now }) => sql\`… expires_at <= ${now} …\``.
   */
  sql?: string | ((scope: ColumnSqlScope) => RawBuilder<unknown>);
  type: ColumnType;
  /** i18n key of the column header. */
  label: string;
  sortable?: boolean;
  filter?: FilterKind;
  /** Allowed values of an `enum` column. */
  options?: readonly string[];
  /** Part of the full-text `q` search (text columns only); see `searchVectorSql`. */
  searchable?: boolean;
  /** Shown before the user picks columns; default true. */
  defaultVisible?: boolean;
}

/** Who runs a bulk action: rules such as "only owners disable owners" need the role. */
export interface ActionCaller {
  userId: string;
  role: Role;
  permissions: ReadonlySet<string>;
}

export interface ResourceAction {
  /** URL segment: `POST {path}/actions/{name}`. */
  name: string;
  /** i18n key of the button. */
  label: string;
  /** False: the console offers it on one record at a time (the API then refuses more than one id). */
  bulk: boolean;
  permission: string;
  /** The console asks "are you sure?" first. */
  confirm: boolean;
  /** Schema of `input`; the parsed value reaches `run`. */
  input?: ZodType;
  /**
   * Whether the action applies to one listed record (deny a proof only where there is one). Decided
   * on the server: list and record answers then carry `_actions`, the names of the actions offered
   * on that record. Without it an action is offered on every record.
   */
  availableWhen?: (item: Readonly<Record<string, unknown>>) => boolean;
  /** Changes one record inside its own transaction (`ctx.db` is that transaction) and audits it. */
  run: (ctx: Ctx, id: string, input: unknown, caller: ActionCaller) => Promise<void>;
}

export interface ResourceImportColumn {
  name: string;
  required: boolean;
  /** Parses the CSV cell (a string; absent or empty cells are `undefined`). Use `z.coerce` for numbers. */
  schema: ZodType;
}

export interface ResourceImport {
  columns: ResourceImportColumn[];
  /** Creates one record from a validated row, inside its own transaction; audits it. */
  createRow: (ctx: Ctx, row: Record<string, unknown>) => Promise<void>;
}

/** A table a resource's list reads from besides its own (staff_user beside membership). */
export interface ResourceJoin {
  table: string;
  /** Two qualified columns that must be equal: `['staff_user.id', 'membership.user_id']`. */
  on: [string, string];
  kind?: 'inner' | 'left';
}

/**
 * A console resource: a list with sort, filters, search, export, import, bulk actions and a detail
 * view, all generated from this declaration (`src/core/resources`).
 */
export interface ResourceDefinition {
  /** `notes.notes`: unique, also the saved-view key. */
  name: string;
  /** i18n key of the menu entry. */
  label: string;
  /** Base path of the generated routes (`/api/notes/records`). */
  path: string;
  /** Main table; it must be org-owned (have `org_id`) or be reached only through one that is. */
  table: string;
  /** Primary-key column of `table`. */
  idColumn: string;
  /** Name of the id in items; default `id`. */
  idField?: string;
  /** Checks ids from URLs and action bodies before they reach SQL; default: a UUID. */
  idSchema?: ZodType<string>;
  joins?: ResourceJoin[];
  permission: { read: string; import?: string };
  columns: ResourceColumn[];
  defaultSort: { column: string; order: 'asc' | 'desc' };
  actions?: ResourceAction[];
  import?: ResourceImport;
  /** `subject.type` of this record's audit events; default: the table name. */
  auditSubject?: string;
}
