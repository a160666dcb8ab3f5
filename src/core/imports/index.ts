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
export type { ImportsTables } from './imports.tables.ts';
export type {
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
export { IMPORT_BATCH, type RunImportInput, runImport } from './run-import.ts';
