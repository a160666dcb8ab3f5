import type { Ctx } from '../context/index.ts';

/**
 * One record of an original system, in the shape Django's `dumpdata` writes (`{model, pk, fields}`).
 * Every source (a dumpdata file, the original's database, CSV files) is read into this shape, so one
 * mapping per module serves all three.
 */
export interface SourceRecord {
  /** `app_label.model`, lower case, as dumpdata names it (`mess.student`). */
  model: string;
  /** Its primary key, as text. */
  pk: string;
  /** Values by the model's field names; a foreign key holds the pk of the record it points to. */
  fields: Readonly<Record<string, unknown>>;
}

/** A model of the original, as the sources need to find it. */
export interface SourceModel {
  /** `app_label.model` (`mess.student`); its Django table is `<app_label>_<model>` (`mess_student`). */
  model: string;
  /** Fields that are foreign keys: their database column is `<field>_id`, their value the other pk. */
  foreignKeys?: readonly string[];
  /**
   * Where an original that is not Django keeps the model (a SQLAlchemy `__tablename__`): the table,
   * its primary-key column (default `id`), and columns as the fields' own names (`merchant_id` is the
   * field `merchant_id`, no `<field>_id` renaming). Its CSV file may be named after the table too.
   */
  table?: { name: string; pk?: string };
  /**
   * Fields whose change alone is no change to bring on a later run: a timestamp the original touches
   * on every save (`updated_at`), a flag the mapping does not read (`email_sent`).
   */
  volatile?: readonly string[];
}

/** Where records come from: a dumpdata file, the original's database, a folder of CSV files. */
export interface ImportSource {
  /** How reports name it (`dumpdata mess.json`, `postgres mess@db.local`, `csv ./export`). */
  label: string;
  /** How many records of a model there are (the progress bar's total). */
  count(model: SourceModel): Promise<number>;
  /** The records of a model, in batches of about `batchSize`, in primary-key order where the source has one. */
  records(model: SourceModel, batchSize: number): AsyncIterable<SourceRecord[]>;
  /** The models (or tables, or files) the source holds, known to the mapping or not, for "found: …". */
  found(): Promise<string[]>;
  close(): Promise<void>;
}

/** Something a person should look at on a record that came over anyway (a phone kept as typed). */
export interface ImportFlag {
  field: string;
  reason: string;
}

/** What a mapping says of one record: the row to write, or why it does not come over. */
export type RowVerdict<Row> =
  | {
      row: Row;
      /** It comes over, but something in it is kept as typed for a person to review (reported, CSV). */
      flags?: ReadonlyArray<ImportFlag>;
      /**
       * What changes meaning on the way (a hold already expired, a payment below the fee): a short
       * sentence, counted per model in the report (the dry run says it before anything is written).
       */
      notes?: ReadonlyArray<string>;
    }
  /** It cannot come over as it is: reported with the reason, the rest of the import goes on. */
  | { refused: string; field?: string }
  /** There is nothing to bring (a payment never uploaded): counted, not an error. */
  | { skipped: string };

/** The operator's choices for one run. */
export interface ImportOptions {
  /** Send what the module offers to send to imported people (welcome messages, new passes). Off by default. */
  notify: boolean;
  /** The operator's answers to the module's `questions` (the original's QR secret), by key. */
  answers?: Readonly<Record<string, string>>;
}

/** Targets of records already brought over (this run or an earlier one), for a record's foreign keys. */
export interface ImportRefs {
  /** The id in Opsdesk of the original's `model` record `pk`, if it came over. */
  target(model: string, pk: unknown): string | undefined;
  /** Why the original's `model` record `pk` was refused in this run, if it was (its children say so). */
  refusal(model: string, pk: unknown): string | undefined;
}

/** One model's mapping, prepared for one organization and run. */
export interface ModelImporter<Row> {
  /** Checks and converts one record; pure, with what `begin` read. */
  parse(record: SourceRecord): RowVerdict<Row>;
  /**
   * Writes new rows in the caller's transaction with multi-row inserts, and answers the id each
   * became, in order. Sends nothing, issues no tokens, starts no payments.
   */
  write(tx: Ctx, rows: ReadonlyArray<Row>): Promise<string[]>;
  /**
   * Brings the new state of records an earlier run brought over and that changed in the original
   * since (a number sold since, a payment verified since): `id` is what the record became. Called in
   * the batch's transaction, only for records whose fields changed. Without it, a changed record is
   * reported as flagged ("changed in the original; not brought").
   */
  update?(tx: Ctx, rows: ReadonlyArray<{ id: string; row: Row }>): Promise<void>;
  /**
   * Keys that must be unique over the whole import and the organization's data (`roll_no:CS-01`):
   * a second record with a key already seen in this run is refused with the first one named, in the
   * dry run as in the run (the database's own constraints catch keys already in Opsdesk).
   */
  uniqueKeys?(row: Row): ReadonlyArray<string>;
  /** Words for a database refusal of one row the mapping can name (a roll number already taken). */
  refusalOf?(err: unknown): string | undefined;
  /** How many messages a row would send if the operator asks (`notify`): the dry run counts them. */
  messagesFor?(row: Row): number;
  /** With `notify`, queues those messages for written rows, in the batch's transaction. */
  notify?(tx: Ctx, written: ReadonlyArray<{ row: Row; id: string }>): Promise<void>;
}

/** A model of the original and how it comes over. */
export interface ImportModel<Row = unknown> extends SourceModel {
  /** What reports call its records (`students`). */
  label: string;
  /** Reads what parsing needs in the organization (its currency, its cycles) and returns the importer. */
  begin(ctx: Ctx, refs: ImportRefs, options: ImportOptions): Promise<ModelImporter<Row>>;
}

/**
 * What a module brings over from the original system it replaces (`imports` of its definition):
 * the models in the order they are written (a record's foreign keys point to earlier models).
 */
export interface ModuleImport {
  /** The original, in words (`Sahara Mess (Django)`), for help and reports. */
  original: string;
  // biome-ignore lint/suspicious/noExplicitAny: each model has its own row type
  models: ReadonlyArray<ImportModel<any>>;
  /** What `notify` sends, in a few words for the help (`a new meal pass to each approved student`). */
  notifies?: string;
  /**
   * What the import asks the operator once (the original's QR secret, so old passes keep scanning):
   * answered in the console's form and by `opsdesk import --answer key=value`, passed as `answers`.
   */
  questions?: ReadonlyArray<{ key: string; label: string; secret?: boolean; required?: boolean }>;
}

/** One model's counts in a run's report. */
export interface ModelReport {
  model: string;
  label: string;
  /** Records the source holds. */
  read: number;
  /** Written now (a dry run: would be written). */
  created: number;
  /** Brought over by an earlier run and unchanged since: left as they are. */
  unchanged: number;
  /** Brought over by an earlier run, changed in the original since: their new state brought (a dry run: would be). */
  updated: number;
  skipped: number;
  refused: number;
  /** Came over with something kept as typed for review (each also in `issues`, kind `flagged`). */
  flagged: number;
  /** What changes meaning on the way, counted: `{ "hold already expired: its numbers are free": 3 }`. */
  notes: Record<string, number>;
}

/** A record that could not come over, and why. */
export interface ImportIssue {
  /** Refused: not brought. Flagged: brought, with a field kept as typed for a person to review. */
  kind: 'refused' | 'flagged';
  model: string;
  pk: string;
  field: string | null;
  reason: string;
}

export interface ImportReport {
  module: string;
  source: string;
  /** The models the source holds records of (`core.student`), whether or not the mapping knows them. */
  found: string[];
  dryRun: boolean;
  models: ModelReport[];
  issues: ImportIssue[];
  /** Messages the run queued (`notify`), or a dry run would queue if asked. */
  messages: { wouldSend: number; queued: number };
  seconds: number;
}

export interface ImportProgress {
  model: string;
  label: string;
  done: number;
  total: number;
}
