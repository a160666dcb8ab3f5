import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { defineResource } from './define-resource.ts';
import { describeResource } from './describe-resource.ts';
import type { ResourceForm } from './resource.types.ts';
import { sampleResource } from './sample-resource.test-fixture.ts';

const create: ResourceForm['create'] = {
  permission: 'shop.order.create',
  input: z.object({ note: z.string() }),
  run: async () => ({ id: 'x' }),
};
const withForm = (form: ResourceForm) => () => defineResource({ ...sampleResource, form });

describe('resource forms', () => {
  it('refuses fields a form cannot draw', () => {
    expect(withForm({ fields: [{ name: 'a', type: 'text', label: 'l' }] })).toThrow(/create or an update/);
    expect(withForm({ fields: [{ name: 'a b', type: 'text', label: 'l' }], create })).toThrow(/letters/);
    expect(withForm({ fields: [{ name: 'e', type: 'enum', label: 'l' }], create })).toThrow(/options/);
    expect(withForm({ fields: [{ name: 'r', type: 'reference', label: 'l' }], create })).toThrow(/resource/);
    expect(withForm({ fields: [{ name: 'm', type: 'money', label: 'l' }], create })).toThrow(/currency/);
    expect(
      withForm({ fields: [{ name: 'm', type: 'money', label: 'l', currency: { field: 'cur' } }], create }),
    ).toThrow(/cur is not a form field/);
    expect(withForm({ fields: [{ name: 'n', type: 'number', label: 'l', min: 5, max: 1 }], create })).toThrow(
      /min/,
    );
  });

  it('describes the fields and what this caller may submit', () => {
    const def = defineResource({
      ...sampleResource,
      form: {
        fields: [
          { name: 'note', type: 'text', label: 'shop.fields.note', required: true, maxLength: 20 },
          {
            name: 'total',
            type: 'money',
            label: 'shop.fields.total',
            currency: { code: 'INR' },
            on: 'create',
          },
        ],
        create,
      },
    });
    const viewer = describeResource(def, new Set(['shop.order.read']));
    expect(viewer.form).toMatchObject({ creatable: false, editable: false });
    const clerk = describeResource(def, new Set(['shop.order.read', 'shop.order.create']));
    expect(clerk.form?.creatable).toBe(true);
    expect(clerk.form?.fields[0]).toEqual({
      name: 'note',
      type: 'text',
      label: 'shop.fields.note',
      required: true,
      min: null,
      max: null,
      maxLength: 20,
      options: null,
      reference: null,
      multiple: false,
      currency: null,
      on: null,
    });
    expect(clerk.form?.fields[1]).toMatchObject({ currency: { code: 'INR' }, on: 'create' });
  });
});
