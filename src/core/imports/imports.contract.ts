import { z } from 'zod';

/** Control characters (a NUL, a newline) in a file name are dropped: they name nothing a person typed. */
const withoutControls = (text: string) => text.replace(/\p{Cc}/gu, '');

const uploadedFile = z.object({
  name: z
    .string()
    .transform(withoutControls)
    .pipe(z.string().trim().min(1).max(200))
    .describe('the file name the operator picked'),
  content: z.string().min(1).describe('the file as text'),
});

export const importUploadSchema = z.discriminatedUnion('format', [
  z.object({
    format: z.literal('dumpdata'),
    file: uploadedFile.describe('python manage.py dumpdata > data.json'),
  }),
  z.object({
    format: z.literal('csv'),
    files: z
      .array(
        uploadedFile.extend({
          model: z.string().max(100).optional().describe('its model (mess.student); else read from the name'),
        }),
      )
      .min(1)
      .max(50)
      .describe('one CSV file per model of the original'),
    mapping: z
      .record(z.string(), z.record(z.string(), z.string()))
      .optional()
      .describe('per model, header → field name, for headers that are not field names'),
  }),
]);

export const startImportBody = z.object({
  dryRun: z.boolean().default(true).describe('read and check everything, write nothing (the default)'),
  notify: z.boolean().default(false).describe('also send what the module offers to imported people'),
  source: importUploadSchema.optional(),
  sameSourceAs: z.uuid().optional().describe('import the files of this earlier run (the dry run) again'),
  answers: z
    .record(z.string().regex(/^[a-zA-Z][a-zA-Z0-9]{0,39}$/), z.string().max(500))
    .optional()
    .describe("answers to the module's questions (mess: qrSecret); kept sealed for the run only"),
});

export const moduleParams = z.object({ module: z.string().regex(/^[a-z][a-z0-9]{1,30}$/) });
export const runParams = z.object({ id: z.uuid() });

const modelReport = z.object({
  model: z.string(),
  label: z.string(),
  read: z.number().int(),
  created: z.number().int().describe('written (a dry run: would be written)'),
  unchanged: z.number().int().describe('brought over by an earlier run and unchanged since'),
  updated: z.number().int().describe('brought over before, changed in the original since: brought again'),
  skipped: z.number().int(),
  refused: z.number().int(),
  flagged: z.number().int().describe('came over with a field kept as typed for review'),
  notes: z.record(z.string(), z.number().int()).describe('what changes meaning on the way, counted'),
});

export const importReportSchema = z
  .object({
    module: z.string(),
    source: z.string(),
    found: z.array(z.string()).describe('the models (tables, files) the source holds'),
    dryRun: z.boolean(),
    models: z.array(modelReport),
    issues: z.array(
      z.object({
        kind: z.enum(['refused', 'flagged']),
        model: z.string(),
        pk: z.string(),
        field: z.string().nullable(),
        reason: z.string(),
      }),
    ),
    messages: z.object({
      wouldSend: z.number().int().describe('what --notify sends (or would)'),
      queued: z.number().int(),
    }),
    seconds: z.number(),
  })
  .meta({ id: 'ImportReport' });

export const importRunSchema = z
  .object({
    id: z.string(),
    module: z.string(),
    dryRun: z.boolean(),
    notify: z.boolean(),
    status: z.enum(['running', 'done', 'failed']),
    source: z.string(),
    files: z.array(z.object({ name: z.string(), model: z.string().nullable() })),
    total: z.number().int().describe('records of the source over all models (0 until read)'),
    done: z.number().int().describe('records read so far'),
    currentModel: z.string().nullable(),
    report: importReportSchema.nullable(),
    error: z.string().nullable(),
    startedBy: z.string(),
    createdAt: z.string(),
    finishedAt: z.string().nullable(),
  })
  .meta({ id: 'ImportRun' });

export const importableModulesSchema = z.object({
  modules: z.array(
    z.object({
      module: z.string(),
      original: z.string().describe('the system it replaces'),
      notifies: z.string().nullable().describe('what notify sends'),
      models: z.array(
        z.object({
          model: z.string(),
          label: z.string(),
          table: z.string().nullable().describe('its table in the original (a CSV of it may be named so)'),
        }),
      ),
      questions: z
        .array(
          z.object({
            key: z.string(),
            label: z.string(),
            secret: z.boolean(),
            required: z.boolean(),
          }),
        )
        .describe('what the import asks once (answers)'),
    }),
  ),
});

/** A run as the API answers it (the console types its page from this). */
export type ImportRunJson = z.infer<typeof importRunSchema>;
/** The modules with an import as the API answers them. */
export type ImportableModulesJson = z.infer<typeof importableModulesSchema>;
