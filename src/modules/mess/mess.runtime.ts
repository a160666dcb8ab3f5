import type { FastifyBaseLogger } from 'fastify';
import { z } from 'zod';
import type { ConversationsRuntime } from '../../core/conversations/index.ts';
import type { FileStore } from '../../core/files/index.ts';
import type { ModuleDeps } from '../../core/modules/index.ts';
import { createPassKeyCache, type PassKeyCache } from '../../core/pass-issuer/index.ts';
import type { RowSink } from '../../core/row-sinks/index.ts';
import type { Config } from '../../platform/config/index.ts';
import type { JobQueue } from '../../platform/jobs/index.ts';
import { type MessMetrics, registerMessMetrics } from './mess-metrics.ts';

/** The mess module's own deployment settings (environment). */
export const messConfigSchema = z.object({
  /** The spreadsheet key events are backed up to, unless an organization names its own. */
  MESS_SHEETS_SPREADSHEET_ID: z.string().min(1).optional(),
});
export type MessConfig = z.infer<typeof messConfigSchema>;

/**
 * What mess use cases need beyond a `Ctx`, for one running app: built by the module's `start`
 * and handed to its routes, jobs, flow, hooks and seed; never stored globally.
 */
export interface MessDeps {
  jobs: JobQueue;
  config: Config;
  log: FastifyBaseLogger;
  files: FileStore;
  /** The app's conversation engine (admin cards go out through it). */
  conversations: ConversationsRuntime;
  /** MESS_SHEETS_SPREADSHEET_ID: the default backup spreadsheet. */
  sheetsSpreadsheetId: string | undefined;
  /** The Google Sheets row sink, when the deployment has one (GOOGLE_* settings of the `sheets` channel). */
  backupSink: () => RowSink | undefined;
  /** A system context in one organization, for jobs. */
  systemCtx: ModuleDeps['systemCtx'];
  /** Public pass keys of this app's organizations, so a scan does not read them again. */
  passKeys: PassKeyCache;
  /** The mess's series on `/metrics`, when the app has a registry. */
  metrics?: MessMetrics;
}

/** The backup goes to a spreadsheet: ids in the settings are Google spreadsheet ids. */
const BACKUP_SINK = 'sheets';

export function startMess(deps: ModuleDeps, config: MessConfig): MessDeps {
  return {
    jobs: deps.jobs,
    config: deps.config,
    log: deps.log,
    files: deps.files,
    conversations: deps.conversations,
    sheetsSpreadsheetId: config.MESS_SHEETS_SPREADSHEET_ID,
    // Read when used: the declarations of other areas are complete only after every area started.
    backupSink: () => deps.declared.rowSinks().find((sink) => sink.name === BACKUP_SINK),
    systemCtx: deps.systemCtx,
    passKeys: createPassKeyCache(),
    ...(deps.metrics ? { metrics: registerMessMetrics(deps.metrics, deps.database, deps.clock) } : {}),
  };
}
