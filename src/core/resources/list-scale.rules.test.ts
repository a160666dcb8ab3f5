import { describe, expect, it } from 'vitest';
import { defineResource } from './define-resource.ts';
import { planRowsOf } from './list-pages.ts';
import { searchWordsOf } from './list-where.ts';
import { trigramDocsOf, trigramIndexSql } from './resource-sql.ts';
import { sampleResource } from './sample-resource.test-fixture.ts';

describe('trigram search documents', () => {
  it('joins the searchable columns of one table, lowercased, and prints the index that serves it', () => {
    expect(trigramDocsOf(sampleResource)).toEqual([
      {
        table: 'shop_order',
        sql: `lower(coalesce("shop_order"."customer", '') || ' ' || coalesce("shop_order"."note", ''))`,
      },
    ]);
    expect(trigramIndexSql(sampleResource)).toEqual([
      `create index shop_order_trgm_idx on shop_order using gin ((lower(coalesce("customer", '') || ' ' || coalesce("note", ''))) gin_trgm_ops);`,
    ]);
  });

  it('keeps a joined table apart, so its own index (or a semi-join) can serve it', () => {
    const scans = defineResource({
      name: 'mess.scans',
      label: 'l',
      path: '/api/mess/scans',
      table: 'mess_scan',
      idColumn: 'id',
      joins: [{ table: 'mess_student', on: ['mess_student.id', 'mess_scan.student_id'], kind: 'left' }],
      permission: { read: 'p' },
      columns: [
        { name: 'at', column: 'scanned_at', type: 'datetime', label: 'l', sortable: true },
        { name: 'device', type: 'text', label: 'l', searchable: true },
        { name: 'name', table: 'mess_student', type: 'text', label: 'l', searchable: true },
      ],
      defaultSort: { column: 'at', order: 'desc' },
      largeTables: ['mess_scan'],
    });
    expect(trigramDocsOf(scans).map((d) => d.table)).toEqual(['mess_scan', 'mess_student']);
  });

  it('searches a related table by its own document, paired on its key', () => {
    const contacts = defineResource({
      ...sampleResource,
      searchRelated: [
        { table: 'shop_phone', on: ['shop_phone.order_id', 'shop_order.id'], columns: ['number'] },
      ],
      largeTables: ['shop_order', 'shop_phone'],
    });
    expect(trigramDocsOf(contacts).at(-1)).toEqual({
      table: 'shop_phone',
      sql: `lower(coalesce("shop_phone"."number", ''))`,
      via: ['shop_phone.order_id', 'shop_order.id'],
    });
    expect(trigramIndexSql(contacts).at(-1)).toBe(
      `create index shop_phone_trgm_idx on shop_phone using gin ((lower(coalesce("number", ''))) gin_trgm_ops);`,
    );
    expect(() =>
      defineResource({
        ...sampleResource,
        searchRelated: [
          { table: 'shop_phone', on: ['shop_order.id', 'shop_phone.order_id'], columns: ['number'] },
        ],
      }),
    ).toThrow(/on must name shop_phone.column/);
  });

  it('refuses a large table the resource does not read', () => {
    expect(() => defineResource({ ...sampleResource, largeTables: ['elsewhere'] })).toThrow(
      /large table elsewhere/,
    );
  });
});

describe('search words and plan estimates', () => {
  it('splits what a person typed into at most 8 distinct lowercase words', () => {
    expect(searchWordsOf('  Marta  GOMEZ, marta; +595 981 ')).toEqual(['marta', 'gomez', '+595', '981']);
    expect(searchWordsOf(null)).toEqual([]);
    expect(searchWordsOf('a b c d e f g h i j')).toHaveLength(8);
  });

  it('reads a phone number typed in groups as one word of digits, without its trunk or 00 prefix', () => {
    expect(searchWordsOf('Marta 0788 123 456')).toEqual(['marta', '788123456']);
    expect(searchWordsOf('+91 98765-43210')).toEqual(['919876543210']);
    expect(searchWordsOf('00250 788 123 456')).toEqual(['250788123456']);
    // Fewer than nine digits is not a phone: a date, a bill number, a room stay as typed.
    expect(searchWordsOf('B-2026-0001 2026-03-01')).toEqual(['b-2026-0001', '2026-03-01']);
    // Numbers that do not start like a phone stay apart: a name's number beside a phone's part.
    expect(searchWordsOf('Caller 1199 078812')).toEqual(['caller', '1199', '078812']);
  });

  it("reads the planner's row estimate from EXPLAIN (FORMAT JSON), as text or parsed", () => {
    const plan = [{ Plan: { 'Node Type': 'Seq Scan', 'Plan Rows': 1234567 } }];
    expect(planRowsOf(plan)).toBe(1234567);
    expect(planRowsOf(JSON.stringify(plan))).toBe(1234567);
    expect(planRowsOf(undefined)).toBe(0);
  });
});
