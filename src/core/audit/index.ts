export { type AuditItem, auditPageSchema } from './audit.contract.ts';
export { auditRoutes } from './audit.routes.ts';
export type { AuditTables } from './audit.tables.ts';
export { type AuditEntry, auditInsertSql, auditRowsInsertSql, recordAudit } from './record.ts';
export { type AuditQuery, searchAudit } from './search.ts';
