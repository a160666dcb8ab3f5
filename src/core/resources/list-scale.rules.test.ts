import { describe, expect, it } from 'vitest';
import { defineResource } from './define-resource.ts';
import { planRowsOf, searchWordsOf } from './list-query.ts';
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

  it("reads the planner's row estimate from EXPLAIN (FORMAT JSON), as text or parsed", () => {
    const plan = [{ Plan: { 'Node Type': 'Seq Scan', 'Plan Rows': 1234567 } }];
    expect(planRowsOf(plan)).toBe(1234567);
    expect(planRowsOf(JSON.stringify(plan))).toBe(1234567);
    expect(planRowsOf(undefined)).toBe(0);
  });
});
