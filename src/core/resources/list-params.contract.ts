import { z } from 'zod';
import { columnOptions } from './column-options.ts';
import { MAX_CURSOR } from './list-cursor.rules.ts';
import {
  DEFAULT_PER_PAGE,
  filterParamsOf,
  MAX_PAGE,
  MAX_PER_PAGE,
  MAX_SEARCH,
  MAX_TEXT,
} from './list-params.rules.ts';
import type { ResourceColumn, ResourceDefinition } from './resource.types.ts';

type JsonSchema = Record<string, unknown>;

/**
 * The query string of a resource's list (`use: 'list'`) or CSV export, one parameter per name the
 * declaration allows: paging, sort, order, search, and each filter with the type and values it
 * takes. Each parameter arrives as text and `parseListParams` reads it against the same
 * declaration (refusing with the parameter's name and its allowed values), so the schema checks
 * only that a parameter is given once; its metadata tells the OpenAPI document what is accepted.
 * Unknown parameters pass through to `parseListParams`, which refuses them by name.
 */
export function listQuerySchema(resource: ResourceDefinition, use: 'list' | 'export') {
  const sortable = resource.columns.filter((c) => c.sortable).map((c) => c.name);
  const params: Record<string, JsonSchema> = {};
  if (use === 'list') {
    params.page = { type: 'integer', minimum: 1, maximum: MAX_PAGE, default: 1 };
    params.perPage = { type: 'integer', minimum: 1, maximum: MAX_PER_PAGE, default: DEFAULT_PER_PAGE };
    params.cursor = {
      type: 'string',
      maxLength: MAX_CURSOR,
      description:
        'The nextCursor of the previous page (same sort and order): the page starts after it, as fast as the first',
    };
  }
  if (sortable.length) params.sort = { type: 'string', enum: sortable, default: resource.defaultSort.column };
  params.order = { type: 'string', enum: ['asc', 'desc'], default: resource.defaultSort.order };
  if (resource.columns.some((c) => c.searchable))
    params.q = {
      type: 'string',
      maxLength: MAX_SEARCH,
      description:
        'Text to find in the searchable columns: a part of a word or a near miss (trigrams), or each word by its beginning where the database has no pg_trgm',
    };
  if (use === 'export')
    params.columns = {
      type: 'string',
      description: `Comma-separated columns, in order (default: all): ${resource.columns.map((c) => c.name).join(', ')}`,
    };
  for (const [name, { column, op }] of filterParamsOf(resource)) params[name] = filterDoc(column, op);
  return z.looseObject(
    Object.fromEntries(Object.entries(params).map(([name, doc]) => [name, z.string().optional().meta(doc)])),
  );
}

function filterDoc(column: ResourceColumn, op: 'eq' | 'contains' | 'gte' | 'lte' | 'in'): JsonSchema {
  switch (op) {
    case 'contains':
      return {
        type: 'string',
        maxLength: MAX_TEXT,
        description: `${column.name} contains this text (any case)`,
      };
    case 'in': {
      const values = column.options ? `: ${columnOptions(column).join(', ')}` : '';
      return {
        type: 'string',
        description: `${column.name} is one of these comma-separated values${values}`,
      };
    }
    case 'gte':
      return { ...valueDoc(column, op), description: `${column.name} at least this${unitOf(column, op)}` };
    case 'lte':
      return { ...valueDoc(column, op), description: `${column.name} at most this${unitOf(column, op)}` };
    case 'eq':
      return { ...valueDoc(column, op), description: `${column.name} equals this${unitOf(column, op)}` };
  }
}

function unitOf(column: ResourceColumn, op: 'eq' | 'gte' | 'lte'): string {
  if (column.type === 'money') return ' (in minor units)';
  if (column.type === 'datetime' && op !== 'eq') return ' (a bare day counts as the whole UTC day)';
  return '';
}

/** The value one filter takes; a bare day bounds a date-time range by whole UTC days. */
function valueDoc(column: ResourceColumn, op: 'eq' | 'gte' | 'lte'): JsonSchema {
  switch (column.type) {
    case 'number':
      return { type: 'number' };
    case 'money':
      return { type: 'integer' };
    case 'date':
      return { type: 'string', format: 'date' };
    case 'datetime':
      return op === 'eq'
        ? { type: 'string', format: 'date-time' }
        : {
            anyOf: [
              { type: 'string', format: 'date-time' },
              { type: 'string', format: 'date' },
            ],
          };
    case 'boolean':
      return { type: 'boolean' };
    case 'enum':
      return { type: 'string', enum: [...columnOptions(column)] };
    case 'id':
    case 'text':
    case 'file':
    case 'message': // never filtered (define-resource.ts)
      return { type: 'string', maxLength: MAX_TEXT };
  }
}
