import { z } from 'zod';
import {
  defineResource,
  type ResourceColumn,
  type ResourceDefinition,
} from '../../../core/resources/index.ts';
import { createMeter, setMeterStatus, updateMeter } from '../meters.ts';
import type { PrepaidRuntime } from '../prepaid.runtime.ts';
import type { MeterStatus } from '../prepaid.tables.ts';
import { TARIFF_CATEGORIES } from '../tariff.rules.ts';
import { prepaidColumns } from './prepaid-columns.ts';

type ResourceFormFields = NonNullable<ResourceDefinition['form']>['fields'];

const place = {
  category: z.string().trim().min(1).max(60).optional(),
  location: z.string().trim().max(200).optional(),
  building: z.string().trim().max(120).optional(),
  department: z.string().trim().max(120).optional(),
};

const meterChangesInput = z.object(place);

const newMeterInput = z.object({
  accountId: z.uuid(),
  number: z.string().regex(/^[A-Za-z0-9-]{3,40}$/),
  ...place,
  openPaygoKey: z
    .string()
    .regex(/^[0-9a-fA-F]{32}$/)
    .optional(),
  startingCode: z.number().int().min(0).max(999_999_999).optional(),
  restrictedDigits: z.boolean().optional(),
  extendedTokens: z.boolean().optional(),
});

const STATUS_ACTIONS: Array<{ name: string; status: MeterStatus }> = [
  { name: 'activate', status: 'active' },
  { name: 'deactivate', status: 'inactive' },
  { name: 'suspend', status: 'suspended' },
];

/** A meter's columns in lists and on its page. */
const METER_COLUMNS: ResourceColumn[] = [
  prepaidColumns.id,
  {
    name: 'number',
    type: 'text',
    label: 'prepaid.fields.number',
    searchable: true,
    sortable: true,
    filter: 'eq',
  },
  { ...prepaidColumns.account, sortable: true },
  {
    name: 'phone',
    table: 'prepaid_account',
    column: 'phone',
    type: 'text',
    label: 'prepaid.fields.phone',
    searchable: true,
    defaultVisible: false,
  },
  {
    name: 'accountId',
    column: 'account_id',
    type: 'id',
    label: 'prepaid.fields.account',
    filter: 'eq',
    defaultVisible: false,
  },
  {
    name: 'category',
    type: 'enum',
    options: TARIFF_CATEGORIES,
    label: 'prepaid.fields.category',
    filter: 'eq',
    sortable: true,
  },
  { name: 'location', type: 'text', label: 'prepaid.fields.location', searchable: true },
  { name: 'building', type: 'text', label: 'prepaid.fields.building', searchable: true, filter: 'eq' },
  {
    name: 'department',
    type: 'text',
    label: 'prepaid.fields.department',
    searchable: true,
    filter: 'eq',
  },
  {
    name: 'status',
    type: 'enum',
    label: 'prepaid.fields.status',
    options: ['active', 'inactive', 'suspended'],
    filter: 'enum',
    sortable: true,
  },
  { name: 'lastCount', column: 'opg_last_count', type: 'number', label: 'prepaid.fields.lastCount' },
  {
    name: 'extendedTokens',
    column: 'opg_extended',
    type: 'boolean',
    label: 'prepaid.fields.extendedTokens',
    defaultVisible: false,
  },
  prepaidColumns.createdAt,
];

/** The meter form's fields. */
const METER_FORM_FIELDS: ResourceFormFields = [
  {
    name: 'accountId',
    type: 'reference',
    reference: 'prepaid.accounts',
    label: 'prepaid.fields.account',
    required: true,
    on: 'create',
  },
  {
    name: 'number',
    type: 'text',
    label: 'prepaid.fields.number',
    required: true,
    maxLength: 40,
    on: 'create',
  },
  { name: 'category', type: 'text', label: 'prepaid.fields.category', maxLength: 60 },
  { name: 'location', type: 'text', label: 'prepaid.fields.location', maxLength: 200 },
  { name: 'building', type: 'text', label: 'prepaid.fields.building', maxLength: 120 },
  { name: 'department', type: 'text', label: 'prepaid.fields.department', maxLength: 120 },
  {
    name: 'openPaygoKey',
    type: 'text',
    label: 'prepaid.fields.openPaygoKey',
    maxLength: 32,
    on: 'create',
  },
  { name: 'startingCode', type: 'number', label: 'prepaid.fields.startingCode', min: 0, on: 'create' },
  { name: 'extendedTokens', type: 'boolean', label: 'prepaid.fields.extendedTokens', on: 'create' },
  { name: 'restrictedDigits', type: 'boolean', label: 'prepaid.fields.restrictedDigits', on: 'create' },
];

/** Meters with their place and OpenPAYGO settings; activate, deactivate and suspend in bulk. */
export function metersResource(rt: PrepaidRuntime): ResourceDefinition {
  // Read when a form runs: declaring the lists needs no running app.
  const secret = () => rt.secretKey;
  return defineResource({
    name: 'prepaid.meters',
    label: 'prepaid.menu.meters',
    path: '/api/prepaid/console/meters',
    table: 'prepaid_meter',
    idColumn: 'id',
    quickFind: true,
    permission: { read: 'prepaid.meter.read' },
    auditSubject: 'prepaid_meter',
    titleColumn: 'number',
    joins: [{ table: 'prepaid_account', on: ['prepaid_account.id', 'prepaid_meter.account_id'] }],
    columns: METER_COLUMNS,
    defaultSort: { column: 'number', order: 'asc' },
    form: {
      fields: METER_FORM_FIELDS,
      create: {
        permission: 'prepaid.meter.manage',
        input: newMeterInput,
        run: async (ctx, input) => ({
          id: (await createMeter(ctx, secret(), input as z.output<typeof newMeterInput>)).id,
        }),
      },
      update: {
        permission: 'prepaid.meter.manage',
        input: meterChangesInput,
        run: async (ctx, id, input) =>
          void (await updateMeter(ctx, id, input as z.output<typeof meterChangesInput>)),
      },
    },
    actions: STATUS_ACTIONS.map(({ name, status }) => ({
      name,
      label: `prepaid.actions.${name}`,
      bulk: true,
      confirm: true,
      permission: 'prepaid.meter.manage',
      input: z.object({ reason: z.string().trim().min(1).max(500) }),
      availableWhen: (meter: Readonly<Record<string, unknown>>) => meter.status !== status,
      run: async (ctx, id, input) =>
        void (await setMeterStatus(ctx, id, status, (input as { reason: string }).reason)),
    })),
  });
}
