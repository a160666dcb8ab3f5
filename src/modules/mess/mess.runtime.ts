import { z } from 'zod';
import type { ModuleRuntime } from '../../core/modules/index.ts';
import { createPassKeyCache, type PassKeyCache } from '../../core/pass-issuer/index.ts';
import type { RowSink } from '../../core/row-sinks/index.ts';
import { type MessMetrics, registerMessMetrics } from './mess-metrics.ts';

/** The mess module's own deployment settings (environment). */
export const messConfigSchema = z.object({
  /** The spreadsheet key events are backed up to, unless an organization names its own. */
  MESS_SHEETS_SPREADSHEET_ID: z.string().min(1).optional(),
});
export type MessConfig = z.infer<typeof messConfigSchema>;

/**
 * The mess module of one running app: the core's runtime (with `config`, its parsed settings) plus
 * what only mess needs. Built by the module's `start`, handed to its routes, jobs, flow, hooks,
 * resources and seed; never stored globally.
 */
export interface MessRuntime extends ModuleRuntime<MessConfig> {
  /** The Google Sheets row sink, when the deployment has one (GOOGLE_* settings of the `sheets` channel). */
  backupSink: () => RowSink | undefined;
  /** Public pass keys of this app's organizations, so a scan does not read them again. */
  passKeys: PassKeyCache;
  /** The mess's series on `/metrics`, when the app has a registry. */
  metrics?: MessMetrics;
}

/** The backup goes to a spreadsheet: ids in the settings are Google spreadsheet ids. */
const BACKUP_SINK = 'sheets';

export function startMess(core: ModuleRuntime<MessConfig>): MessRuntime {
  return {
    ...core,
    // Read when used: the declarations of other areas are complete only after every area started.
    backupSink: () => core.deps.declared.rowSinks().find((sink) => sink.name === BACKUP_SINK),
    passKeys: createPassKeyCache(),
    ...(core.deps.metrics
      ? { metrics: registerMessMetrics(core.deps.metrics, core.deps.database, core.deps.clock) }
      : {}),
  };
}
