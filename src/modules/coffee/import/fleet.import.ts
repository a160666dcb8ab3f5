import {
  choiceField,
  dateTimeField,
  FieldProblem,
  type ImportModel,
  targetOf,
  textField,
  uniqueRefusals,
} from '../../../core/imports/index.ts';
import { tag as tagSchema } from '../coffee.contract.ts';
import type { CoffeeTables, DeviceStatus } from '../coffee.tables.ts';
import { jsonField, numberField } from './source-values.ts';

export interface ImportedMerchant {
  name: string;
  contact: string;
  status: 'active' | 'inactive';
}

/** `merchants` → `coffee_merchant`: name, contact and whether it is active. */
export const merchantsImport: ImportModel<ImportedMerchant> = {
  model: 'coffee.merchant',
  label: 'merchants',
  table: { name: 'merchants' },
  async begin() {
    return {
      parse({ fields: f }) {
        return {
          row: {
            name: textField(f, 'name', { required: true, max: 200 })!,
            contact: textField(f, 'contact', { max: 200 }) ?? '',
            status: choiceField(f, 'status', ['active', 'inactive']) ?? 'active',
          },
        };
      },
      async write(tx, rows) {
        const inserted = await tx.db
          .withTables<CoffeeTables>()
          .insertInto('coffee_merchant')
          .values([...rows])
          .returning('id')
          .execute();
        return inserted.map((r) => r.id);
      },
    };
  },
};

export interface ImportedLocation {
  merchantId: string;
  name: string;
  address: string;
  lat: number | null;
  lng: number | null;
}

/** `locations` → `coffee_location`: a merchant's shop, its address and where it is on the map. */
export const locationsImport: ImportModel<ImportedLocation> = {
  model: 'coffee.location',
  label: 'locations',
  table: { name: 'locations' },
  async begin(_ctx, refs) {
    return {
      parse(record) {
        const f = record.fields;
        const lat = numberField(f, 'lat');
        const lng = numberField(f, 'lng');
        if (lat !== null && Math.abs(lat) > 90)
          throw new FieldProblem('lat', `expected -90 to 90, got ${lat}`);
        if (lng !== null && Math.abs(lng) > 180)
          throw new FieldProblem('lng', `expected -180 to 180, got ${lng}`);
        return {
          row: {
            merchantId: targetOf(refs, record, 'merchant_id', 'coffee.merchant', 'merchant', {
              required: true,
            })!,
            name: textField(f, 'name', { required: true, max: 200 })!,
            address: textField(f, 'address', { max: 500 }) ?? '',
            lat,
            lng,
          },
        };
      },
      async write(tx, rows) {
        const inserted = await tx.db
          .withTables<CoffeeTables>()
          .insertInto('coffee_location')
          .values(
            rows.map((l) => ({
              merchant_id: l.merchantId,
              name: l.name,
              address: l.address,
              lat: l.lat,
              lng: l.lng,
            })),
          )
          .returning('id')
          .execute();
        return inserted.map((r) => r.id);
      },
    };
  },
};

export interface ImportedDevice {
  serial: string;
  model: string;
  name: string;
  firmware: string;
  status: DeviceStatus;
  lastSeenAt: Date | null;
  temperatureTenths: number | null;
  tags: string[];
  merchantId: string;
  locationId: string | null;
}

const DEVICE_STATUSES: readonly DeviceStatus[] = ['registered', 'online', 'offline', 'fault', 'maintenance'];
const SERIAL = /^[A-Za-z0-9_.-]{1,64}$/;

/**
 * The original's tags (a JSON list of words, or an object such as `{"location": "mall"}`) as Opsdesk
 * tags: lower case, an object's entries as `key-value` (`location-mall`), so a rollout can pick them.
 */
export function tagsOf(value: unknown): string[] {
  if (value === null || value === undefined) return [];
  const words = Array.isArray(value)
    ? value.map(String)
    : typeof value === 'object'
      ? Object.entries(value as Record<string, unknown>).map(([k, v]) =>
          v === true ? k : `${k}-${String(v)}`,
        )
      : null;
  if (!words) throw new FieldProblem('tags', 'expected a list or an object of tags');
  const tags = [
    ...new Set(words.map((w) => w.trim().toLowerCase().replace(/\s+/g, '-')).filter((w) => w !== '')),
  ];
  for (const t of tags)
    if (!tagSchema.safeParse(t).success)
      throw new FieldProblem('tags', `"${t.slice(0, 40)}" is not a tag (letters, digits, - and _, up to 40)`);
  if (tags.length > 20) throw new FieldProblem('tags', `has ${tags.length} tags, at most 20 are kept`);
  return tags;
}

/**
 * `devices` → `coffee_device`, known by its serial (the original's `device_id`): the machine keeps
 * it, so it needs no new claim code. It comes over without a token: its owner switches legacy mode
 * on for firmware that sends none, or gives it a token from its page.
 */
export const devicesImport: ImportModel<ImportedDevice> = {
  model: 'coffee.device',
  label: 'machines',
  table: { name: 'devices', pk: 'device_id' },
  async begin(_ctx, refs) {
    return {
      parse(record) {
        const f = record.fields;
        if (!SERIAL.test(record.pk))
          throw new FieldProblem(
            'device_id',
            `"${record.pk.slice(0, 40)}" is not a serial (letters, digits, . - _)`,
          );
        const temperature = numberField(f, 'temperature');
        return {
          row: {
            serial: record.pk,
            model: textField(f, 'model', { required: true, max: 64 })!,
            name: textField(f, 'alias', { max: 200 }) || record.pk,
            firmware: textField(f, 'fw_version', { max: 64 }) ?? '',
            status: choiceField(f, 'status', DEVICE_STATUSES) ?? 'registered',
            lastSeenAt: dateTimeField(f, 'last_seen'),
            temperatureTenths: temperature === null ? null : Math.round(temperature * 10),
            tags: tagsOf(jsonField(f, 'tags')),
            merchantId: targetOf(refs, record, 'merchant_id', 'coffee.merchant', 'merchant', {
              required: true,
            })!,
            locationId: targetOf(refs, record, 'location_id', 'coffee.location', 'location'),
          },
        };
      },
      async write(tx, rows) {
        const inserted = await tx.db
          .withTables<CoffeeTables>()
          .insertInto('coffee_device')
          .values(
            rows.map((d) => ({
              serial: d.serial,
              model: d.model,
              name: d.name,
              firmware: d.firmware,
              status: d.status,
              last_seen_at: d.lastSeenAt,
              temperature_tenths: d.temperatureTenths,
              tags: d.tags,
              merchant_id: d.merchantId,
              location_id: d.locationId,
              token_hash: null,
              token_issued_at: null,
              revoked_at: null,
              package_version: null,
            })),
          )
          .returning('id')
          .execute();
        return inserted.map((r) => r.id);
      },
      refusalOf: uniqueRefusals({
        coffee_device_org_id_serial_key: 'device_id: a machine with this serial is already in Opsdesk',
      }),
    };
  },
};
