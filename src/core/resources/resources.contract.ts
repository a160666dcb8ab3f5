import { z } from 'zod';
import { COLUMN_TYPES, FILTER_KINDS, FORM_FIELD_TYPES, OPTION_COLORS } from './resource.types.ts';

export const resourceDescription = z.object({
  name: z.string(),
  label: z.string(),
  path: z.string(),
  columns: z.array(
    z.object({
      name: z.string(),
      type: z.enum(COLUMN_TYPES),
      label: z.string(),
      sortable: z.boolean(),
      filter: z.enum(FILTER_KINDS).nullable(),
      /** A plain value is worded by the console; an object names its i18n key. */
      options: z.array(z.union([z.string(), z.object({ value: z.string(), label: z.string() })])).nullable(),
      /** Options drawn in a colour of the theme (`critical` → `error`); absent when the column has none. */
      optionColors: z.record(z.string(), z.enum(OPTION_COLORS)).optional(),
      defaultVisible: z.boolean(),
      /** False: the record's page leaves the column off (a key another column words); absent otherwise. */
      recordPage: z.literal(false).optional(),
      /** `money`: a fixed currency, or the column of the row that holds it; null = the organization's. */
      currency: z.union([z.object({ code: z.string() }), z.object({ column: z.string() })]).nullable(),
    }),
  ),
  search: z.boolean(),
  actions: z.array(
    z.object({
      name: z.string(),
      label: z.string(),
      bulk: z.boolean(),
      confirm: z.union([z.boolean(), z.string()]),
      allowed: z.boolean(),
      inputFields: z.array(
        z.object({
          name: z.string(),
          type: z.enum(['text', 'number', 'boolean']),
          required: z.boolean(),
          maxLength: z.number().optional(),
        }),
      ),
    }),
  ),
  downloads: z.array(z.object({ name: z.string(), label: z.string(), allowed: z.boolean() })),
  importable: z
    .object({
      columns: z.array(z.object({ name: z.string(), required: z.boolean() })),
      /** Its records send messages (a welcome e-mail): the import asks whether to send them. */
      messages: z.boolean(),
    })
    .nullable(),
  exportable: z.literal(true),
  idField: z.string(),
  titleColumn: z.string().nullable(),
  /** `subject.type` of this record's audit events: the history words its fields with the labels above. */
  auditSubject: z.string(),
  form: z
    .object({
      fields: z.array(
        z.object({
          name: z.string(),
          type: z.enum(FORM_FIELD_TYPES),
          label: z.string(),
          required: z.boolean(),
          min: z.number().nullable(),
          max: z.number().nullable(),
          maxLength: z.number().nullable(),
          options: z.array(z.string()).nullable(),
          reference: z.string().nullable(),
          multiple: z.boolean(),
          currency: z.union([z.object({ code: z.string() }), z.object({ field: z.string() })]).nullable(),
          on: z.enum(['create', 'edit']).nullable(),
          shownWhen: z.object({ field: z.string(), values: z.array(z.string()) }).optional(),
        }),
      ),
      creatable: z.boolean(),
      editable: z.boolean(),
    })
    .nullable(),
});

/** What a generated create route answers: the new record's id (the console opens it). */
export const createdRecord = z.object({ id: z.string() });

export const item = z.record(z.string(), z.unknown());

export const listPage = z.object({
  items: z.array(item),
  total: z.number().int().meta({ description: 'Exact when totalExact, else an estimate (about this many)' }),
  totalExact: z.boolean(),
  page: z.number().int(),
  perPage: z.number().int(),
  nextCursor: z
    .string()
    .nullable()
    .meta({ description: 'Pass as cursor for the next page (keyset); null on the last page' }),
});

export const actionBody = z.object({
  ids: z.array(z.string().min(1).max(200)).min(1).max(500),
  input: z.record(z.string(), z.unknown()).optional(),
});

export const actionReport = z.object({
  done: z.array(z.string()),
  failed: z.array(z.object({ id: z.string(), code: z.string(), message: z.string() })),
});

export const MAX_IMPORT_CSV_BYTES = 5 * 1024 * 1024;

export const importQuery = z.object({
  dryRun: z.enum(['true', 'false']).default('true').describe('true: validate only, write nothing'),
  notify: z
    .enum(['true', 'false'])
    .default('false')
    .describe('true: the new records send their messages (welcome e-mails); nothing is sent unless asked'),
});

export const importBody = z.object({
  csv: z.string().min(1).max(MAX_IMPORT_CSV_BYTES),
  mapping: z.record(z.string().max(200), z.string().max(100)),
});

export const importReport = z.object({
  rows: z.number().int(),
  valid: z.number().int(),
  invalid: z.number().int(),
  created: z.number().int(),
  errors: z.array(z.object({ row: z.number().int(), field: z.string().nullable(), message: z.string() })),
  failedRowsCsv: z.string().nullable(),
  messages: z.object({
    wouldSend: z.number().int().describe('messages the valid (dry run) or created rows send when asked'),
    queued: z.number().int().describe('messages this run queued (notify=true)'),
  }),
});

export const viewParams = z.object({
  filters: z.record(z.string().max(100), z.string().max(500)).default({}),
  sort: z.string().max(100).optional(),
  order: z.enum(['asc', 'desc']).optional(),
  columns: z.array(z.string().max(100)).max(100).optional(),
  perPage: z.number().int().min(1).max(200).optional(),
});

export const savedView = z.object({
  id: z.string(),
  resource: z.string(),
  name: z.string(),
  params: viewParams,
  createdAt: z.iso.datetime(),
});
export type SavedView = z.infer<typeof savedView>;

export const viewBody = z.object({
  resource: z.string().max(100),
  name: z.string().trim().min(1).max(100),
  params: viewParams,
});

export const foundRecord = z.object({
  resource: z.string(),
  label: z.string(),
  id: z.string(),
  title: z.string(),
  detail: z.array(z.string()),
});
