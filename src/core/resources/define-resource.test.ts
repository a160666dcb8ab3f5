import { describe, expect, it } from 'vitest';
import { defineResource } from './define-resource.ts';
import type { ResourceDefinition } from './resource.types.ts';
import { sampleResource } from './sample-resource.test-fixture.ts';

const variant = (patch: Partial<ResourceDefinition>) => () => defineResource({ ...sampleResource, ...patch });

describe('resource declarations', () => {
  it('refuses identifiers that are not plain SQL names', () => {
    expect(variant({ table: 'shop_order; drop table x' })).toThrow(/table/);
    expect(variant({ idColumn: 'id"' })).toThrow(/idColumn/);
  });

  it('refuses a default sort on a column that cannot be sorted', () => {
    expect(variant({ defaultSort: { column: 'note', order: 'asc' } })).toThrow(/default sort/);
  });

  it('refuses filters that do not fit the column type, and reserved names', () => {
    expect(
      variant({
        columns: [...sampleResource.columns, { name: 'x', type: 'text', label: 'l', filter: 'range' }],
      }),
    ).toThrow(/range/);
    expect(
      variant({ columns: [...sampleResource.columns, { name: 'page', type: 'text', label: 'l' }] }),
    ).toThrow(/reserved/);
    expect(
      variant({ columns: [...sampleResource.columns, { name: 'e', type: 'enum', label: 'l' }] }),
    ).toThrow(/options/);
  });

  it('needs an import permission for an import', () => {
    expect(variant({ permission: { read: 'shop.order.read' } })).toThrow(/permission.import/);
  });
});
