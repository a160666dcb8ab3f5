import {
  booleanField,
  FieldProblem,
  type ImportFlag,
  type ImportModel,
  integerField,
  targetOf,
  textField,
  uniqueRefusals,
} from '../../../core/imports/index.ts';
import { sql } from '../../../platform/db/index.ts';
import type { StoredBin } from '../coffee.rules.ts';
import type { CoffeeTables } from '../coffee.tables.ts';
import { type MaterialUnit, unitOf } from './material-units.rules.ts';
import type { FleetMaterials } from './original-recipes.rules.ts';
import { numberField } from './source-values.ts';

export interface ImportedMaterial {
  code: string;
  name: string;
  unit: MaterialUnit;
  enabled: boolean;
}

export const MATERIAL_NOTES = {
  adopted: 'its code is a material Opsdesk has already: brought onto it, its name and unit there kept',
} as const;

/**
 * `material_dictionaries` → `coffee_material`, and what every material's code is measured in, for
 * the recipes (`fleet.units`). A code the organization already has in Opsdesk is that material.
 */
export function materialsImport(fleet: FleetMaterials): ImportModel<ImportedMaterial> {
  return {
    model: 'coffee.materialdictionary',
    label: 'materials',
    table: { name: 'material_dictionaries' },
    async begin(ctx) {
      // Materials the organization set up in Opsdesk before (the demo's, or its own): an original's
      // material of the same code is that material, not a clash.
      const existing = new Set(
        (await ctx.db.withTables<CoffeeTables>().selectFrom('coffee_material').select('code').execute()).map(
          (m) => m.code,
        ),
      );
      return {
        parse({ fields: f }) {
          const code = textField(f, 'code', { required: true, max: 100 })!;
          if (/[\s\p{C}]/u.test(code))
            throw new FieldProblem('code', `"${code}" has spaces: bins and recipes could not name it`);
          const typed = textField(f, 'unit', { max: 20 });
          const unit = unitOf(typed);
          const flags: ImportFlag[] = [];
          if (typed && !unit)
            flags.push({ field: 'unit', reason: `"${typed}" is no unit Opsdesk counts in: counted in g` });
          fleet.units.set(code, unit?.unit ?? 'g');
          return {
            row: {
              code,
              name: textField(f, 'name', { required: true, max: 255 })!,
              unit: unit?.unit ?? 'g',
              enabled: booleanField(f, 'enabled') ?? true,
            },
            flags,
            notes: [
              ...(unit && unit.factor !== 1 ? [`its unit ${typed} counted in ${unit.unit}`] : []),
              ...(existing.has(code) ? [MATERIAL_NOTES.adopted] : []),
            ],
          };
        },
        async write(tx, rows) {
          const inserted = await tx.db
            .withTables<CoffeeTables>()
            .insertInto('coffee_material')
            .values([...rows])
            // the material of this code already in Opsdesk: brought onto it, as it is there
            .onConflict((oc) =>
              oc.columns(['org_id', 'code']).doUpdateSet((eb) => ({ code: eb.ref('excluded.code') })),
            )
            .returning('id')
            .execute();
          return inserted.map((r) => r.id);
        },
        async update(tx, rows) {
          for (const { id, row } of rows)
            await tx.db
              .withTables<CoffeeTables>()
              .updateTable('coffee_material')
              .set(row)
              .where('id', '=', id)
              .execute();
        },
        refusalOf: uniqueRefusals({
          coffee_material_org_id_code_key: 'code: a material with this code is already in Opsdesk',
        }),
      };
    },
  };
}

/** A bin as the original filled it: what Opsdesk stores of a bin but its daily use, which it learns. */
export type ImportedBin = Omit<StoredBin, 'dailyUse'> & { deviceId: string; machine: string };

/** Opsdesk's critical level for a bin whose low threshold is above it (the default, 5 %). */
const CRITICAL_PCT = 5;

/** The bin's amounts in whole units, and what a person should know about them. */
function binAmounts(f: Readonly<Record<string, unknown>>, flags: ImportFlag[]) {
  const remainingTyped = numberField(f, 'remaining');
  const capacityTyped = numberField(f, 'capacity');
  const remaining = Math.max(0, Math.round(remainingTyped ?? 0));
  if (remainingTyped !== null && remainingTyped < 0)
    flags.push({ field: 'remaining', reason: `${remainingTyped} is below empty: counted as 0` });
  let capacity = capacityTyped === null ? 0 : Math.round(capacityTyped);
  if (capacity <= 0) {
    capacity = Math.max(1, remaining);
    const typed = capacityTyped === null ? 'no capacity' : `a capacity of ${capacityTyped}`;
    flags.push({
      field: 'capacity',
      reason:
        remaining > 0
          ? `${typed} in the original: set to what the bin holds (${capacity}); correct it on the machine's page`
          : `${typed} in the original: set to 1 until the machine reports its bins; correct it on the machine's page`,
    });
  }
  const lowTyped = numberField(f, 'threshold_low_pct');
  const lowPct = Math.min(100, Math.max(0, Math.round(lowTyped ?? 20)));
  if (lowTyped !== null && (lowTyped < 0 || lowTyped > 100))
    flags.push({
      field: 'threshold_low_pct',
      reason: `${lowTyped} % is no share of a bin: ${lowPct} % kept`,
    });
  return { remaining, capacity, lowPct };
}

/**
 * `device_bins` → `coffee_bin`: what a machine's bin holds, of how much, and the original's
 * `threshold_low_pct` as the bin's low threshold (amounts rounded to whole units). A bin with no
 * material is skipped: Opsdesk has nothing to count in it. Which bin holds which material on most
 * machines is remembered for the recipes (`fleet.bins`); a later import brings new levels.
 */
export function binsImport(fleet: FleetMaterials): ImportModel<ImportedBin> {
  return {
    model: 'coffee.devicebin',
    label: 'bins',
    table: { name: 'device_bins' },
    async begin(_ctx, refs) {
      return {
        parse(record) {
          const f = record.fields;
          const deviceId = targetOf(refs, record, 'device_id', 'coffee.device', 'machine', {
            required: true,
          })!;
          const materialCode = textField(f, 'material_code', { max: 100 });
          if (!materialCode) return { skipped: 'the bin holds no material' };
          const binIndex = Number(integerField(f, 'bin_index', { required: true }));
          if (binIndex < 0 || binIndex > 63)
            throw new FieldProblem('bin_index', `bin ${binIndex}: machines number their bins 0 to 63`);
          fleet.sawBin(materialCode, binIndex);
          const flags: ImportFlag[] = [];
          const amounts = binAmounts(f, flags);
          return {
            row: {
              deviceId,
              machine: String(f.device_id),
              binIndex,
              materialCode,
              ...amounts,
              criticalPct: Math.min(CRITICAL_PCT, amounts.lowPct),
            },
            flags,
          };
        },
        uniqueKeys: (b) => [`bin ${b.binIndex} of machine ${b.machine}`],
        async write(tx, rows) {
          const inserted = await tx.db
            .withTables<CoffeeTables>()
            .insertInto('coffee_bin')
            .values(
              rows.map((b) => ({
                device_id: b.deviceId,
                bin_index: b.binIndex,
                material_code: b.materialCode,
                remaining: b.remaining,
                capacity: b.capacity,
                low_pct: b.lowPct,
                critical_pct: b.criticalPct,
                daily_use: null,
              })),
            )
            .returning('id')
            .execute();
          return inserted.map((r) => r.id);
        },
        async update(tx, rows) {
          const values = rows.map(
            ({ id, row: b }) =>
              sql`(${id}::uuid, ${b.binIndex}::int, ${b.materialCode}, ${b.remaining}::int, ${b.capacity}::int,
                ${b.lowPct}::int, ${b.criticalPct}::int)`,
          );
          await sql`
            update coffee_bin b set bin_index = v.bin_index, material_code = v.material_code,
              remaining = v.remaining, capacity = v.capacity, low_pct = v.low_pct,
              critical_pct = v.critical_pct, updated_at = now()
            from (values ${sql.join(values)}) as v(id, bin_index, material_code, remaining, capacity, low_pct, critical_pct)
            where b.id = v.id`.execute(tx.db);
        },
        refusalOf: uniqueRefusals({
          coffee_bin_device_id_bin_index_key: 'bin_index: the machine has this bin already',
        }),
      };
    },
  };
}
