/**
 * The one way every list of the API pages (issue 67): `page` from 1 and `perPage`, as a resource list
 * reads them (list-params.rules.ts), answered as `{ items, total, page, perPage }`. A list declares only
 * how many rows a page holds by default and at most; the names, bounds and answer are the same everywhere.
 */
import { z } from 'zod';
import { DEFAULT_PER_PAGE, MAX_PAGE, MAX_PER_PAGE } from './list-params.rules.ts';

/** Which page of a list to show: `page` counts from 1. */
export interface PageRequest {
  page: number;
  perPage: number;
}

/** A page of a list: its rows, how many there are in all, and the page it is. */
export interface Page<T> extends PageRequest {
  items: T[];
  total: number;
}

/** The paging fields of a list's query string, spread into its schema: `z.object({ status, ...pageQuery() })`. */
export function pageQuery({ perPage = DEFAULT_PER_PAGE, maxPerPage = MAX_PER_PAGE } = {}) {
  return {
    page: z.coerce.number().int().min(1).max(MAX_PAGE).default(1).describe('The page to show, from 1'),
    perPage: z.coerce
      .number()
      .int()
      .min(1)
      .max(maxPerPage)
      .default(perPage)
      .describe('How many rows a page holds'),
  };
}

/** The answer of a list of `item`s: `{ items, total, page, perPage }`. */
export function pageSchema<T extends z.ZodType>(item: T) {
  return z.object({
    items: z.array(item),
    total: z.number().int(),
    page: z.number().int(),
    perPage: z.number().int(),
  });
}

/** The rows a page covers, for a query's `limit` and `offset`. */
export function rowsOf({ page, perPage }: PageRequest): { limit: number; offset: number } {
  return { limit: perPage, offset: (page - 1) * perPage };
}
