import { z } from 'zod';
import { defineResource, type ResourceDefinition } from '../../../core/resources/index.ts';
import { parseTierLines, TARIFF_CATEGORIES } from '../tariff.rules.ts';
import { createTariff } from '../tariffs.ts';
import { prepaidColumns } from './prepaid-columns.ts';

const newTariffInput = z.object({
  category: z.string().trim().min(1).max(60),
  currency: z.string().regex(/^[A-Z]{3}$/),
  tiers: z.string().transform((v, c) => {
    const tiers = parseTierLines(v);
    if (!tiers) c.addIssue({ code: 'custom', message: 'one block a line: "15 89", last "* 369"' });
    return tiers ?? [];
  }),
  feeMinor: z.number().int().min(0).default(0),
  taxBasisPoints: z.number().int().min(0).max(10_000).default(0),
  effectiveFrom: z.coerce.date(),
  effectiveTo: z.coerce.date().nullish(),
});

/** Tariffs per category: tiered prices per kWh, fee and tax, each effective from a date. */
export const tariffsResource: ResourceDefinition = defineResource({
  name: 'prepaid.tariffs',
  label: 'prepaid.menu.tariffs',
  path: '/api/prepaid/console/tariffs',
  table: 'prepaid_tariff',
  idColumn: 'id',
  permission: { read: 'prepaid.meter.read' },
  auditSubject: 'prepaid_tariff',
  titleColumn: 'category',
  columns: [
    prepaidColumns.id,
    {
      name: 'category',
      type: 'enum',
      options: TARIFF_CATEGORIES,
      label: 'prepaid.fields.category',
      sortable: true,
      filter: 'eq',
    },
    { name: 'currency', type: 'text', label: 'prepaid.fields.currency' },
    {
      name: 'tiers',
      sql: "(select string_agg(coalesce(t->>'uptoKwh', '*') || ' kWh @ ' || (t->>'priceMinorPerKwh'), '; ') from jsonb_array_elements(prepaid_tariff.tiers) t)",
      type: 'text',
      label: 'prepaid.fields.tiers',
    },
    { name: 'feeMinor', type: 'money', currency: { column: 'currency' }, label: 'prepaid.fields.fee' },
    { name: 'taxBasisPoints', type: 'number', label: 'prepaid.fields.taxBasisPoints' },
    {
      name: 'effectiveFrom',
      type: 'datetime',
      label: 'prepaid.fields.effectiveFrom',
      sortable: true,
      filter: 'range',
    },
    { name: 'effectiveTo', type: 'datetime', label: 'prepaid.fields.effectiveTo', sortable: true },
    {
      name: 'createdAt',
      type: 'datetime',
      label: 'prepaid.fields.createdAt',
      sortable: true,
      defaultVisible: false,
    },
  ],
  defaultSort: { column: 'effectiveFrom', order: 'desc' },
  form: {
    fields: [
      { name: 'category', type: 'text', label: 'prepaid.fields.category', required: true, maxLength: 60 },
      { name: 'currency', type: 'text', label: 'prepaid.fields.currency', required: true, maxLength: 3 },
      {
        name: 'tiers',
        type: 'textarea',
        label: 'prepaid.fields.tiersForm',
        required: true,
        maxLength: 500,
      },
      {
        name: 'feeMinor',
        type: 'money',
        label: 'prepaid.fields.fee',
        min: 0,
        currency: { field: 'currency' },
      },
      {
        name: 'taxBasisPoints',
        type: 'number',
        label: 'prepaid.fields.taxBasisPoints',
        min: 0,
        max: 10_000,
      },
      { name: 'effectiveFrom', type: 'datetime', label: 'prepaid.fields.effectiveFrom', required: true },
      { name: 'effectiveTo', type: 'datetime', label: 'prepaid.fields.effectiveTo' },
    ],
    create: {
      permission: 'prepaid.tariff.manage',
      input: newTariffInput,
      run: async (ctx, input) => ({
        id: (await createTariff(ctx, input as z.output<typeof newTariffInput>)).id,
      }),
    },
  },
});
