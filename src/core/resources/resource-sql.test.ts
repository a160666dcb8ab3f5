import { describe, expect, it } from 'vitest';
import { prefixTsQuery, searchIndexSql, searchVectorSql } from './resource-sql.ts';
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
});
