import { describe, expect, it } from 'vitest';
import { AppError } from '../../platform/errors/index.ts';
import { encodeCursor } from './list-cursor.rules.ts';
import { parseListParams } from './list-params.rules.ts';
import { sampleResource as r } from './sample-resource.test-fixture.ts';

function refusal(query: Record<string, unknown>): AppError {
  try {
    parseListParams(r, query);
  } catch (err) {
    if (err instanceof AppError) return err;
    throw err;
  }
  throw new Error('expected a refusal');
}

describe('list parameters', () => {
  it('defaults to the first page of 25 in the declared sort', () => {
    expect(parseListParams(r, {})).toEqual({
      page: 1,
      perPage: 25,
      sort: 'createdAt',
      order: 'desc',
      q: null,
      filters: [],
      columns: null,
      after: null,
    });
  });

  it('reads paging, sort, search and typed filters', () => {
    const p = parseListParams(r, {
      page: '3',
      perPage: '200',
      sort: 'qty',
      order: 'asc',
      q: ' anna ',
      customer: 'ann',
      qty_gte: '2',
      total_lte: '1500',
      dueOn: '2026-11-30',
      status_in: 'open,paid',
      paid: 'false',
    });
    expect(p).toMatchObject({ page: 3, perPage: 200, sort: 'qty', order: 'asc', q: 'anna' });
    expect(p.filters).toEqual([
      { column: 'customer', op: 'contains', value: 'ann' },
      { column: 'qty', op: 'gte', value: 2 },
      { column: 'total', op: 'lte', value: 1500 },
      { column: 'dueOn', op: 'eq', value: '2026-11-30' },
      { column: 'status', op: 'in', value: ['open', 'paid'] },
      { column: 'paid', op: 'eq', value: false },
    ]);
  });

  it('turns a bare day on a datetime column into the whole UTC day', () => {
    const p = parseListParams(r, { createdAt_gte: '2026-11-01', createdAt_lte: '2026-11-30' });
    expect(p.filters).toEqual([
      { column: 'createdAt', op: 'gte', value: '2026-11-01T00:00:00.000Z' },
      { column: 'createdAt', op: 'lt', value: '2026-12-01T00:00:00.000Z' },
    ]);
  });

  it('accepts a date-time with an offset and normalizes it to UTC', () => {
    const p = parseListParams(r, { createdAt_gte: '2026-11-01T05:30:00+05:30' });
    expect(p.filters[0]).toEqual({ column: 'createdAt', op: 'gte', value: '2026-11-01T00:00:00.000Z' });
  });

  it('refuses an unknown sort column, naming the sortable ones', () => {
    const err = refusal({ sort: 'password_hash' });
    expect(err.status).toBe(400);
    expect(err.details).toEqual({ param: 'sort', allowed: ['customer', 'qty', 'dueOn', 'createdAt'] });
    expect(err.fields[0]).toMatchObject({
      field: 'query.sort',
      expected: 'customer | qty | dueOn | createdAt',
    });
  });

  it('refuses an unknown parameter, listing the accepted ones', () => {
    const err = refusal({ 'title; drop table x': '1' });
    expect(err.message).toContain('Unknown parameter');
    expect(err.details.allowed).toEqual(
      expect.arrayContaining(['page', 'customer', 'qty_gte', 'status_in', 'paid']),
    );
  });

  it('refuses a range suffix on a column without a range filter', () => {
    expect(refusal({ customer_gte: 'a' }).details.param).toBe('customer_gte');
    expect(refusal({ note: 'x' }).details.param).toBe('note');
  });

  it.each([
    [{ perPage: '201' }, 'perPage'],
    [{ perPage: '0' }, 'perPage'],
    [{ page: '1.5' }, 'page'],
    [{ order: 'sideways' }, 'order'],
    [{ qty: 'many' }, 'qty'],
    [{ total: '12.50' }, 'total'],
    [{ dueOn: '2026-02-30' }, 'dueOn'],
    [{ createdAt_gte: '2026-11-01T10:00' }, 'createdAt_gte'],
    [{ status: 'lost' }, 'status'],
    [{ paid: 'yes' }, 'paid'],
    [{ id: 'not-a-uuid' }, 'id'],
    [{ customer: ['a', 'b'] }, 'customer'],
    [{ q: 'x'.repeat(201) }, 'q'],
    [{ columns: 'customer,secret' }, 'columns'],
  ])('refuses %j', (query, param) => {
    const err = refusal(query);
    expect(err.code).toBe('validation_failed');
    expect(err.details.param).toBe(param);
  });

  it('ignores empty filter values, as an empty filter box sends them', () => {
    expect(parseListParams(r, { customer: '', status: '' }).filters).toEqual([]);
  });

  it('reads export columns in the order asked', () => {
    expect(parseListParams(r, { columns: 'qty,customer' }).columns).toEqual(['qty', 'customer']);
  });

  it('reads a cursor made for the same sort and order, wherever it stands in the query', () => {
    const cursor = encodeCursor('qty', 'asc', { value: '7', id: 'b7d6c9d2-5f0e-4a4b-9a33-0d5f3c2b1a10' });
    expect(parseListParams(r, { cursor, sort: 'qty', order: 'asc' }).after).toEqual({
      value: '7',
      id: 'b7d6c9d2-5f0e-4a4b-9a33-0d5f3c2b1a10',
    });
    // A record without a sort value keeps its null: its page continues among the NULLs.
    const nulls = encodeCursor('createdAt', 'desc', { value: null, id: 'x' });
    expect(parseListParams(r, { cursor: nulls }).after).toEqual({ value: null, id: 'x' });
  });

  it.each([
    [{ cursor: 'not-base64-json' }],
    [{ cursor: Buffer.from('[1,2]').toString('base64url') }],
    [{ cursor: encodeCursor('qty', 'asc', { value: '7', id: 'x' }) }],
    [{ cursor: encodeCursor('createdAt', 'asc', { value: '7', id: 'x' }) }],
    [{ cursor: 'x'.repeat(2001) }],
  ])('refuses a cursor of another list, sort or order: %j', (query) => {
    const err = refusal(query);
    expect(err.code).toBe('validation_failed');
    expect(err.details.param).toBe('cursor');
  });
});
