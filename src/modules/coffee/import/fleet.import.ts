import {
  choiceField,
  dateTimeField,
  FieldProblem,
  type ImportFlag,
  type ImportModel,
  targetOf,
  textField,
  uniqueRefusals,
} from '../../../core/imports/index.ts';
import { sql } from '../../../platform/db/index.ts';
import type { CoffeeTables, DeviceStatus } from '../coffee.tables.ts';
import { originalTags } from './original-tags.rules.ts';
import { jsonField, numberField } from './source-values.ts';

type Fields = Readonly<Record<string, unknown>>;

/** A status word however the original's version stored it (`active`; an SQL enum's `ACTIVE`). */
function statusField<T extends string>(f: Fields, name: string, choices: readonly T[]): T | null {
  const v = f[name];
  return choiceField(
    typeof v === 'string' ? { [name]: v.trim().toLowerCase() } : { [name]: v },
    name,
    choices,
  );
}

export interface ImportedMerchant {
  name: string;
  contact: string;
  status: 'active' | 'inactive';
}

/** `merchants` → `coffee_merchant`: name, contact as typed (blank stays blank) and whether it is active. */
export const merchantsImport: ImportModel<ImportedMerchant> = {
  model: 'coffee.merchant',
  label: 'merchants',
  table: { name: 'merchants' },
  async begin() {
    return {
      parse({ fields: f }) {
        return {
          row: {
            name: textField(f, 'name', { required: true, max: 255 })!,
            contact: textField(f, 'contact', { max: 255 }) ?? '',
            status: statusField(f, 'status', ['active', 'inactive'] as const) ?? 'active',
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
      async update(tx, rows) {
        for (const { id, row } of rows)
          await tx.db
            .withTables<CoffeeTables>()
            .updateTable('coffee_merchant')
            .set(row)
            .where('id', '=', id)
            .execute();
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

/** A coordinate on the map, or null with a flag (the original took any float: a latitude of 121.47). */
function coordinate(f: Fields, name: 'lat' | 'lng', flags: ImportFlag[]): number | null {
  const v = numberField(f, name);
  const limit = name === 'lat' ? 90 : 180;
  if (v === null || Math.abs(v) <= limit) return v;
  flags.push({
    field: name,
    reason: `${v} is not a ${name === 'lat' ? 'latitude' : 'longitude'} (-${limit} to ${limit}): left blank; the original's value is in this report`,
  });
  return null;
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
        const flags: ImportFlag[] = [];
        const lat = coordinate(f, 'lat', flags);
        const lng = coordinate(f, 'lng', flags);
        return {
          row: {
            merchantId: targetOf(refs, record, 'merchant_id', 'coffee.merchant', 'merchant', {
              required: true,
            })!,
            name: textField(f, 'name', { required: true, max: 255 })!,
            address: textField(f, 'address', { max: 500 }) ?? '',
            lat: lat === null || lng === null ? null : lat,
            lng: lat === null || lng === null ? null : lng,
          },
          flags,
        };
      },
      async write(tx, rows) {
        const inserted = await tx.db
          .withTables<CoffeeTables>()
          .insertInto('coffee_location')
          .values(rows.map(locationValues))
          .returning('id')
          .execute();
        return inserted.map((r) => r.id);
      },
      async update(tx, rows) {
        for (const { id, row } of rows)
          await tx.db
            .withTables<CoffeeTables>()
            .updateTable('coffee_location')
            .set(locationValues(row))
            .where('id', '=', id)
            .execute();
      },
    };
  },
};

const locationValues = (l: ImportedLocation) => ({
  merchant_id: l.merchantId,
  name: l.name,
  address: l.address,
  lat: l.lat,
  lng: l.lng,
});

export interface ImportedDevice {
  serial: string;
  model: string;
  name: string;
  firmware: string;
  status: DeviceStatus;
  lastSeenAt: Date | null;
  temperatureTenths: number | null;
  tags: string[];
  merchantId: string | null;
  locationId: string | null;
}

const DEVICE_STATUSES: readonly DeviceStatus[] = ['registered', 'online', 'offline', 'fault', 'maintenance'];

/**
 * `devices` → `coffee_device`, known by its serial (the original's `device_id`, whatever its
 * firmware registered: `BJ-朝阳-01`, `CM 2002`): the machine keeps it, so it needs no claim code.
 * Its tags come whole (any script, `:`, an object's entries as `key:value`). It comes without a
 * token: its owner switches legacy mode on for firmware that sends none, or gives it a token from
 * its page. A second import brings what changed since (status, last seen, tags, placement).
 */
export const devicesImport: ImportModel<ImportedDevice> = {
  model: 'coffee.device',
  label: 'machines',
  table: { name: 'devices', pk: 'device_id' },
  async begin(_ctx, refs) {
    return {
      parse(record) {
        const f = record.fields;
        const serial = record.pk;
        if (serial.length > 255 || /\p{Cc}/u.test(serial) || serial !== serial.trim() || serial === '')
          throw new FieldProblem(
            'device_id',
            'has control characters or spaces at its ends: no machine can be named by it',
          );
        const temperature = numberField(f, 'temperature');
        const { tags, flags } = originalTags(jsonField(f, 'tags'));
        return {
          row: {
            serial,
            model: textField(f, 'model', { max: 100 }) ?? '',
            name: textField(f, 'alias', { max: 255 }) || serial,
            firmware: textField(f, 'fw_version', { max: 64 }) ?? '',
            status: statusField(f, 'status', DEVICE_STATUSES) ?? 'registered',
            lastSeenAt: dateTimeField(f, 'last_seen'),
            temperatureTenths: temperature === null ? null : Math.round(temperature * 10),
            tags,
            merchantId: targetOf(refs, record, 'merchant_id', 'coffee.merchant', 'merchant'),
            locationId: targetOf(refs, record, 'location_id', 'coffee.location', 'location'),
          },
          flags,
        };
      },
      async write(tx, rows) {
        const inserted = await tx.db
          .withTables<CoffeeTables>()
          .insertInto('coffee_device')
          .values(
            rows.map((d) => ({
              serial: d.serial,
              ...deviceState(d),
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
      async update(tx, rows) {
        // one statement for the batch: a heartbeat changes most machines between two imports
        const values = rows.map(
          ({ id, row: d }) =>
            sql`(${id}::uuid, ${d.model}, ${d.name}, ${d.firmware}, ${d.status}, ${d.lastSeenAt}::timestamptz,
              ${d.temperatureTenths}::int, ${d.tags}::text[], ${d.merchantId}::uuid, ${d.locationId}::uuid)`,
        );
        await sql`
          update coffee_device d set model = v.model, name = v.name, firmware = v.firmware, status = v.status,
            last_seen_at = v.last_seen_at, temperature_tenths = v.temperature_tenths, tags = v.tags,
            merchant_id = v.merchant_id, location_id = v.location_id
          from (values ${sql.join(values)}) as v(id, model, name, firmware, status, last_seen_at,
            temperature_tenths, tags, merchant_id, location_id)
          where d.id = v.id`.execute(tx.db);
      },
      refusalOf: uniqueRefusals({
        coffee_device_org_id_serial_key: 'device_id: a machine with this serial is already in Opsdesk',
      }),
    };
  },
};

const deviceState = (d: ImportedDevice) => ({
  model: d.model,
  name: d.name,
  firmware: d.firmware,
  status: d.status,
  last_seen_at: d.lastSeenAt,
  temperature_tenths: d.temperatureTenths,
  tags: d.tags,
  merchant_id: d.merchantId,
  location_id: d.locationId,
});
