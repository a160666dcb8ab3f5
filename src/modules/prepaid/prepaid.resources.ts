import { z } from 'zod';
import { defineResource, type ResourceDefinition } from '../../core/resources/index.ts';
import { updateAlertSettings } from './alert-settings.ts';
import { alertResources } from './alerts.resources.ts';
import { FRAUD_KINDS } from './fraud-flags.ts';
import { meterRequestResources } from './meter-requests.resources.ts';
import {
  createAccount,
  createMeter,
  createTariff,
  setMeterStatus,
  updateAccount,
  updateMeter,
} from './meters.ts';
import { normalizePhone } from './portal/portal.rules.ts';
import type { PrepaidRuntime } from './prepaid.runtime.ts';
import type { MeterStatus } from './prepaid.tables.ts';
import { recordReading } from './readings.ts';
import { parseTierLines } from './tariff.rules.ts';
import { resendToken } from './token-messages.ts';

const CHANNELS = ['email', 'whatsapp', 'telegram'] as const;
const phone = z
  .string()
  .trim()
  .max(24)
  .transform((v, c) => {
    if (v === '') return null;
    const normalized = normalizePhone(v);
    if (!normalized) c.addIssue({ code: 'custom', message: 'not a phone number' });
    return normalized;
  });
const accountFields = {
  name: z.string().trim().min(1).max(200),
  phone: phone.nullish(),
  channel: z.enum(CHANNELS).nullish(),
  channelTo: z.string().trim().max(200).nullish(),
  language: z.string().min(2).max(10).optional(),
};
const newAccountInput = z.object({ kind: z.enum(['household', 'institution']), ...accountFields });
// The account's alert settings are edited in the same form (alert-settings.ts audits them apart).
const alertFields = {
  alertsEnabled: z.boolean().optional(),
  alertLowDays: z.number().int().min(0).max(60).optional(),
  alertLowKwh: z.number().min(0).max(10_000).optional(),
  alertUnusualPercent: z.number().int().min(110).max(1000).optional(),
};
const accountChangesInput = z.object({ ...accountFields, ...alertFields }).partial();
const channelOf = (i: { channel?: string | null; channelTo?: string | null }) =>
  i.channel && i.channelTo ? { name: i.channel as (typeof CHANNELS)[number], to: i.channelTo } : null;

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

const STATUS_ACTIONS: Array<{ name: string; status: MeterStatus }> = [
  { name: 'activate', status: 'active' },
  { name: 'deactivate', status: 'inactive' },
  { name: 'suspend', status: 'suspended' },
];

// Form bodies reach `run` already parsed by their `input` schema (the route validates them).

/** Console lists of the prepaid module (filters, search, CSV export and the audit timeline are generated). */
export function prepaidResources(rt: PrepaidRuntime): ResourceDefinition[] {
  // Read when a form runs: declaring the lists needs no running app.
  const secret = () => rt.deps.config.OPSDESK_SECRET_KEY;
  const accounts = defineResource({
    name: 'prepaid.accounts',
    label: 'prepaid.menu.accounts',
    path: '/api/prepaid/console/accounts',
    table: 'prepaid_account',
    idColumn: 'id',
    permission: { read: 'prepaid.meter.read' },
    auditSubject: 'prepaid_account',
    titleColumn: 'name',
    columns: [
      { name: 'id', type: 'id', label: 'prepaid.fields.id', defaultVisible: false },
      {
        name: 'name',
        type: 'text',
        label: 'prepaid.fields.name',
        searchable: true,
        sortable: true,
        filter: 'contains',
      },
      {
        name: 'kind',
        type: 'enum',
        label: 'prepaid.fields.kind',
        options: ['household', 'institution'],
        filter: 'enum',
      },
      { name: 'phone', type: 'text', label: 'prepaid.fields.phone', searchable: true, filter: 'contains' },
      { name: 'channel', type: 'enum', label: 'prepaid.fields.channel', options: CHANNELS, filter: 'enum' },
      {
        name: 'channelTo',
        column: 'channel_to',
        type: 'text',
        label: 'prepaid.fields.channelTo',
        searchable: true,
      },
      { name: 'language', type: 'text', label: 'prepaid.fields.language', defaultVisible: false },
      {
        name: 'alertsEnabled',
        column: 'alerts_enabled',
        type: 'boolean',
        label: 'prepaid.fields.alertsEnabled',
        filter: 'boolean',
        defaultVisible: false,
      },
      {
        name: 'alertLowDays',
        column: 'alert_low_days',
        type: 'number',
        label: 'prepaid.fields.alertLowDays',
        defaultVisible: false,
      },
      {
        name: 'alertLowKwh',
        sql: 'round(prepaid_account.alert_low_tenths / 10.0, 1)',
        type: 'number',
        label: 'prepaid.fields.alertLowKwh',
        defaultVisible: false,
      },
      {
        name: 'alertUnusualPercent',
        column: 'alert_unusual_percent',
        type: 'number',
        label: 'prepaid.fields.alertUnusualPercent',
        defaultVisible: false,
      },
      {
        name: 'meters',
        sql: '(select count(*) from prepaid_meter m where m.org_id = prepaid_account.org_id and m.account_id = prepaid_account.id)',
        type: 'number',
        label: 'prepaid.fields.meters',
      },
      {
        name: 'createdAt',
        type: 'datetime',
        label: 'prepaid.fields.createdAt',
        sortable: true,
        filter: 'range',
      },
    ],
    defaultSort: { column: 'createdAt', order: 'desc' },
    form: {
      fields: [
        {
          name: 'kind',
          type: 'enum',
          label: 'prepaid.fields.kind',
          options: ['household', 'institution'],
          required: true,
          on: 'create',
        },
        { name: 'name', type: 'text', label: 'prepaid.fields.name', required: true, maxLength: 200 },
        { name: 'phone', type: 'text', label: 'prepaid.fields.phone', maxLength: 24 },
        { name: 'channel', type: 'enum', label: 'prepaid.fields.channel', options: CHANNELS },
        { name: 'channelTo', type: 'text', label: 'prepaid.fields.channelTo', maxLength: 200 },
        { name: 'alertsEnabled', type: 'boolean', label: 'prepaid.fields.alertsEnabled', on: 'edit' },
        {
          name: 'alertLowDays',
          type: 'number',
          label: 'prepaid.fields.alertLowDays',
          min: 0,
          max: 60,
          on: 'edit',
        },
        { name: 'alertLowKwh', type: 'number', label: 'prepaid.fields.alertLowKwh', min: 0, on: 'edit' },
        {
          name: 'alertUnusualPercent',
          type: 'number',
          label: 'prepaid.fields.alertUnusualPercent',
          min: 110,
          max: 1000,
          on: 'edit',
        },
      ],
      create: {
        permission: 'prepaid.meter.manage',
        input: newAccountInput,
        run: async (ctx, input) => {
          const i = input as z.output<typeof newAccountInput>;
          return { id: (await createAccount(ctx, { ...i, channel: channelOf(i) })).id };
        },
      },
      update: {
        permission: 'prepaid.meter.manage',
        input: accountChangesInput,
        run: async (ctx, id, input) => {
          const { alertsEnabled, alertLowDays, alertLowKwh, alertUnusualPercent, ...account } =
            input as z.output<typeof accountChangesInput>;
          const alerts = {
            enabled: alertsEnabled,
            lowDays: alertLowDays,
            lowKwh: alertLowKwh,
            unusualPercent: alertUnusualPercent,
          };
          if (Object.values(account).some((v) => v !== undefined)) await updateAccount(ctx, id, account);
          if (Object.values(alerts).some((v) => v !== undefined)) await updateAlertSettings(ctx, id, alerts);
        },
      },
    },
  });

  const meters = defineResource({
    name: 'prepaid.meters',
    label: 'prepaid.menu.meters',
    path: '/api/prepaid/console/meters',
    table: 'prepaid_meter',
    idColumn: 'id',
    permission: { read: 'prepaid.meter.read' },
    auditSubject: 'prepaid_meter',
    titleColumn: 'number',
    joins: [{ table: 'prepaid_account', on: ['prepaid_account.id', 'prepaid_meter.account_id'] }],
    columns: [
      { name: 'id', type: 'id', label: 'prepaid.fields.id', defaultVisible: false },
      {
        name: 'number',
        type: 'text',
        label: 'prepaid.fields.number',
        searchable: true,
        sortable: true,
        filter: 'eq',
      },
      {
        name: 'account',
        table: 'prepaid_account',
        column: 'name',
        type: 'text',
        label: 'prepaid.fields.account',
        searchable: true,
        sortable: true,
      },
      {
        name: 'accountId',
        column: 'account_id',
        type: 'id',
        label: 'prepaid.fields.account',
        filter: 'eq',
        defaultVisible: false,
      },
      { name: 'category', type: 'text', label: 'prepaid.fields.category', filter: 'eq', sortable: true },
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
      {
        name: 'createdAt',
        type: 'datetime',
        label: 'prepaid.fields.createdAt',
        sortable: true,
        filter: 'range',
      },
    ],
    defaultSort: { column: 'number', order: 'asc' },
    form: {
      fields: [
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
      ],
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

  const tariffs = defineResource({
    name: 'prepaid.tariffs',
    label: 'prepaid.menu.tariffs',
    path: '/api/prepaid/console/tariffs',
    table: 'prepaid_tariff',
    idColumn: 'id',
    permission: { read: 'prepaid.meter.read' },
    auditSubject: 'prepaid_tariff',
    titleColumn: 'category',
    columns: [
      { name: 'id', type: 'id', label: 'prepaid.fields.id', defaultVisible: false },
      {
        name: 'category',
        type: 'text',
        label: 'prepaid.fields.category',
        searchable: true,
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

  const purchases = defineResource({
    name: 'prepaid.purchases',
    label: 'prepaid.menu.purchases',
    path: '/api/prepaid/console/purchases',
    table: 'prepaid_purchase',
    idColumn: 'id',
    permission: { read: 'prepaid.purchase.read' },
    auditSubject: 'prepaid_purchase',
    joins: [
      { table: 'prepaid_meter', on: ['prepaid_meter.id', 'prepaid_purchase.meter_id'] },
      { table: 'prepaid_account', on: ['prepaid_account.id', 'prepaid_meter.account_id'] },
      { table: 'prepaid_token', on: ['prepaid_token.purchase_id', 'prepaid_purchase.id'], kind: 'left' },
    ],
    columns: [
      { name: 'id', type: 'id', label: 'prepaid.fields.id', defaultVisible: false },
      {
        name: 'meter',
        table: 'prepaid_meter',
        column: 'number',
        type: 'text',
        label: 'prepaid.fields.meter',
        searchable: true,
        sortable: true,
        filter: 'eq',
      },
      {
        name: 'account',
        table: 'prepaid_account',
        column: 'name',
        type: 'text',
        label: 'prepaid.fields.account',
        searchable: true,
      },
      {
        name: 'method',
        type: 'enum',
        label: 'prepaid.fields.method',
        options: ['momo', 'airtel', 'cash'],
        filter: 'enum',
      },
      {
        name: 'source',
        type: 'enum',
        label: 'prepaid.fields.source',
        options: ['staff', 'portal', 'chat'],
        filter: 'enum',
      },
      {
        name: 'status',
        type: 'enum',
        label: 'prepaid.fields.status',
        options: ['pending', 'paid', 'failed'],
        filter: 'enum',
        sortable: true,
      },
      {
        name: 'amountMinor',
        type: 'money',
        currency: { column: 'currency' },
        label: 'prepaid.fields.amount',
        sortable: true,
        filter: 'range',
      },
      { name: 'currency', type: 'text', label: 'prepaid.fields.currency', defaultVisible: false },
      {
        name: 'payerMsisdn',
        column: 'payer_msisdn',
        type: 'text',
        label: 'prepaid.fields.payer',
        searchable: true,
        filter: 'eq',
      },
      {
        name: 'kwh',
        sql: 'round(prepaid_purchase.units_tenths / 10.0, 1)',
        type: 'number',
        label: 'prepaid.fields.kwh',
      },
      {
        name: 'token',
        table: 'prepaid_token',
        type: 'text',
        label: 'prepaid.fields.token',
        searchable: true,
      },
      {
        name: 'keyedInAt',
        table: 'prepaid_token',
        column: 'keyed_in_at',
        type: 'datetime',
        label: 'prepaid.fields.keyedInAt',
        sortable: true,
      },
      {
        name: 'failureReason',
        column: 'failure_reason',
        type: 'text',
        label: 'prepaid.fields.failureReason',
        defaultVisible: false,
      },
      {
        name: 'createdAt',
        type: 'datetime',
        label: 'prepaid.fields.createdAt',
        sortable: true,
        filter: 'range',
      },
    ],
    defaultSort: { column: 'createdAt', order: 'desc' },
    actions: [
      {
        name: 'resend-token',
        label: 'prepaid.actions.resendToken',
        bulk: false,
        confirm: true,
        permission: 'prepaid.purchase.create',
        availableWhen: (p) => p.status === 'paid',
        run: async (ctx, id) => {
          await resendToken(ctx, rt, id);
        },
      },
    ],
  });
  const flags = defineResource({
    name: 'prepaid.flags',
    label: 'prepaid.menu.flags',
    path: '/api/prepaid/console/flags',
    table: 'prepaid_fraud_flag',
    idColumn: 'id',
    permission: { read: 'prepaid.purchase.read' },
    auditSubject: 'prepaid_purchase',
    columns: [
      { name: 'id', type: 'id', label: 'prepaid.fields.id', defaultVisible: false },
      {
        name: 'kind',
        type: 'enum',
        label: 'prepaid.fields.flag',
        options: FRAUD_KINDS,
        filter: 'enum',
        sortable: true,
      },
      {
        name: 'meterNumber',
        column: 'meter_number',
        type: 'text',
        label: 'prepaid.fields.meter',
        searchable: true,
        filter: 'eq',
      },
      {
        name: 'payerMsisdn',
        column: 'payer_msisdn',
        type: 'text',
        label: 'prepaid.fields.payer',
        searchable: true,
        filter: 'eq',
      },
      { name: 'count', type: 'number', label: 'prepaid.fields.flagCount', sortable: true },
      {
        name: 'purchaseId',
        column: 'purchase_id',
        type: 'id',
        label: 'prepaid.fields.purchase',
        filter: 'eq',
      },
      {
        name: 'createdAt',
        type: 'datetime',
        label: 'prepaid.fields.createdAt',
        sortable: true,
        filter: 'range',
      },
    ],
    defaultSort: { column: 'createdAt', order: 'desc' },
  });
  const readings = defineResource({
    name: 'prepaid.readings',
    label: 'prepaid.menu.readings',
    path: '/api/prepaid/console/readings',
    table: 'prepaid_reading',
    idColumn: 'id',
    permission: { read: 'prepaid.meter.read', import: 'prepaid.reading.create' },
    auditSubject: 'prepaid_meter',
    joins: [{ table: 'prepaid_meter', on: ['prepaid_meter.id', 'prepaid_reading.meter_id'] }],
    columns: [
      { name: 'id', type: 'id', label: 'prepaid.fields.id', defaultVisible: false },
      {
        name: 'meter',
        table: 'prepaid_meter',
        column: 'number',
        type: 'text',
        label: 'prepaid.fields.meter',
        searchable: true,
        filter: 'eq',
        sortable: true,
      },
      { name: 'readAt', type: 'datetime', label: 'prepaid.fields.readAt', sortable: true, filter: 'range' },
      {
        name: 'kwh',
        sql: 'round(prepaid_reading.register_tenths / 10.0, 1)',
        type: 'number',
        label: 'prepaid.fields.register',
      },
      {
        name: 'source',
        type: 'enum',
        label: 'prepaid.fields.source',
        options: ['api', 'csv', 'meter'],
        filter: 'enum',
      },
    ],
    defaultSort: { column: 'readAt', order: 'desc' },
    // Manual reads: one row per meter visit (`meterNumber,readAt,registerKwh`).
    import: {
      columns: [
        {
          name: 'meterNumber',
          required: true,
          schema: z
            .string()
            .trim()
            .regex(/^[A-Za-z0-9-]{3,40}$/),
        },
        { name: 'readAt', required: true, schema: z.coerce.date() },
        { name: 'registerKwh', required: true, schema: z.coerce.number().min(0).max(1e11) },
      ],
      createRow: async (ctx, row) => {
        await recordReading(ctx, {
          meterNumber: String(row.meterNumber),
          readAt: row.readAt as Date,
          registerTenths: Math.round(Number(row.registerKwh) * 10),
          source: 'csv',
        });
      },
    },
  });
  return [
    accounts,
    meters,
    tariffs,
    purchases,
    flags,
    readings,
    ...alertResources(rt),
    ...meterRequestResources(rt),
  ];
}
