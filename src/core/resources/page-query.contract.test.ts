import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { MAX_PAGE, MAX_PER_PAGE } from './list-params.rules.ts';
import { pageQuery, pageSchema, rowsOf } from './page-query.contract.ts';

describe('the one paging convention of every list', () => {
  const query = z.object({ status: z.string().optional(), ...pageQuery({ perPage: 50 }) });

  it('starts at page 1 with the list’s own page size, and reads both from the query string', () => {
    expect(query.parse({})).toEqual({ page: 1, perPage: 50 });
    expect(query.parse({ page: '3', perPage: '20', status: 'sent' })).toEqual({
      page: 3,
      perPage: 20,
      status: 'sent',
    });
  });

  it('refuses a page before the first, an empty page and one larger than the list allows', () => {
    for (const bad of [{ page: '0' }, { perPage: '0' }, { perPage: String(MAX_PER_PAGE + 1) }])
      expect(query.safeParse(bad).success, JSON.stringify(bad)).toBe(false);
    expect(query.safeParse({ page: String(MAX_PAGE + 1) }).success).toBe(false);
    const small = z.object(pageQuery({ perPage: 20, maxPerPage: 100 }));
    expect(small.parse({})).toEqual({ page: 1, perPage: 20 });
    expect(small.safeParse({ perPage: '101' }).success).toBe(false);
  });

  it('covers the rows of its page', () => {
    expect(rowsOf({ page: 1, perPage: 50 })).toEqual({ limit: 50, offset: 0 });
    expect(rowsOf({ page: 3, perPage: 20 })).toEqual({ limit: 20, offset: 40 });
  });

  it('answers the rows with how many there are and which page they are', () => {
    const answer = pageSchema(z.object({ id: z.string() }));
    expect(answer.parse({ items: [{ id: 'a' }], total: 7, page: 2, perPage: 1 })).toEqual({
      items: [{ id: 'a' }],
      total: 7,
      page: 2,
      perPage: 1,
    });
    expect(answer.safeParse({ items: [], total: 0 }).success).toBe(false);
  });
});
