import type { z } from 'zod';
import { type Recipe, recipeSchema } from '../recipe.schema.ts';
import { type MaterialUnit, unitOf } from './material-units.rules.ts';

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => !!v && typeof v === 'object' && !Array.isArray(v);
const num = (v: unknown): number | undefined =>
  typeof v === 'number' && Number.isFinite(v)
    ? v
    : typeof v === 'string' && v.trim() !== '' && Number.isFinite(Number(v))
      ? Number(v)
      : undefined;

/**
 * What the fleet's bins and materials say, as the import reads them, for recipes that name materials
 * by code only (the original's main branch and its device agent: the machine finds the bin holding
 * the material): the bin most machines keep each material in, and each material's unit.
 */
export interface FleetMaterials {
  units: Map<string, MaterialUnit>;
  sawBin(code: string, binIndex: number): void;
  /** The bin most machines hold the material in (the lowest on a tie), if any machine holds it. */
  binOf(code: string): number | undefined;
}

export function fleetMaterials(): FleetMaterials {
  const bins = new Map<string, Map<number, number>>();
  return {
    units: new Map(),
    sawBin(code, binIndex) {
      const counts = bins.get(code) ?? new Map<number, number>();
      bins.set(code, counts);
      counts.set(binIndex, (counts.get(binIndex) ?? 0) + 1);
    },
    binOf(code) {
      const counts = [...(bins.get(code) ?? [])];
      counts.sort((a, b) => b[1] - a[1] || a[0] - b[0]);
      return counts[0]?.[0];
    },
  };
}

/** The original's step words (its seed's `action`, its backend's `type`) as the steps Opsdesk machines run. */
const STEP_KINDS: Record<string, Recipe['steps'][number]['type']> = {
  grind: 'grind',
  mill: 'grind',
  brew: 'brew',
  extract: 'brew',
  espresso: 'brew',
  heat: 'heat',
  boil: 'heat',
  froth: 'froth',
  foam: 'froth',
  steam: 'froth',
  mix: 'mix',
  combine: 'mix',
  stir: 'mix',
  blend: 'mix',
  wait: 'wait',
  rest: 'wait',
  pause: 'wait',
  dispense: 'dispense',
  add: 'dispense',
  add_powder: 'dispense',
  add_water: 'dispense',
  add_milk: 'dispense',
  add_syrup: 'dispense',
  pour: 'dispense',
  water: 'dispense',
};
const KINDS_IN_WORDS = 'grind, brew, heat, froth, mix, wait and dispense';

/** Step fields that are read into the step itself, not kept among its params. */
const STEP_FIELDS = new Set([
  'action',
  'type',
  'step_id',
  'name',
  'params',
  'duration',
  'time',
  'duration_ms',
  'temperature',
  'materials',
  'material',
  'bin',
  'amount',
  'unit',
  'water_ml',
]);

export type TranslatedRecipe =
  | { recipe: Recipe; notes: string[] }
  | { draft: string; recipe: unknown; notes: string[] };

interface Draw {
  code: string;
  amount?: number;
  unit?: string;
  binIndex?: number;
}

/** A param Opsdesk keeps (text, number, yes/no); anything else as its JSON text. */
const paramValue = (v: unknown) =>
  typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' ? v : JSON.stringify(v);

function translateStep(step: Json, i: number, problems: string[], draws: Draw[]) {
  const word = String(step.type ?? step.action ?? '').trim();
  const type = STEP_KINDS[word.toLowerCase()];
  if (!type)
    problems.push(
      word
        ? `step ${i + 1} ("${word}") is an action Opsdesk machines do not know (they ${KINDS_IN_WORDS})`
        : `step ${i + 1} says no action`,
    );
  const codes: string[] = [];
  const draw = (code: unknown, amount: unknown, unit: unknown) => {
    if (typeof code !== 'string' || code.trim() === '') return;
    codes.push(code.trim());
    const n = num(amount);
    if (n !== undefined)
      draws.push({ code: code.trim(), amount: n, ...(typeof unit === 'string' ? { unit } : {}) });
  };
  draw(step.material ?? step.bin, step.amount, step.unit);
  if (step.water_ml !== undefined) draw('WATER', step.water_ml, 'ml');
  if (Array.isArray(step.materials)) for (const c of step.materials) if (typeof c === 'string') codes.push(c);
  const params: Record<string, string | number | boolean> = {};
  for (const [k, v] of Object.entries(isObject(step.params) ? step.params : {}))
    if (v !== null && v !== undefined) params[k] = paramValue(v);
  for (const [k, v] of Object.entries(step))
    if (!STEP_FIELDS.has(k) && v !== null && v !== undefined) params[k] = paramValue(v);
  const seconds = num(step.duration) ?? num(step.time) ?? (num(step.duration_ms) ?? NaN) / 1000;
  const temperature = num(step.temperature);
  return {
    key: String(step.step_id ?? i + 1).slice(0, 40),
    name: String(step.name ?? (word || `step ${i + 1}`)).slice(0, 100),
    type: type ?? 'wait',
    params,
    ...(Number.isFinite(seconds) ? { durationSeconds: seconds } : {}),
    ...(temperature === undefined ? {} : { temperature }),
    ...(codes.length ? { materials: [...new Set(codes)] } : {}),
  };
}

/** The materials a recipe draws: its own list (with bins or without), its map, or what its steps draw. */
function drawsOf(schema: Json, fromSteps: Draw[]): Draw[] {
  if (Array.isArray(schema.materials))
    return schema.materials.filter(isObject).map((m) => ({
      code: String(m.material_code ?? m.code ?? m.materialCode ?? ''),
      ...(num(m.amount) === undefined ? {} : { amount: num(m.amount) }),
      ...(typeof m.unit === 'string' ? { unit: m.unit } : {}),
      ...(num(m.bin_index ?? m.binIndex) === undefined ? {} : { binIndex: num(m.bin_index ?? m.binIndex) }),
    }));
  if (isObject(schema.materials))
    return Object.entries(schema.materials).map(([code, amount]) => {
      const unit = fromSteps.find((d) => d.code === code && d.unit)?.unit;
      return {
        code,
        ...(num(amount) === undefined ? {} : { amount: num(amount) }),
        ...(unit ? { unit } : {}),
      };
    });
  const summed = new Map<string, Draw>();
  for (const d of fromSteps) {
    const seen = summed.get(d.code);
    summed.set(d.code, seen ? { ...seen, amount: (seen.amount ?? 0) + (d.amount ?? 0) } : { ...d });
  }
  return [...summed.values()];
}

function recipeMaterials(draws: Draw[], fleet: FleetMaterials, problems: string[], notes: Set<string>) {
  return draws.map((d) => {
    const typed = d.unit ? unitOf(d.unit) : null;
    if (d.unit && !typed)
      problems.push(`${d.code} is measured in "${d.unit}", which Opsdesk does not count in`);
    if (typed && typed.factor !== 1) notes.add(`an amount in ${d.unit} counted in ${typed.unit}`);
    const unit = typed?.unit ?? fleet.units.get(d.code);
    if (!unit && !d.unit) problems.push(`${d.code} has no unit and is no material of the original`);
    if (d.amount === undefined || d.amount <= 0) problems.push(`${d.code} has no amount`);
    const binIndex = d.binIndex ?? fleet.binOf(d.code);
    if (binIndex === undefined) problems.push(`${d.code} is in no machine's bin`);
    else if (d.binIndex === undefined)
      notes.add("its materials' bins taken from the machines that hold them");
    return {
      materialCode: d.code,
      binIndex: binIndex ?? 0,
      amount: (d.amount ?? 0) * (typed?.factor ?? 1),
      unit: unit ?? 'g',
    };
  });
}

/** Where a recipe failed Opsdesk's schema, in words (`step 2: its temperature is more than 100`). */
export function inWords(issue: z.core.$ZodIssue): string {
  const [where, index, field] = issue.path;
  const place =
    where === 'steps' && typeof index === 'number'
      ? `step ${index + 1}${field === undefined ? '' : `: its ${String(field)}`}`
      : where === 'materials' && typeof index === 'number'
        ? `material ${index + 1}${field === undefined ? '' : `: its ${String(field)}`}`
        : `its ${String(where ?? 'recipe')}`;
  const i = issue as { code: string; maximum?: unknown; minimum?: unknown; origin?: string };
  if (i.code === 'too_big')
    return `${place} ${i.origin === 'array' ? 'has more than' : i.origin === 'string' ? 'is longer than' : 'is more than'} ${String(i.maximum)}${i.origin === 'string' ? ' characters' : ''}`;
  if (i.code === 'too_small')
    return `${place} ${i.origin === 'array' ? 'has fewer than' : i.origin === 'string' ? 'is shorter than' : 'is less than'} ${String(i.minimum)}`;
  return `${place} is not what Opsdesk machines read (${issue.message})`;
}

/**
 * One of the original's recipes (`recipes.schema`, free JSON) as a recipe Opsdesk machines run, or
 * why it cannot be one, in words. It reads every shape the original's branches wrote:
 * - main's seed: `steps[{action, material, amount, unit, temperature, time, ratio}]`, `output`;
 * - its admin backend (`schemas/recipe.py`): `steps[{step_id, name, type, params, duration,
 *   temperature, materials}]`, `materials[{material_code, bin_index, amount, unit}]`, `prep_time`;
 * - its device agent's manifest: `steps[{action, bin, amount, unit, duration_ms, water_ml}]`,
 *   `materials{CODE: amount}`, `price`, `temperature: "hot"`.
 * Materials named by code only get the bin most machines hold them in (`fleet`).
 */
export function translateRecipe(
  name: string,
  version: string,
  schema: unknown,
  fleet: FleetMaterials,
): TranslatedRecipe {
  const notes = new Set<string>();
  if (!isObject(schema))
    return { draft: 'its JSON is no recipe (no steps, no materials)', recipe: null, notes: [] };
  const steps = Array.isArray(schema.steps) ? schema.steps.filter(isObject) : [];
  if (steps.length === 0) return { draft: 'it has no steps to run', recipe: null, notes: [] };
  const problems: string[] = [];
  const fromSteps: Draw[] = [];
  const translated = steps.map((s, i) => translateStep(s, i, problems, fromSteps));
  const draws = drawsOf(schema, fromSteps);
  if (draws.length === 0) problems.push('it draws no material from any bin');
  const materials = recipeMaterials(draws, fleet, problems, notes);
  if (num(schema.price) !== undefined)
    notes.add('its price is not part of a recipe (machines price their sales)');
  const prep = num(schema.prep_time);
  const candidate = {
    name: name.slice(0, 100),
    version: version.slice(0, 20),
    ...(typeof schema.description === 'string' ? { description: schema.description } : {}),
    ...(typeof schema.category === 'string' ? { category: schema.category } : {}),
    ...(prep === undefined ? {} : { prepTimeSeconds: Math.round(prep) }),
    steps: translated,
    materials,
  };
  if (name.length > 100) problems.push('its name is longer than 100 characters');
  if (version.length > 20) problems.push(`its version "${version}" is longer than 20 characters`);
  if (problems.length > 0) return { draft: problems.join('; '), recipe: candidate, notes: [...notes] };
  const parsed = recipeSchema.safeParse(candidate);
  if (!parsed.success)
    return { draft: parsed.error.issues.map(inWords).join('; '), recipe: candidate, notes: [...notes] };
  return { recipe: parsed.data, notes: [...notes] };
}
