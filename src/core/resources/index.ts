export { columnOptions } from './column-options.ts';
export { defineResource } from './define-resource.ts';
export type { ResourceDescription } from './describe-resource.ts';
export { detectDelimiter, readCsvRows } from './import.rules.ts';
export { EXACT_COUNT_LIMIT } from './list-pages.ts';
export { type ListParams, parseListParams } from './list-params.rules.ts';
export { type ListPage, listResource } from './list-query.ts';
export { membersResource } from './members.resource.ts';
export { type Page, type PageRequest, pageQuery, pageSchema, rowsOf } from './page-query.contract.ts';
export type {
  ActionCaller,
  ColumnType,
  FilledValues,
  FilterKind,
  OptionColor,
  ResourceAction,
  ResourceColumn,
  ResourceDefinition,
  ResourceImport,
  ResourceImportColumn,
  ResourceJoin,
  ResourceMessage,
} from './resource.types.ts';
export { searchIndexSql, searchVectorSql, trigramDocsOf, trigramIndexSql } from './resource-sql.ts';
export { ResourceErrors } from './resources.errors.ts';
export { resourcesRoutes } from './resources.routes.ts';
export type { SavedViewTables } from './saved-views.tables.ts';
