import {
  DummyDriver,
  Kysely,
  PostgresAdapter,
  PostgresIntrospector,
  PostgresQueryCompiler,
  sql,
} from 'kysely';
import { describe, expect, it } from 'vitest';
import { fixedClock } from '../../platform/clock/index.ts';
import { defineResource } from './define-resource.ts';
import {
  columnExpr,
  columnSql,
  prefixTsQuery,
  scopeOf,
  searchIndexSql,
  searchVectorSql,
} from './resource-sql.ts';
import { sampleResource } from './sample-resource.test-fixture.ts';

describe('resource SQL', () => {
  it('searches the searchable columns as one simple-config document', () => {
    expect(searchVectorSql(sampleResource)).toBe(
      `to_tsvector('simple'::regconfig, coalesce("shop_order"."customer", '') || ' ' || coalesce("shop_order"."note", ''))`,
    );
  });

  it('prints the GIN index a module ships for that exact expression', () => {
    expect(searchIndexSql(sampleResource)).toBe(
      `create index shop_order_search_idx on shop_order using gin ((to_tsvector('simple'::regconfig, coalesce("customer", '') || ' ' || coalesce("note", ''))));`,
    );
  });

  it('turns typed words into a prefix query and drops everything else', () => {
    expect(prefixTsQuery("Ann GAR'; drop table x --")).toBe(
      "'ann':* & 'gar':* & 'drop':* & 'table':* & 'x':*",
    );
    expect(prefixTsQuery('नमस्ते ñandú')).toBe("'नमस्ते':* & 'ñandú':*");
    expect(prefixTsQuery(' !!! ')).toBeNull();
  });

  it('derives a plain column from its field name, on the main table or a joined one', () => {
    const column = (name: string) => sampleResource.columns.find((c) => c.name === name)!;
    expect(columnSql(sampleResource, column('createdAt'))).toBe('"shop_order"."created_at"');
    expect(columnSql(sampleResource, column('total'))).toBe('"shop_order"."total_minor"');
    expect(columnSql(sampleResource, column('id'))).toBe('"shop_order"."id"');
    expect(columnSql(joined, joined.columns[1]!)).toBe('"shop_customer"."display_name"');
    expect(columnSql(joined, joined.columns[2]!)).toBe('"shop_customer"."phone_number"');
  });

  it('binds the caller clock as a parameter where a column asks for the time', () => {
    const compile = new Kysely<object>({
      dialect: {
        createAdapter: () => new PostgresAdapter(),
        createDriver: () => new DummyDriver(),
        createIntrospector: (db) => new PostgresIntrospector(db),
        createQueryCompiler: () => new PostgresQueryCompiler(),
      },
    });
    const at = '2031-05-01T10:00:00.000Z';
    const compiled = columnExpr(joined, joined.columns[3]!, scopeOf(fixedClock(at))).compile(compile);
    expect(compiled.sql).toBe('("shop_order"."due_on" < $1::timestamptz)');
    expect(compiled.parameters).toEqual([new Date(at)]);
  });
});

/** Orders with their customer: a joined table, a renamed column and a column that reads the clock. */
const joined = defineResource({
  name: 'shop.order_customers',
  label: 'l',
  path: '/api/shop/order-customers',
  table: 'shop_order',
  idColumn: 'id',
  joins: [{ table: 'shop_customer', on: ['shop_customer.id', 'shop_order.customer_id'] }],
  permission: { read: 'shop.order.read' },
  columns: [
    { name: 'id', type: 'id', label: 'l' },
    { name: 'displayName', table: 'shop_customer', type: 'text', label: 'l', sortable: true },
    { name: 'phone', table: 'shop_customer', column: 'phone_number', type: 'text', label: 'l' },
    { name: 'late', type: 'boolean', label: 'l', sql: ({ now }) => sql`"shop_order"."due_on" < ${now}` },
  ],
  defaultSort: { column: 'displayName', order: 'asc' },
});
