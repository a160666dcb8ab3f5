import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { routeOptions, sendFile } from '../../platform/http/index.ts';
import { idempotentCreate } from '../idempotency/index.ts';
import { importIssuesCsv } from './import-report.ts';
import {
  getImportRun,
  type ImportRunDeps,
  type ImportRunView,
  startImportRun,
  uploadFingerprint,
} from './import-runs.ts';
import { IMPORT_UPLOAD_MAX_BYTES } from './import-uploads.ts';
import {
  importableModulesSchema,
  importRunSchema,
  moduleParams,
  runParams,
  startImportBody,
} from './imports.contract.ts';
import { ImportsErrors } from './imports.errors.ts';
import type { ImportReport } from './imports.types.ts';

const toJson = (run: ImportRunView) => ({
  ...run,
  createdAt: run.createdAt.toISOString(),
  finishedAt: run.finishedAt?.toISOString() ?? null,
});

/**
 * `/api/imports`: the console's import from the original systems (issue 42 item 1). Which modules
 * the organization runs have one, start a run (dry run first) as a job, and its progress and report.
 */
export const importsRoutes: FastifyPluginAsyncZod<{ deps: ImportRunDeps }> = async (app, { deps }) => {
  const op = routeOptions(['imports']);
  /** A module this organization runs and that declares an import; else 404. */
  const runsHere = (modules: ReadonlyArray<string> | undefined, module: string) => {
    if (!modules?.includes(module)) throw ImportsErrors.module_not_importable({ module });
  };

  app.get(
    '/api/imports',
    op(
      'imports.run.create',
      'The modules of this organization that can bring records over from their original system',
      { response: { 200: importableModulesSchema } },
    ),
    async (req) => ({
      modules: deps
        .imports()
        .filter((i) => req.auth?.modules.includes(i.module))
        .map(importableModuleOf),
    }),
  );

  app.post(
    '/api/imports/:module/runs',
    op(
      { permission: 'imports.run.create', refuses: [400, 404, 409, 413, 415, 422] },
      'Import from the original system: upload its dumpdata JSON or CSV files (or name the dry run whose files to import); a job (accepts Idempotency-Key)',
      { params: moduleParams, body: startImportBody, response: { 202: importRunSchema } },
      { bodyLimit: 2 * IMPORT_UPLOAD_MAX_BYTES },
    ),
    async (req, reply) => {
      runsHere(req.auth?.modules, req.params.module);
      const input = { module: req.params.module, ...req.body };
      const run = await idempotentCreate(
        req,
        { scope: 'imports.run', request: uploadFingerprint(input), status: 202 },
        async (tx) => toJson(await startImportRun(tx, deps, input)),
      );
      return reply.status(202).send(run);
    },
  );

  app.get(
    '/api/imports/runs/:id',
    op(
      { permission: 'imports.run.create', refuses: [404] },
      'An import run: its progress, and its report once done',
      { params: runParams, response: { 200: importRunSchema } },
    ),
    async (req) => toJson(await getImportRun(req.ctx, req.params.id)),
  );

  app.get(
    '/api/imports/runs/:id/issues.csv',
    op(
      { permission: 'imports.run.create', refuses: [404] },
      "Every record an import run refused or flagged, as CSV (kind, model, the original's pk, field, reason)",
      { params: runParams },
    ),
    async (req, reply) => {
      const run = await getImportRun(req.ctx, req.params.id);
      return sendFile(
        reply,
        { type: 'text/csv; charset=utf-8', name: `import-${run.module}-${run.id.slice(0, 8)}-issues.csv` },
        importIssuesCsv(run.report ?? emptyReport(run)),
      );
    },
  );
};

/** A module's import as the console shows it: the original system, its models and the questions it asks. */
function importableModuleOf(i: ReturnType<ImportRunDeps['imports']>[number]) {
  const mapping = i.mapping();
  return {
    module: i.module,
    original: mapping.original,
    notifies: mapping.notifies ?? null,
    models: mapping.models.map((m) => ({
      model: m.model,
      label: m.label,
      table: m.table?.name ?? null,
    })),
    questions: (mapping.questions ?? []).map((q) => ({
      key: q.key,
      label: q.label,
      secret: q.secret ?? false,
      required: q.required ?? false,
    })),
  };
}

const emptyReport = (run: ImportRunView): ImportReport => ({
  module: run.module,
  source: run.source,
  found: [],
  dryRun: run.dryRun,
  models: [],
  issues: [],
  messages: { wouldSend: 0, queued: 0 },
  seconds: 0,
});
