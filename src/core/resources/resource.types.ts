import type { RawBuilder, SqlBool } from 'kysely';
import type { ZodType } from 'zod';
import type { Role } from '../auth/index.ts';
import type { Ctx } from '../context/index.ts';

/**
 * `file`: the URL of a stored file (`/api/files/{id}/content`); the console shows it as a preview.
 * `message`: a sentence the console words in the reader's language (a `ResourceMessage`).
 */
export const COLUMN_TYPES = [
  'id',
  'text',
  'number',
  'money',
  'date',
  'datetime',
  'enum',
  'boolean',
  'file',
  'message',
] as const;
export type ColumnType = (typeof COLUMN_TYPES)[number];

/**
 * What a `message` column holds: an i18n key of the console and the values its placeholders take,
 * a value itself a message (a command's name) or a list of them (joined with commas); `text` is the
 * sentence in English for API clients and CSV exports, shown where the console has no such key
 * (issue 28: a server-made sentence reads in the reader's language).
 */
export interface ResourceMessage {
  key: string;
  params?: Record<string, MessageParam> | null;
  text?: string;
  /** The record the sentence names (a refund's raffle order): the console links the words to its page. */
  record?: { resource: string; id: string };
}
/** An amount (`{ amountMinor, currency }`) reads as money in the reader's format. */
export type MessageParam =
  | string
  | number
  | ResourceMessage
  | ResourceMessage[]
  | { amountMinor: number; currency: string };

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
  /**
   * Allowed values of an `enum` column. A function when the values are declared by other areas
   * (the payment purpose types of the enabled modules); it is read once the app has started.
   */
  options?: readonly string[] | (() => readonly string[]);
  /**
   * The i18n key that words one option, when the values are not the column's own words
   * (`raffle.order` → `raffle.purposeType.order`); default `<area>.options.<value>` in the console.
   */
  optionLabel?: (value: string) => string;
  /**
   * A colour for some options of an `enum` column, so a reader tells them apart at a glance in a
   * list (a critical alarm red); options not named here read in the neutral chip.
   */
  optionColors?: Readonly<Record<string, OptionColor>>;
  /**
   * `money`: the currency the amount is in, fixed (`{ code: 'INR' }`) or read from another column of
   * the same row (`{ column: 'currency' }`). Required when the resource has a `currency` column.
   */
  currency?: { code: string } | { column: string };
  /**
   * A computed column's `= value` as a condition an index can serve (a status computed over a
   * stored one): the eq and `_in` filters use it instead of comparing the computed expression.
   * It must select exactly the rows whose computed value equals `value`.
   */
  eqSql?: (value: RawBuilder<unknown>, scope: ColumnSqlScope) => RawBuilder<unknown>;
  /** Part of the full-text `q` search (text columns only); see `searchVectorSql`. */
  searchable?: boolean;
  /**
   * What was searched (`q`'s words run together) as this column's exact value however it was typed
   * (a code with or without its hyphen, spaced, in any case): the condition that finds it, or null
   * when it cannot be one. `q` then finds the record by the value as stored and as shown.
   */
  searchExactSql?: (word: string) => RawBuilder<SqlBool> | null;
  /**
   * Filled by the resource's `fillColumns` once the rows are read, for what SQL cannot say (who paid
   * and for what, as the module that owns the purpose words it): read as null by SQL, so never
   * sorted, filtered or searched.
   */
  filled?: boolean;
  /** Shown before the user picks columns; default true. */
  defaultVisible?: boolean;
  /**
   * Shown on the record's page; default true. False for a machine's key kept for filtering and the
   * API (a meal window `date:mealId`, a scanner's UUID) that another column of the page says in words.
   */
  recordPage?: boolean;
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
  /**
   * The console asks "are you sure?" first; a string is the i18n key of the question, for an
   * action whose consequences the generic 'Run "…" on 1 record?' would not tell (a raffle draw).
   */
  confirm: boolean | string;
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

/** A file made of the selected records (their passes as one PDF), not a change to them. */
export interface ResourceDownload {
  /** URL segment: `POST {path}/downloads/{name}` with `{ ids }`. */
  name: string;
  /** i18n key of the button. */
  label: string;
  permission: string;
  /** Most records one file holds (default 500). */
  maxIds?: number;
  /** The file, from ids that all belong to the caller's organization (checked before this runs). */
  render: (
    ctx: Ctx,
    ids: string[],
    caller: ActionCaller,
  ) => Promise<{ filename: string; contentType: string; body: Buffer | string }>;
}

export interface ResourceImportColumn {
  name: string;
  required: boolean;
  /** Parses the CSV cell (a string; absent or empty cells are `undefined`). Use `z.coerce` for numbers. */
  schema: ZodType;
  /**
   * The schema for the caller's organization, where the reading depends on it (a phone read in its
   * country): made once per import and used instead of `schema`, so the dry run checks what the run will.
   */
  schemaFor?: (ctx: Ctx) => Promise<ZodType>;
}

export interface ResourceImport {
  columns: ResourceImportColumn[];
  /**
   * Creates one record from a validated row, inside its own transaction; audits it. `notify`: the
   * operator asked for the messages a new record sends (a welcome e-mail); off unless asked.
   */
  createRow: (ctx: Ctx, row: Record<string, unknown>, options: { notify: boolean }) => Promise<void>;
  /** The messages one row's record sends when asked (`notify`); the report counts them either way. */
  messagesFor?: (row: Record<string, unknown>) => number;
}

export const FORM_FIELD_TYPES = [
  'text',
  'textarea',
  'number',
  'money',
  'date',
  'time',
  'datetime',
  'enum',
  'boolean',
  'reference',
  'file',
  'list',
] as const;
export type FormFieldType = (typeof FORM_FIELD_TYPES)[number];

/**
 * One field of a resource's create/edit form. `date` is a calendar day (`YYYY-MM-DD`, no zone),
 * `time` a wall-clock time (`HH:MM`), `datetime` an instant typed on the organization's clock. The console draws the input from it; the server
 * checks the body with the handler's `input` schema, so `required`/`min`/`max` here only shape the
 * input (hints and early checks), the schema stays the rule.
 */
/** The colour of an option's chip, by the console theme's palette names. */
export const OPTION_COLORS = ['error', 'warning', 'success', 'info'] as const;
export type OptionColor = (typeof OPTION_COLORS)[number];

export interface ResourceFormField {
  /** Key in the request body (`priceMinor`). */
  name: string;
  type: FormFieldType;
  /** i18n key of the label. */
  label: string;
  required?: boolean;
  /** Smallest/largest number (for `money`: in minor units, as stored). */
  min?: number;
  max?: number;
  maxLength?: number;
  /** Values of an `enum` field. */
  options?: readonly string[];
  /** `reference`: the resource (by name) whose records the field points at, shown by title. */
  reference?: string;
  /** `reference`: a list of ids (the meals a closure closes); empty stands for none picked. */
  multiple?: boolean;
  /** `money`: the ISO currency the amount is in, or the name of the form field that holds it. */
  currency?: { code: string } | { field: string };
  /** Shown only when creating (`create`) or only when editing (`edit`); default both. */
  on?: 'create' | 'edit';
  /**
   * Asked only while another field of the form holds one of these values (a command's own
   * parameters, for the command chosen); hidden, it is sent empty.
   */
  shownWhen?: { field: string; values: readonly string[] };
}

/** Who submits a form: the same caller an action sees. */
export type FormCaller = ActionCaller;

export interface ResourceForm {
  fields: ResourceFormField[];
  /**
   * `POST {path}`: delegated to the module's use case. `run` gets the body parsed by `input` and
   * runs inside the request's transaction (idempotent under `Idempotency-Key`); it audits.
   */
  create?: {
    permission: string;
    input: ZodType;
    run: (ctx: Ctx, input: unknown, caller: FormCaller) => Promise<{ id: string }>;
  };
  /** `PATCH {path}/{id}`: the fields that changed; same rules as `create`. */
  update?: {
    permission: string;
    input: ZodType;
    run: (ctx: Ctx, id: string, input: unknown, caller: FormCaller) => Promise<void>;
  };
}

/** What `fillColumns` adds: per record id, its filled columns' values. */
export type FilledValues = ReadonlyMap<string, Readonly<Record<string, unknown>>>;

/** A table a resource's list reads from besides its own (staff_user beside membership). */
export interface ResourceJoin {
  table: string;
  /** Two qualified columns that must be equal: `['staff_user.id', 'membership.user_id']`. */
  on: [string, string];
  kind?: 'inner' | 'left';
}

/**
 * Rows of another table that `q` also searches, though the list does not show them: a contact's
 * phones and e-mails (`contact_identity`, many per contact). A record matches when one of its
 * related rows contains the word, as a semi-join (`contact.id in (select contact_id from
 * contact_identity where …)`), so the list keeps one row per record.
 */
export interface ResourceSearchRelation {
  table: string;
  /** The related table's column first, then the resource's: `['contact_identity.contact_id', 'contact.id']`. */
  on: [string, string];
  /** Its text columns searched (plain identifiers). */
  columns: string[];
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
  /** Related tables `q` also searches (see ResourceSearchRelation). */
  searchRelated?: ResourceSearchRelation[];
  /**
   * What else one search word finds that no table of this area holds (a payment's payer, as the
   * module that owns its purpose knows them): a condition on the record, or null when nothing.
   * Asked once per word of a search, before the page is read.
   */
  searchAlso?: (ctx: Ctx, word: string) => Promise<RawBuilder<SqlBool> | null>;
  permission: { read: string; import?: string };
  columns: ResourceColumn[];
  defaultSort: { column: string; order: 'asc' | 'desc' };
  actions?: ResourceAction[];
  /** Files of the selected records, offered beside the bulk actions. */
  downloads?: ResourceDownload[];
  import?: ResourceImport;
  /** Create/edit forms generated from fields; their routes delegate to the module's handlers. */
  form?: ResourceForm;
  /**
   * The column whose value names a record (page title, references from other resources);
   * default: `title` or `name` when the resource has such a column, else the id.
   */
  titleColumn?: string;
  /**
   * Ctrl+K finds this resource's records by its searchable columns (`GET /api/resources/find`):
   * the records a person looks up by name or code (students, customers, meters, orders, machines).
   */
  quickFind?: boolean;
  /** `subject.type` of this record's audit events; default: the table name. */
  auditSubject?: string;
  /**
   * Where this record's history is kept when it is written in another record's: the entries of
   * `subjectType` about the record named by this record's `subjectField`, whose `after` holds this
   * record's id in `afterField` (a refund's, in its payment's history: `payment`, `paymentId`,
   * `refundId`). Without it, the entries whose subject is this record (`auditSubject`).
   */
  auditTrail?: { subjectType: string; subjectField: string; afterField: string };
  /**
   * The values of the `filled` columns of some listed records (a page, a batch of an export, one
   * record), by the record's id; a record left out keeps them null.
   */
  fillColumns?: (ctx: Ctx, items: ReadonlyArray<Readonly<Record<string, unknown>>>) => Promise<FilledValues>;
  /**
   * Tables of this list expected to reach millions of rows (scan logs, tickets, contacts). The
   * list-plans test seeds them large, runs EXPLAIN on every declared sort, filter and search and
   * refuses a sequential scan on them: ship the supporting indexes in the module's migrations.
   */
  largeTables?: readonly string[];
}
