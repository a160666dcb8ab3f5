import { z } from 'zod';
import { phoneReaderOf } from '../../../core/contacts/index.ts';
import type { Ctx } from '../../../core/context/index.ts';
import { LOCALES, languageOptionLabel } from '../../../core/i18n/index.ts';
import { defineResource, type ResourceDefinition } from '../../../core/resources/index.ts';
import { createAccount, updateAccount } from '../accounts.ts';
import { updateAlertSettings } from '../alert-settings.ts';
import { prepaidSettingsOf } from '../prepaid.settings.ts';
import { prepaidColumns } from './prepaid-columns.ts';

const CHANNELS = ['email', 'whatsapp', 'telegram'] as const;

// Read in `readPhone` below, in the operator's country: a blank phone is none.
const phone = z
  .string()
  .trim()
  .max(24)
  .transform((v) => v || null);

/** A phone typed in the form, in international form; a local one read in the operator's country (as the portal does). */
async function readPhone(ctx: Ctx, typed: string | null | undefined): Promise<string | null | undefined> {
  if (!typed) return typed;
  return (await phoneReaderOf(ctx, (await prepaidSettingsOf(ctx)).phoneCountry)).read(typed, 'body.phone');
}

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

/** Household and institution accounts, with their alert settings edited in the same form. */
export const accountsResource: ResourceDefinition = defineResource({
  name: 'prepaid.accounts',
  label: 'prepaid.menu.accounts',
  path: '/api/prepaid/console/accounts',
  table: 'prepaid_account',
  idColumn: 'id',
  permission: { read: 'prepaid.meter.read' },
  auditSubject: 'prepaid_account',
  titleColumn: 'name',
  columns: [
    prepaidColumns.id,
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
    {
      name: 'language',
      type: 'enum',
      label: 'prepaid.fields.language',
      options: LOCALES,
      optionLabel: languageOptionLabel,
      defaultVisible: false,
    },
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
    prepaidColumns.createdAt,
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
        const phone = await readPhone(ctx, i.phone);
        return { id: (await createAccount(ctx, { ...i, phone, channel: channelOf(i) })).id };
      },
    },
    update: {
      permission: 'prepaid.meter.manage',
      input: accountChangesInput,
      run: async (ctx, id, input) => {
        const { alertsEnabled, alertLowDays, alertLowKwh, alertUnusualPercent, ...typed } = input as z.output<
          typeof accountChangesInput
        >;
        const account = { ...typed, phone: await readPhone(ctx, typed.phone) };
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
