import { ImportsErrors, importRunJob, importsRoutes, performImportRun } from '../imports/index.ts';
import type { AreaDeps } from '../modules/index.ts';
import { defineArea } from '../modules/index.ts';
import { importUploadsRule } from '../retention/index.ts';

const runDeps = (deps: AreaDeps) => ({
  imports: () => deps.declared.imports(),
  files: deps.files,
  jobs: deps.jobs,
  log: deps.log,
  secretKey: deps.config.OPSDESK_SECRET_KEY,
});

/**
 * Imports from the original systems from the console (issue 42 item 1): the same run as
 * `opsdesk import`, started by an owner or admin with an upload, as a job with its progress.
 */
export const importsArea = defineArea({
  name: 'imports',
  errors: [ImportsErrors],
  // One permission, not a `.read` one: a run's report and its upload name every record of the
  // original (people, phones, meter keys), so only those who may import see them (no viewer, no ops).
  permissions: [
    {
      key: 'imports.run.create',
      description: 'Import records from the original system a module replaces (dry run, run, reports)',
    },
  ],
  retention: (deps) => ({ rules: [importUploadsRule(deps.files)] }),
  routes: (deps) => async (app) => app.register(importsRoutes, { deps: runDeps(deps) }),
  jobs: (deps) => [
    importRunJob.handle((p) =>
      performImportRun(deps.systemCtx(p.orgId, importRunJob.name), runDeps(deps), p.runId),
    ),
  ],
});
