export { cleanupReportLines, formatBytes } from './cleanup-report.ts';
export {
  auditPersonalRule,
  chatOutboxMessagesRule,
  conversationMessagesRule,
  deliveredNotificationsRule,
  importUploadsRule,
  proofFilesRule,
  rawPayloadsRule,
} from './core-rules.ts';
export { RetentionErrors } from './retention.errors.ts';
export { cleanupJob, RETENTION_SCHEDULES, retentionJobs } from './retention.jobs.ts';
export { retentionRunsResource } from './retention.resource.ts';
export { retentionRoutes } from './retention.routes.ts';
export { cutoffFor, periodsInForce } from './retention.rules.ts';
export type { RetentionTables, RunKind } from './retention.tables.ts';
export type {
  RetentionDeclaration,
  RetentionKeep,
  RetentionRule,
  RetentionScope,
} from './retention.types.ts';
export {
  type RetentionSettings,
  readRetentionSettings,
  setLegalHold,
  updateRetentionSettings,
} from './retention-settings.ts';
export { type Removed, retentionScope } from './retention-sql.ts';
export {
  type CleanupDeps,
  type CleanupOptions,
  cleanDeployment,
  type OrgCleanup,
  retentionRules,
  runCleanup,
} from './run-cleanup.ts';
