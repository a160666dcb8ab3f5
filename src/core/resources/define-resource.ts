import type { ResourceColumn, ResourceDefinition } from './resource.types.ts';
import { sqlTextOf } from './resource-sql.ts';

const RESOURCE_NAME = /^[a-z][a-z0-9]*\.[a-z][a-z0-9_]*$/;
const PATH = /^\/api(\/[a-z0-9][a-z0-9-]*)+$/;
const SQL_IDENT = /^[a-z_][a-z0-9_]*$/;
const QUALIFIED = /^[a-z_][a-z0-9_]*\.[a-z_][a-z0-9_]*$/;
const FIELD = /^[a-zA-Z][a-zA-Z0-9]*$/;
const ACTION = /^[a-z][a-z0-9-]*$/;

/** Query parameters with a meaning of their own; a column may not take these names. */
export const RESERVED_PARAMS = ['page', 'perPage', 'sort', 'order', 'q', 'columns', 'cursor'] as const;

const RANGE_TYPES = new Set(['number', 'money', 'date', 'datetime']);

/** `sql` that only names a column: a plain column, declared with `table`/`column` instead. */
const PLAIN_COLUMN = /^\s*("?[a-z_][a-z0-9_]*"?\s*\.\s*)?"?[a-z_][a-z0-9_]*"?\s*$/i;
/** The database server's clock: list SQL uses the injected clock (`({ now }) => sql...`) instead. */
const SERVER_CLOCK =
  /\b(now|statement_timestamp|transaction_timestamp|clock_timestamp|timeofday)\s*\(|\b(current_timestamp|current_date|current_time|localtimestamp|localtime)\b/i;

/**
 * Declares a console resource. Checks the declaration once at startup, so a typo fails the boot
 * instead of a request: identifiers, filters that fit the column type, a sortable default sort.
 */
export function defineResource(def: ResourceDefinition): ResourceDefinition {
  const fail = (why: string): never => {
    throw new Error(`resource ${def.name}: ${why}`);
  };
  if (!RESOURCE_NAME.test(def.name)) fail('name must look like area.things');
  if (!PATH.test(def.path)) fail(`path ${def.path} must look like /api/area/things`);
  if (!SQL_IDENT.test(def.table)) fail(`table ${def.table} is not a plain identifier`);
  if (!SQL_IDENT.test(def.idColumn)) fail(`idColumn ${def.idColumn} is not a plain identifier`);
  for (const join of def.joins ?? []) {
    if (!SQL_IDENT.test(join.table)) fail(`join table ${join.table} is not a plain identifier`);
    if (!join.on.every((c) => QUALIFIED.test(c)))
      fail(`join on ${join.on.join(' = ')} must name table.column`);
  }
  for (const related of def.searchRelated ?? []) {
    if (!SQL_IDENT.test(related.table)) fail(`searched table ${related.table} is not a plain identifier`);
    const [own, other] = related.on;
    if (!QUALIFIED.test(own) || !own.startsWith(`${related.table}.`) || !QUALIFIED.test(other))
      fail(
        `searched table ${related.table}: on must name ${related.table}.column, then the resource's column`,
      );
    if (!related.columns.length || !related.columns.every((c) => SQL_IDENT.test(c)))
      fail(`searched table ${related.table}: columns must be plain identifiers`);
  }
  const tables = new Set([def.table, ...(def.joins ?? []).map((j) => j.table)]);
  const searched = new Set([...tables, ...(def.searchRelated ?? []).map((r) => r.table)]);
  for (const table of def.largeTables ?? [])
    if (!searched.has(table))
      fail(`large table ${table} is neither the resource's table nor one of its joins or searched tables`);
  const names = new Set<string>();
  for (const column of def.columns) {
    checkColumn(column, fail);
    checkColumnSource(def, column, tables, fail);
    if (names.has(column.name)) fail(`column ${column.name} declared twice`);
    names.add(column.name);
  }
  for (const column of def.columns) {
    if (!column.currency) {
      // Amounts beside a currency column are in that currency, not the organization's: say so.
      if (column.type === 'money' && names.has('currency'))
        fail(`column ${column.name}: money beside a currency column needs currency: { column: 'currency' }`);
      continue;
    }
    if (column.type !== 'money') fail(`column ${column.name}: only money columns have a currency`);
    if ('column' in column.currency && !names.has(column.currency.column))
      fail(
        `column ${column.name}: its currency column ${column.currency.column} is not a column of the resource`,
      );
  }
  const idField = def.idField ?? 'id';
  if (!FIELD.test(idField)) fail(`idField ${idField} is not a plain name`);
  const idColumn = def.columns.find((c) => c.name === idField);
  if (idColumn && idColumn.type !== 'id') fail(`column ${idField} holds the id and must have type id`);
  const sort = def.columns.find((c) => c.name === def.defaultSort.column);
  if (!sort?.sortable) fail(`default sort ${def.defaultSort.column} is not a sortable column`);
  const actions = new Set<string>();
  for (const action of def.actions ?? []) {
    if (!ACTION.test(action.name)) fail(`action ${action.name} must be lowercase words with dashes`);
    if (actions.has(action.name)) fail(`action ${action.name} declared twice`);
    actions.add(action.name);
  }
  const downloads = new Set<string>();
  for (const download of def.downloads ?? []) {
    if (!ACTION.test(download.name)) fail(`download ${download.name} must be lowercase words with dashes`);
    if (downloads.has(download.name)) fail(`download ${download.name} declared twice`);
    downloads.add(download.name);
  }
  if (def.import) {
    if (!def.permission.import) fail('an importable resource needs permission.import');
    const importNames = new Set<string>();
    for (const column of def.import.columns) {
      if (!FIELD.test(column.name)) fail(`import column ${column.name} is not a plain name`);
      if (importNames.has(column.name)) fail(`import column ${column.name} declared twice`);
      importNames.add(column.name);
    }
  }
  if (def.form) checkForm(def, fail);
  if (def.titleColumn && !names.has(def.titleColumn)) fail(`titleColumn ${def.titleColumn} is not a column`);
  if (def.quickFind && !def.columns.some((c) => c.searchable))
    fail('quickFind needs a searchable column to find records by');
  return def;
}

/** A form's fields are plain names, declared once, with what their type needs. */
function checkForm(def: ResourceDefinition, fail: (why: string) => never): void {
  const form = def.form!;
  if (!form.create && !form.update) fail('a form needs a create or an update handler');
  const names = new Set<string>();
  for (const field of form.fields) {
    const at = `form field ${field.name}`;
    if (!FIELD.test(field.name)) fail(`${at}: name must be letters and digits`);
    if (names.has(field.name)) fail(`${at}: declared twice`);
    names.add(field.name);
    if (field.type === 'enum' && !field.options?.length) fail(`${at}: enum fields need options`);
    if (field.type === 'reference' && !field.reference) fail(`${at}: reference fields name a resource`);
    if (field.multiple && field.type !== 'reference')
      fail(`${at}: only reference fields take several values`);
    if (field.type === 'money' && !field.currency) fail(`${at}: money fields need a currency`);
    if (field.min !== undefined && field.max !== undefined && field.min > field.max)
      fail(`${at}: min is above max`);
  }
  for (const field of form.fields) {
    const currency = field.currency;
    if (currency && 'field' in currency && !names.has(currency.field))
      fail(`form field ${field.name}: currency field ${currency.field} is not a form field`);
    if (field.shownWhen && !names.has(field.shownWhen.field))
      fail(`form field ${field.name}: shownWhen names ${field.shownWhen.field}, not a form field`);
  }
}

function checkColumn(column: ResourceColumn, fail: (why: string) => never): void {
  const at = `column ${column.name}`;
  if (!FIELD.test(column.name)) fail(`${at}: name must be letters and digits`);
  if ((RESERVED_PARAMS as readonly string[]).includes(column.name)) fail(`${at}: name is reserved`);
  if (/_(gte|lte|in)$/.test(column.name)) fail(`${at}: name may not end in _gte, _lte or _in`);
  if (column.searchable && column.type !== 'text') fail(`${at}: only text columns are searchable`);
  if (column.type === 'message' && (column.filter || column.sortable))
    fail(`${at}: a message is worded in the console, so it is neither filtered nor sorted`);
  switch (column.filter) {
    case undefined:
    case 'eq':
      break;
    case 'contains':
      if (column.type !== 'text') fail(`${at}: contains filters need a text column`);
      break;
    case 'range':
      if (!RANGE_TYPES.has(column.type)) fail(`${at}: range filters need a number, money or date column`);
      break;
    case 'enum':
      if (column.type !== 'enum') fail(`${at}: enum filters need an enum column`);
      break;
    case 'boolean':
      if (column.type !== 'boolean') fail(`${at}: boolean filters need a boolean column`);
      break;
  }
  // Options read from the started app (a function) are checked when they are read, not here.
  if (column.type === 'enum' && typeof column.options !== 'function' && !column.options?.length)
    fail(`${at}: enum columns need options`);
  if (column.optionColors && typeof column.options !== 'function')
    for (const value of Object.keys(column.optionColors))
      if (!column.options?.includes(value))
        fail(`${at}: optionColors names '${value}', not one of its options`);
}

/** Where a column's value comes from: a plain column of a table the resource reads, or computed SQL. */
function checkColumnSource(
  def: ResourceDefinition,
  column: ResourceColumn,
  tables: ReadonlySet<string>,
  fail: (why: string) => never,
): void {
  const at = `column ${column.name}`;
  if (column.filled) {
    if (!def.fillColumns) fail(`${at}: a filled column needs the resource's fillColumns`);
    if (column.sql !== undefined || column.table !== undefined || column.column !== undefined)
      fail(`${at}: a filled column is worded in code, it has no sql, table or column`);
    if (column.sortable || column.filter || column.searchable)
      fail(
        `${at}: a filled column is worded after the query, so it is neither sorted, filtered nor searched`,
      );
    return;
  }
  if (column.table !== undefined && !tables.has(column.table))
    fail(`${at}: table ${column.table} is neither the resource's table nor one of its joins`);
  if (column.column !== undefined && !SQL_IDENT.test(column.column))
    fail(`${at}: column ${column.column} is not a plain identifier`);
  if (column.sql === undefined) return;
  if (column.table !== undefined || column.column !== undefined)
    fail(`${at}: either a plain column (table/column) or computed sql, not both`);
  if (typeof column.sql === 'function') {
    // A search index cannot depend on the time, and `q` must stay able to use one.
    if (column.searchable) fail(`${at}: a searchable column cannot read the clock`);
  } else {
    if (column.sql.trim() === '') fail(`${at}: empty sql`);
    if (PLAIN_COLUMN.test(column.sql))
      fail(`${at}: sql ${column.sql} only names a column; derive it from the name, or use table/column`);
  }
  if (SERVER_CLOCK.test(sqlTextOf(def, column)))
    fail(
      `${at}: sql reads the database clock; write ({ now }) => sql\`...\${now}...\` to use the injected clock`,
    );
}
