import {
  choiceField,
  dateTimeField,
  decimalMinorField,
  FieldProblem,
  type ImportModel,
  type ImportRefs,
  integerField,
  type SourceRecord,
  targetOf,
  textField,
  uniqueRefusals,
} from '../../../core/imports/index.ts';
import { newMeterSecret, sealMeterKey } from '../meter-keys.ts';
import { COMMISSIONING_SHEET_MINUTES } from '../meters.ts';
import type { PrepaidRuntime } from '../prepaid.runtime.ts';
import type { MeterStatus, PrepaidTables } from '../prepaid.tables.ts';

/** The 13 REG tariff categories of the original (`meters.models.CATEGORY_CHOICES`), kept as they are. */
export const ORIGINAL_CATEGORIES = [
  'residential',
  'non_residential',
  'health',
  'school',
  'hotel_small',
  'hotel_large',
  'commercial',
  'water_pumping',
  'water_treatment',
  'telecom',
  'industry_small',
  'industry_medium',
  'industry_large',
] as const;

const STATUS: Record<string, MeterStatus> = { active: 'active', inactive: 'inactive', disabled: 'suspended' };

export interface ImportedMeter {
  accountId: string;
  number: string;
  category: string;
  location: string;
  status: MeterStatus;
  /** The operator's key for a meter already programmed (32 hex), else one is generated. */
  key: string | null;
  startingCode: number | null;
  /** The last count the meter accepted: Opsdesk's tokens continue above it (as `POST /api/prepaid/meters` `lastCount`). */
  lastCount: number | null;
  /** What the original last heard from the meter's ESP32 (`remaining_units`), as a reported balance. */
  balance: { tenths: number; at: Date } | null;
}

const numberOrNull = (v: string | null) => (v === null ? null : Number(v));

/** The Opsdesk account of the customer (`users.user`) a record points to; a refusal naming the field when it did not come over. */
export const accountOf = (refs: ImportRefs, record: SourceRecord, field: string): string =>
  targetOf(refs, record, field, 'users.user', 'customer', { required: true })!;

/**
 * `meters.meter` → a meter of its owner's account: number, REG category, status (`disabled` is
 * Opsdesk's `suspended`), its name and Rwandan address as its location. The original has no
 * OpenPAYGO settings (its tokens are random digits its server credits): a meter the operator has
 * programmed for OpenPAYGO carries them as three extra fields of the export (`openpaygo_key`,
 * `openpaygo_starting_code`, `openpaygo_last_count`), kept like `POST /api/prepaid/meters` keeps
 * them; any other meter gets a generated key, printable once on its commissioning sheet, as a new
 * meter does. A meter whose ESP32 reported (`last_seen`) keeps its balance as the meter's own word.
 * Its device token is not brought: staff issue a meter API token in Opsdesk.
 */
export const metersImport = (rt: Pick<PrepaidRuntime, 'secretKey'>): ImportModel<ImportedMeter> => ({
  model: 'meters.meter',
  label: 'meters',
  foreignKeys: ['owner'],
  async begin(_ctx, refs) {
    return {
      parse(record) {
        const f = record.fields;
        const accountId = accountOf(refs, record, 'owner');
        const number = textField(f, 'meter_number', { required: true, max: 30 })!;
        if (!/^[A-Za-z0-9-]{3,40}$/.test(number))
          throw new FieldProblem('meter_number', `expected letters, digits and dashes, got ${number}`);
        const key = textField(f, 'openpaygo_key', { max: 32 });
        if (key !== null && !/^[0-9a-fA-F]{32}$/.test(key))
          throw new FieldProblem('openpaygo_key', 'expected 32 hexadecimal characters');
        const startingCode = numberOrNull(integerField(f, 'openpaygo_starting_code'));
        const lastCount = numberOrNull(integerField(f, 'openpaygo_last_count'));
        if ((startingCode !== null || lastCount !== null) && (key === null || startingCode === null))
          throw new FieldProblem(
            key === null ? 'openpaygo_key' : 'openpaygo_starting_code',
            'a starting code and a last count need the key and starting code the meter was programmed with',
          );
        if (startingCode !== null && (startingCode < 0 || startingCode > 999_999_999))
          throw new FieldProblem('openpaygo_starting_code', 'expected 0 to 999999999');
        if (lastCount !== null && (lastCount < 0 || lastCount > 65_535))
          throw new FieldProblem('openpaygo_last_count', 'expected 0 to 65535');
        const status = choiceField(f, 'status', ['active', 'inactive', 'disabled']) ?? 'active';
        const lastSeen = dateTimeField(f, 'last_seen');
        const balanceMilli = decimalMinorField(f, 'current_balance_units', 3);
        if (balanceMilli !== null && balanceMilli < 0)
          throw new FieldProblem('current_balance_units', 'is below zero');
        const name = textField(f, 'name', { max: 100 });
        const address = ['location', 'village', 'cell', 'sector', 'district', 'province']
          .map((field) => textField(f, field, { max: 255 }))
          .filter(Boolean)
          .join(', ');
        return {
          row: {
            accountId,
            number,
            category: choiceField(f, 'category', ORIGINAL_CATEGORIES) ?? 'residential',
            location: [name, address].filter(Boolean).join(' — ').slice(0, 200),
            status: STATUS[status]!,
            key: key?.toLowerCase() ?? null,
            startingCode,
            lastCount,
            balance:
              lastSeen && balanceMilli !== null
                ? { tenths: Math.round(balanceMilli / 100), at: lastSeen }
                : null,
          },
        };
      },
      async write(tx, rows) {
        const sheetUntil = new Date(tx.clock.now().getTime() + COMMISSIONING_SHEET_MINUTES * 60_000);
        const inserted = await tx.db
          .withTables<PrepaidTables>()
          .insertInto('prepaid_meter')
          .values(
            rows.map((m) => {
              const generated = m.key ? null : newMeterSecret();
              return {
                account_id: m.accountId,
                number: m.number,
                category: m.category,
                location: m.location,
                status: m.status,
                opg_key_sealed: sealMeterKey(m.key ?? generated!.key, rt.secretKey),
                // a generated key nobody has seen: printable once on the commissioning sheet, for a while
                opg_key_sheet_sealed: generated ? sealMeterKey(generated.key, rt.secretKey) : null,
                opg_key_sheet_until: generated ? sheetUntil : null,
                opg_starting_code: m.startingCode ?? generated?.startingCode ?? 0,
                ...(m.lastCount === null ? {} : { opg_last_count: m.lastCount }),
                reported_balance_tenths: m.balance?.tenths ?? null,
                reported_balance_at: m.balance?.at ?? null,
              };
            }),
          )
          .returning('id')
          .execute();
        return inserted.map((r) => r.id);
      },
      refusalOf: uniqueRefusals({
        prepaid_meter_org_id_number_key: 'meter_number: this meter number is already registered in Opsdesk',
      }),
    };
  },
});
