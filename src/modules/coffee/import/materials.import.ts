import {
  booleanField,
  choiceField,
  FieldProblem,
  type ImportModel,
  integerField,
  targetOf,
  textField,
  uniqueRefusals,
} from '../../../core/imports/index.ts';
import type { StoredBin } from '../coffee.rules.ts';
import type { CoffeeTables } from '../coffee.tables.ts';
import { numberField } from './source-values.ts';

const CODE = /^[A-Za-z0-9_-]{1,40}$/;

export interface ImportedMaterial {
  code: string;
  name: string;
  unit: 'g' | 'ml' | 'pcs';
  enabled: boolean;
}

/** `material_dictionaries` → `coffee_material`: the code bins and recipes name, its name and unit. */
export const materialsImport: ImportModel<ImportedMaterial> = {
  model: 'coffee.materialdictionary',
  label: 'materials',
  table: { name: 'material_dictionaries' },
  async begin() {
    return {
      parse({ fields: f }) {
        const code = textField(f, 'code', { required: true, max: 40 })!;
        if (!CODE.test(code))
          throw new FieldProblem('code', `"${code}" is not a code (letters, digits, - and _)`);
        return {
          row: {
            code,
            name: textField(f, 'name', { required: true, max: 200 })!,
            unit: choiceField(f, 'unit', ['g', 'ml', 'pcs']) ?? 'g',
            enabled: booleanField(f, 'enabled') ?? true,
          },
        };
      },
      async write(tx, rows) {
        const inserted = await tx.db
          .withTables<CoffeeTables>()
          .insertInto('coffee_material')
          .values([...rows])
          .returning('id')
          .execute();
        return inserted.map((r) => r.id);
      },
      refusalOf: uniqueRefusals({
        coffee_material_org_id_code_key: 'code: a material with this code is already in Opsdesk',
      }),
    };
  },
};

/** A bin as the original filled it: what Opsdesk stores of a bin but its daily use, which it learns. */
export type ImportedBin = Omit<StoredBin, 'dailyUse'> & { deviceId: string };

/** Opsdesk's critical level for a bin whose low threshold is above it (the default, 5 %). */
const CRITICAL_PCT = 5;

/**
 * `device_bins` → `coffee_bin`: what a machine's bin holds, of how much, and the original's
 * `threshold_low_pct` as the bin's low threshold (amounts rounded to whole units). A bin with no
 * material is skipped: Opsdesk has nothing to count in it.
 */
export const binsImport: ImportModel<ImportedBin> = {
  model: 'coffee.devicebin',
  label: 'bins',
  table: { name: 'device_bins' },
  async begin(_ctx, refs) {
    return {
      parse(record) {
        const f = record.fields;
        const deviceId = targetOf(refs, record, 'device_id', 'coffee.device', 'machine', { required: true })!;
        const materialCode = textField(f, 'material_code', { max: 40 });
        if (!materialCode) return { skipped: 'the bin holds no material' };
        const binIndex = Number(integerField(f, 'bin_index', { required: true }));
        if (binIndex < 0 || binIndex > 63)
          throw new FieldProblem('bin_index', `expected 0 to 63, got ${binIndex}`);
        const capacity = Math.round(numberField(f, 'capacity', { required: true })!);
        if (capacity <= 0) throw new FieldProblem('capacity', `expected more than 0, got ${capacity}`);
        const remaining = Math.max(0, Math.round(numberField(f, 'remaining') ?? 0));
        const lowPct = Math.round(numberField(f, 'threshold_low_pct') ?? 20);
        if (lowPct < 0 || lowPct > 100)
          throw new FieldProblem('threshold_low_pct', `expected 0 to 100, got ${lowPct}`);
        return {
          row: {
            deviceId,
            binIndex,
            materialCode,
            remaining,
            capacity,
            lowPct,
            criticalPct: Math.min(CRITICAL_PCT, lowPct),
          },
        };
      },
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
      refusalOf: uniqueRefusals({
        coffee_bin_device_id_bin_index_key: 'bin_index: the machine has this bin already',
      }),
    };
  },
};
