export { type CsvMapping, csvRecords, openCsvSource } from './csv-source.ts';
export { dumpdataSource, openDumpdataSource } from './dumpdata-source.ts';
export {
  booleanField,
  choiceField,
  dateField,
  dateTimeField,
  decimalMinorField,
  FieldProblem,
  integerField,
  textField,
} from './field-values.rules.ts';
export { targetOf, uniqueRefusals } from './import-mapping.ts';
export { importedSourcesOf, importedTargetOf } from './import-origins.ts';
export {
  importIssuesCsv,
  importReportLines,
  recognisedNothing,
  unrecognisedSource,
} from './import-report.ts';
export {
  getImportRun,
  type ImportRunDeps,
  type ImportRunView,
  performImportRun,
  startImportRun,
} from './import-runs.ts';
export { IMPORT_UPLOAD_MAX_BYTES } from './import-uploads.ts';
export type { ImportableModulesJson, ImportRunJson } from './imports.contract.ts';
export { ImportsErrors } from './imports.errors.ts';
export { importRunJob } from './imports.queue.ts';
export { importsRoutes } from './imports.routes.ts';
export type { ImportRunsTables, ImportsTables } from './imports.tables.ts';
export type {
  ImportFlag,
  ImportIssue,
  ImportModel,
  ImportOptions,
  ImportProgress,
  ImportRefs,
  ImportReport,
  ImportSource,
  ModelImporter,
  ModelReport,
  ModuleImport,
  RowVerdict,
  SourceModel,
  SourceRecord,
} from './imports.types.ts';
export { IMPORT_SOURCES, openImportSource } from './open-source.ts';
export { djangoTable, openPostgresSource, postgresSource, type SourceConnection } from './postgres-source.ts';
export { IMPORT_BATCH, IMPORT_BATCH_ALONE, type RunImportInput, runImport } from './run-import.ts';
