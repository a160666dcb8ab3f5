import type {
  ImportOptions,
  ImportProgress,
  ImportReport,
  ImportSource,
  ModuleImport,
} from '../core/imports/index.ts';
import { IMPORT_BATCH_ALONE, runImport } from '../core/imports/index.ts';
import type { AnyArea } from '../core/modules/index.ts';
import { findOrganizationBySlug } from '../core/orgs/index.ts';
import type { App } from './build-app.ts';

/** The modules that declare an import (`imports` of their definition), by name. */
export const importableModules = (areas: ReadonlyArray<AnyArea>): AnyArea[] => areas.filter((a) => a.imports);

/** A module's import mapping for this app, or a refusal naming the modules that have one. */
export function moduleImportOf(app: App, areas: ReadonlyArray<AnyArea>, name: string): ModuleImport {
  const area = importableModules(areas).find((a) => a.name === name);
  if (!area) {
    const names = importableModules(areas).map((a) => a.name);
    throw new Error(`${name} has no import; modules with one: ${names.join(', ') || 'none enabled'}`);
  }
  return area.imports!(app.runtimeOf(name)) as ModuleImport;
}

/** Runs `opsdesk import <module>` in one organization of the app (the CLI and the tests share it). */
export async function importIntoOrganization(
  app: App,
  areas: ReadonlyArray<AnyArea>,
  input: {
    module: string;
    org: string;
    source: ImportSource;
    dryRun: boolean;
    options: ImportOptions;
    onProgress?: (p: ImportProgress) => void;
  },
): Promise<ImportReport> {
  const mapping = moduleImportOf(app, areas, input.module);
  const org = await findOrganizationBySlug(app.database.db, input.org);
  if (!org) throw new Error(`No organization "${input.org}"`);
  // The history names the import as its actor; which module it brought over is in each entry.
  const ctx = app.deps.systemCtx(org.id, 'cli.import');
  return runImport(ctx, {
    module: input.module,
    mapping,
    source: input.source,
    dryRun: input.dryRun,
    options: input.options,
    batchSize: IMPORT_BATCH_ALONE,
    ...(input.onProgress ? { onProgress: input.onProgress } : {}),
    onUnexpected: (err, record) => app.deps.log.error({ err, record: record.pk }, 'import row failed'),
  });
}
