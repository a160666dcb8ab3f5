import type { Ctx } from '../../../core/context/index.ts';
import {
  choiceField,
  dateTimeField,
  decimalMinorField,
  FieldProblem,
  type ImportFlag,
  type ImportModel,
  type ImportRefs,
  integerField,
  type RowVerdict,
  type SourceRecord,
  targetOf,
  textField,
  uniqueRefusals,
} from '../../../core/imports/index.ts';
import { newMeterSecret, sealMeterKey } from '../meter-keys.ts';
import { COMMISSIONING_SHEET_MINUTES } from '../meters.ts';
import type { PrepaidRuntime } from '../prepaid.runtime.ts';
import type { MeterStatus, PrepaidTables } from '../prepaid.tables.ts';
import { meterNumberKey, readMeterNumber } from './meter-number.rules.ts';

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
  /** The original's id (`meters.meter` pk), for its API paths. */
  originalId: string;
  number: string;
  /** As the customer typed it in the original (kept: the number may be its normalized form). */
  typedNumber: string;
  /** Its name there (`Home`, `家`), also the start of its location. */
  name: string | null;
  category: string;
  location: string;
  status: MeterStatus;
  /** The operator's key for a meter already programmed (32 hex), else one is generated. */
  key: string | null;
  startingCode: number | null;
  /** The last count the meter accepted: Opsdesk's tokens continue above it (as `POST /api/prepaid/meters` `lastCount`). */
  lastCount: number | null;
  /** What the original last heard from the meter's ESP32 (`remaining_units`), as a reported balance (sign kept). */
  balance: { tenths: number; at: Date } | null;
  /** The original's `current_balance_units` in thousandths, sign kept (below zero: the meter owes). */
  balanceMilli: number | null;
}

const numberOrNull = (v: string | null) => (v === null ? null : Number(v));
const tables = (ctx: Ctx) => ctx.db.withTables<PrepaidTables>();

/** The Opsdesk account of the customer (`users.user`) a record points to; a refusal naming the field when it did not come over. */
export const accountOf = (refs: ImportRefs, record: SourceRecord, field: string): string =>
  targetOf(refs, record, field, 'users.user', 'customer', { required: true })!;

/** A meter's OpenPAYGO settings, when the operator added them to the export. */
function openPaygoOf(f: SourceRecord['fields']) {
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
  return { key: key?.toLowerCase() ?? null, startingCode, lastCount };
}

/**
 * Numbers already given in this run, by number and by their letters and digits: a meter typed so
 * that it reads like another (`0788 1234 56` beside `078812-3456`) is flagged; one whose normalized
 * number another meter already holds keeps its own, marked with its original id.
 */
function meterNumbers() {
  const byNumber = new Map<string, string>();
  const byKey = new Map<string, { pk: string; number: string }>();
  return (pk: string, typed: string): { number: string; flags: ImportFlag[]; notes: string[] } => {
    const read = readMeterNumber(typed);
    const flags: ImportFlag[] = [];
    const notes = read.normalized ? ['meter number typed with spaces or other dashes: normalized'] : [];
    let number = read.number;
    // A stand-in nobody typed: what could be read, then the original's id (`SN4471-22B-M42`).
    if (read.unreadable) number = `${number.slice(0, 28) || 'ORIG'}-M${pk}`;
    const first = byNumber.get(number);
    if (first !== undefined) number = `${number.slice(0, 28)}-M${pk}`;
    if (read.unreadable || first !== undefined)
      flags.push({
        field: 'meter_number',
        reason: `${typed} ${read.unreadable ?? `reads as ${read.number}, the number of meter ${first}`}: kept as typed; ${number} in Opsdesk until staff check the meter`,
      });
    const key = meterNumberKey(number);
    const alike = byKey.get(key);
    if (alike && first === undefined)
      flags.push({
        field: 'meter_number',
        reason: `${typed} reads like meter ${alike.pk}'s ${alike.number} but for spaces, dashes or capitals: two meters, or one typed twice?`,
      });
    byNumber.set(number, pk);
    if (!alike) byKey.set(key, { pk, number });
    return { number, flags, notes };
  };
}

/**
 * `meters.meter` (every version the original shipped: before `category`, the Rwandan address and
 * the ESP32 fields, and with the `meter_name` it had for a day) → a meter of its owner's account:
 * number (normalized, as typed kept beside it), REG category, status (`disabled` is Opsdesk's
 * `suspended`), its name and Rwandan address as its location. The original has no OpenPAYGO
 * settings (its tokens are random digits its server credits): a meter the operator has programmed
 * for OpenPAYGO carries them as three extra fields of the export (`openpaygo_key`,
 * `openpaygo_starting_code`, `openpaygo_last_count`), kept like `POST /api/prepaid/meters` keeps
 * them; any other meter gets a generated key, printable once on its commissioning sheet, as a new
 * meter does. A meter whose ESP32 reported (`last_seen`) keeps its balance as the meter's own word,
 * below zero too (an admin could set it so: the meter owes). Its device token is not brought:
 * staff issue a meter API token in Opsdesk. A meter changed in the original since the last run
 * (its status, owner, balance, place) takes the change; its key is never changed.
 */
export const metersImport = (rt: Pick<PrepaidRuntime, 'secretKey'>): ImportModel<ImportedMeter> => ({
  model: 'meters.meter',
  // Stamped on every purchase: the meter changed only if something else did too.
  volatile: ['updated_at'],
  label: 'meters',
  foreignKeys: ['owner'],
  async begin(_ctx, refs) {
    const numberOf = meterNumbers();
    return {
      parse: (record) => parseMeter(record, refs, numberOf),
      write: (tx, rows) => insertMeters(tx, rt, rows),
      update: updateMeters,
      refusalOf: uniqueRefusals({
        prepaid_meter_org_id_number_key: 'meter_number: this meter number is already registered in Opsdesk',
      }),
    };
  },
});

/** One original meter read: its number (made unique), its OpenPAYGO state, its status, place and last balance. */
function parseMeter(
  record: SourceRecord,
  refs: ImportRefs,
  numberOf: ReturnType<typeof meterNumbers>,
): RowVerdict<ImportedMeter> {
  const f = record.fields;
  const accountId = accountOf(refs, record, 'owner');
  const typedNumber = textField(f, 'meter_number', { required: true, max: 100 })!;
  const { number, flags, notes } = numberOf(record.pk, typedNumber);
  const { key, startingCode, lastCount } = openPaygoOf(f);
  const status = choiceField(f, 'status', ['active', 'inactive', 'disabled']) ?? 'active';
  const lastSeen = dateTimeField(f, 'last_seen');
  const balanceMilli = decimalMinorField(f, 'current_balance_units', 3);
  if (balanceMilli !== null && balanceMilli < 0) notes.push('balance below zero kept: the meter owes units');
  const name = textField(f, 'name', { max: 100 }) ?? textField(f, 'meter_name', { max: 100 });
  const address = ['location', 'village', 'cell', 'sector', 'district', 'province']
    .map((field) => textField(f, field, { max: 255 }))
    .filter(Boolean)
    .join(', ');
  return {
    row: {
      accountId,
      originalId: record.pk,
      number,
      typedNumber,
      name,
      category: choiceField(f, 'category', ORIGINAL_CATEGORIES) ?? 'residential',
      location: [name, address].filter(Boolean).join(' — ').slice(0, 200),
      status: STATUS[status]!,
      key,
      startingCode,
      lastCount,
      balance:
        lastSeen && balanceMilli !== null ? { tenths: Math.round(balanceMilli / 100), at: lastSeen } : null,
      balanceMilli,
    },
    flags,
    notes,
  };
}

/** New meters: a meter without a key gets one, printable once on its commissioning sheet for a while. */
async function insertMeters(
  tx: Ctx,
  rt: Pick<PrepaidRuntime, 'secretKey'>,
  rows: ReadonlyArray<ImportedMeter>,
): Promise<string[]> {
  const sheetUntil = new Date(tx.clock.now().getTime() + COMMISSIONING_SHEET_MINUTES * 60_000);
  const inserted = await tables(tx)
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
  await tables(tx)
    .insertInto('prepaid_imported_meter')
    .values(rows.map((m, i) => ({ meter_id: inserted[i]!.id, ...originalOf(m) })))
    .execute();
  return inserted.map((r) => r.id);
}

/** Meters changed in the original since the last run; a meter's key is never changed. */
async function updateMeters(tx: Ctx, rows: ReadonlyArray<{ id: string; row: ImportedMeter }>): Promise<void> {
  for (const { id, row: m } of rows) {
    await tables(tx)
      .updateTable('prepaid_meter')
      .set({
        account_id: m.accountId,
        number: m.number,
        category: m.category,
        location: m.location,
        status: m.status,
        ...(m.balance
          ? { reported_balance_tenths: m.balance.tenths, reported_balance_at: m.balance.at }
          : {}),
        updated_at: tx.clock.now(),
      })
      .where('id', '=', id)
      .execute();
    await tables(tx)
      .insertInto('prepaid_imported_meter')
      .values({ meter_id: id, ...originalOf(m) })
      .onConflict((oc) =>
        oc.column('meter_id').doUpdateSet({
          typed_number: m.typedNumber,
          name: m.name,
          balance_milli: m.balanceMilli,
        }),
      )
      .execute();
  }
}

const originalOf = (m: ImportedMeter) => ({
  original_id: m.originalId,
  typed_number: m.typedNumber,
  name: m.name,
  balance_milli: m.balanceMilli,
});
