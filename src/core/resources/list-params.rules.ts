import { z } from 'zod';
import type { AppError } from '../../platform/errors/index.ts';
import { unknownQueryParam } from '../../platform/http/index.ts';
import { columnOptions } from './column-options.ts';
import { decodeCursor, type ListCursor, MAX_CURSOR } from './list-cursor.rules.ts';
import type { ResourceColumn, ResourceDefinition } from './resource.types.ts';
import { invalidQuery } from './resources.errors.ts';

export const DEFAULT_PER_PAGE = 25;
export const MAX_PER_PAGE = 200;
/** Deep offsets cost a scan of everything before them; past this, filter instead. */
export const MAX_PAGE = 100_000;
export const MAX_TEXT = 500;
export const MAX_SEARCH = 200;

export type FilterValue = string | number | boolean;

/** One condition on one declared column; `lt` comes from a date-only upper bound on a datetime. */
export type FilterClause =
  | { column: string; op: 'eq' | 'gte' | 'lte' | 'lt'; value: FilterValue }
  | { column: string; op: 'contains'; value: string }
  | { column: string; op: 'in'; value: FilterValue[] };

export interface ListParams {
  page: number;
  perPage: number;
  sort: string;
  order: 'asc' | 'desc';
  q: string | null;
  filters: FilterClause[];
  /** Export only: which columns, in order; null = all. */
  columns: string[] | null;
  /**
   * Keyset position (`cursor` from the previous page's `nextCursor`): the page starts after this
   * record, as fast as the first page however deep. Null: `page` picks the position by offset.
   */
  after: ListCursor | null;
}

type RawQuery = Record<string, unknown>;
type Op = 'eq' | 'contains' | 'gte' | 'lte' | 'in';

const DEFAULT_ID = z.uuid();

/**
 * Reads list parameters against a resource's declaration. Only declared names pass: an unknown
 * parameter, an unsortable column or a value of the wrong type is refused with a 400 that names
 * the parameter and what it accepts, so nothing from the request ever picks SQL.
 */
export function parseListParams(resource: ResourceDefinition, query: RawQuery): ListParams {
  const filterParams = filterParamsOf(resource);
  const sortable = resource.columns.filter((c) => c.sortable).map((c) => c.name);
  const search = resource.columns.some((c) => c.searchable);
  const params: ListParams = {
    page: 1,
    perPage: DEFAULT_PER_PAGE,
    sort: resource.defaultSort.column,
    order: resource.defaultSort.order,
    q: null,
    filters: [],
    columns: null,
    after: null,
  };
  let cursor: string | null = null;
  for (const [key, raw] of Object.entries(query)) {
    if (raw === undefined) continue;
    if (typeof raw !== 'string') throw invalidQuery(key, 'is given more than once', 'a single value');
    switch (key) {
      case 'page':
        params.page = integerIn(key, raw, 1, MAX_PAGE);
        break;
      case 'perPage':
        params.perPage = integerIn(key, raw, 1, MAX_PER_PAGE);
        break;
      case 'sort':
        if (!sortable.includes(raw)) throw notAllowed(key, raw, sortable);
        params.sort = raw;
        break;
      case 'order':
        if (raw !== 'asc' && raw !== 'desc') throw notAllowed(key, raw, ['asc', 'desc']);
        params.order = raw;
        break;
      case 'q':
        if (!search) throw invalidQuery(key, 'this list has no full-text search', 'no q parameter');
        if (raw.length > MAX_SEARCH)
          throw invalidQuery(
            key,
            `is longer than ${MAX_SEARCH} characters`,
            `at most ${MAX_SEARCH} characters`,
          );
        params.q = raw.trim() || null;
        break;
      case 'columns':
        params.columns = parseColumns(resource, raw);
        break;
      case 'cursor':
        if (raw.length > MAX_CURSOR)
          throw invalidQuery(key, `is longer than ${MAX_CURSOR} characters`, 'a nextCursor of this list');
        cursor = raw || null;
        break;
      default: {
        const target = filterParams.get(key);
        if (!target) throw unknownQueryParam(key, [...RESERVED, ...filterParams.keys()]);
        if (raw === '') break;
        params.filters.push(filterClause(resource, target.column, target.op, key, raw));
      }
    }
  }
  // Read last: a cursor belongs to one sort and order, whatever order the parameters came in.
  if (cursor) params.after = decodeCursor(cursor, params.sort, params.order);
  return params;
}

const RESERVED = ['page', 'perPage', 'sort', 'order', 'q', 'columns', 'cursor'];

/** Every filter parameter a resource accepts, e.g. `createdAt`, `createdAt_gte`, `status_in`. */
export function filterParamsOf(
  resource: ResourceDefinition,
): Map<string, { column: ResourceColumn; op: Op }> {
  const out = new Map<string, { column: ResourceColumn; op: Op }>();
  for (const column of resource.columns) {
    switch (column.filter) {
      case undefined:
        break;
      case 'contains':
        out.set(column.name, { column, op: 'contains' });
        break;
      case 'range':
        out.set(column.name, { column, op: 'eq' });
        out.set(`${column.name}_gte`, { column, op: 'gte' });
        out.set(`${column.name}_lte`, { column, op: 'lte' });
        break;
      case 'enum':
        out.set(column.name, { column, op: 'eq' });
        out.set(`${column.name}_in`, { column, op: 'in' });
        break;
      default:
        out.set(column.name, { column, op: 'eq' });
    }
  }
  return out;
}

function filterClause(
  resource: ResourceDefinition,
  column: ResourceColumn,
  op: Op,
  key: string,
  raw: string,
): FilterClause {
  if (op === 'in') {
    const values = raw.split(',').filter(Boolean);
    if (values.length > 100) throw invalidQuery(key, 'lists more than 100 values', 'at most 100 values');
    return { column: column.name, op, value: values.map((v) => typedValue(resource, column, key, v)) };
  }
  if (op === 'contains') {
    if (raw.length > MAX_TEXT)
      throw invalidQuery(key, `is longer than ${MAX_TEXT} characters`, 'shorter text');
    return { column: column.name, op, value: raw };
  }
  if (column.type === 'datetime' && /^\d{4}-\d{2}-\d{2}$/.test(raw))
    return dayBound(column.name, op, key, raw);
  return { column: column.name, op, value: typedValue(resource, column, key, raw) };
}

/** A bare day on a datetime column means the whole UTC day: `_lte=2026-11-30` ends before Dec 1. */
function dayBound(column: string, op: 'eq' | 'gte' | 'lte', key: string, day: string): FilterClause {
  const start = new Date(`${day}T00:00:00.000Z`);
  if (Number.isNaN(start.getTime()) || start.toISOString().slice(0, 10) !== day)
    throw invalidQuery(key, `${day} is not a date`, 'YYYY-MM-DD or an ISO date-time');
  if (op === 'gte') return { column, op: 'gte', value: start.toISOString() };
  const next = new Date(start.getTime() + 86_400_000).toISOString();
  if (op === 'lte') return { column, op: 'lt', value: next };
  throw invalidQuery(key, 'needs a date-time, or use _gte and _lte for a whole day', 'an ISO date-time');
}

function typedValue(
  resource: ResourceDefinition,
  column: ResourceColumn,
  key: string,
  raw: string,
): FilterValue {
  switch (column.type) {
    case 'number':
    case 'money': {
      const n = raw.trim() === '' ? Number.NaN : Number(raw);
      if (!Number.isFinite(n)) throw invalidQuery(key, `${raw} is not a number`, 'a number');
      if (column.type === 'money' && !Number.isSafeInteger(n))
        throw invalidQuery(key, `${raw} is not an amount in minor units`, 'an integer amount in minor units');
      return n;
    }
    case 'date': {
      const d = new Date(`${raw}T00:00:00.000Z`);
      if (
        !/^\d{4}-\d{2}-\d{2}$/.test(raw) ||
        Number.isNaN(d.getTime()) ||
        d.toISOString().slice(0, 10) !== raw
      )
        throw invalidQuery(key, `${raw} is not a date`, 'YYYY-MM-DD');
      return raw;
    }
    case 'datetime': {
      const ok = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?(Z|[+-]\d{2}:\d{2})$/.test(raw);
      if (!ok || Number.isNaN(Date.parse(raw)))
        throw invalidQuery(
          key,
          `${raw} is not a date-time with a time zone`,
          'an ISO date-time such as 2026-11-22T10:00:00Z',
        );
      return new Date(raw).toISOString();
    }
    case 'boolean':
      if (raw !== 'true' && raw !== 'false') throw notAllowed(key, raw, ['true', 'false']);
      return raw === 'true';
    case 'enum':
      if (!columnOptions(column).includes(raw)) throw notAllowed(key, raw, [...columnOptions(column)]);
      return raw;
    case 'id':
      if (!(resource.idSchema ?? DEFAULT_ID).safeParse(raw).success)
        throw invalidQuery(key, `${raw} is not an id`, 'an id');
      return raw;
    case 'text':
    case 'file':
    case 'message': // never filtered (define-resource.ts)
      if (raw.length > MAX_TEXT)
        throw invalidQuery(key, `is longer than ${MAX_TEXT} characters`, 'shorter text');
      return raw;
  }
}

function parseColumns(resource: ResourceDefinition, raw: string): string[] | null {
  const known = resource.columns.map((c) => c.name);
  const wanted = raw.split(',').filter(Boolean);
  for (const name of wanted) if (!known.includes(name)) throw notAllowed('columns', name, known);
  return wanted.length ? [...new Set(wanted)] : null;
}

function integerIn(key: string, raw: string, min: number, max: number): number {
  const n = /^\d{1,9}$/.test(raw) ? Number(raw) : Number.NaN;
  if (!(n >= min && n <= max))
    throw invalidQuery(key, `must be a whole number from ${min} to ${max}`, `${min}..${max}`);
  return n;
}

function notAllowed(param: string, value: string, allowed: string[]): AppError {
  return invalidQuery(param, `${value} is not one of ${allowed.join(', ')}`, allowed.join(' | '), allowed);
}
