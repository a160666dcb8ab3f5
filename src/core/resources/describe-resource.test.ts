import { describe, expect, it } from 'vitest';
import { describeResources } from './describe-resource.ts';
import { sampleResource } from './sample-resource.test-fixture.ts';

describe('resource descriptions', () => {
  it('hides resources the caller may not read', () => {
    expect(describeResources([sampleResource], new Set(['other.thing.read']))).toEqual([]);
  });

  it('tells which actions the caller may run and hides import without its permission', () => {
    const [viewer] = describeResources([sampleResource], new Set(['shop.order.read']));
    expect(viewer).toMatchObject({
      name: 'shop.orders',
      search: true,
      exportable: true,
      idField: 'id',
      importable: null,
      actions: [{ name: 'void', bulk: true, confirm: true, allowed: false }],
    });
    expect(viewer!.columns[4]).toEqual({
      name: 'qty',
      type: 'number',
      label: 'l',
      sortable: true,
      filter: 'range',
      options: null,
      defaultVisible: true,
      currency: null,
    });
    const [clerk] = describeResources(
      [sampleResource],
      new Set(['shop.order.read', 'shop.order.create', 'shop.order.void']),
    );
    expect(clerk!.importable).toEqual({
      columns: [
        { name: 'customer', required: true },
        { name: 'qty', required: false },
      ],
      // Its records send no message: the import asks nothing about messages.
      messages: false,
    });
    expect(clerk!.actions[0]!.allowed).toBe(true);
  });

  it('tells the console which columns the record page leaves off (a key another column words)', () => {
    const keyed = {
      ...sampleResource,
      columns: [
        ...sampleResource.columns,
        { name: 'windowKey', type: 'text' as const, label: 'l', defaultVisible: false, recordPage: false },
      ],
    };
    const [viewer] = describeResources([keyed], new Set(['shop.order.read']));
    expect(viewer!.columns.at(-1)).toMatchObject({ name: 'windowKey', recordPage: false });
    expect(viewer!.columns[0]).not.toHaveProperty('recordPage');
  });

  it('tells the console the colour of an option that has one, and nothing for a column without', () => {
    const status = sampleResource.columns.find((c) => c.name === 'status')!;
    const colored = {
      ...sampleResource,
      columns: sampleResource.columns.map((c) =>
        c === status ? { ...c, optionColors: { void: 'error' as const } } : c,
      ),
    };
    const [plain] = describeResources([sampleResource], new Set(['shop.order.read']));
    const [withColors] = describeResources([colored], new Set(['shop.order.read']));
    expect(plain!.columns.find((c) => c.name === 'status')).not.toHaveProperty('optionColors');
    expect(withColors!.columns.find((c) => c.name === 'status')!.optionColors).toEqual({ void: 'error' });
  });
});
