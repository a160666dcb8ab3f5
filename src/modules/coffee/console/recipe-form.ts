/**
 * The recipe editor's form model (issue 41, item 16): a recipe's fields as typed, its steps and
 * materials as rows of fields, to and from the package's JSON, and server field paths
 * (`recipes.0.steps.1.type`) placed on the field they name. Pure: no React.
 */
export const STEP_TYPES = ['dispense', 'grind', 'brew', 'heat', 'froth', 'mix', 'wait'] as const;
export const UNITS = ['g', 'ml', 'pcs'] as const;

export interface StepRow {
  key: string;
  name: string;
  type: string;
  durationSeconds: string;
  temperature: string;
  /** What the form has no field for (params, the materials a step draws): kept as loaded, edited as JSON. */
  rest: Record<string, unknown>;
}
export interface MaterialRow {
  materialCode: string;
  binIndex: string;
  amount: string;
  unit: string;
}
export interface RecipeForm {
  name: string;
  version: string;
  category: string;
  description: string;
  prepTimeSeconds: string;
  steps: StepRow[];
  materials: MaterialRow[];
}
export type RecipeField = Exclude<keyof RecipeForm, 'steps' | 'materials'>;
export type StepField = Exclude<keyof StepRow, 'rest'>;
export type MaterialField = keyof MaterialRow;

const text = (v: unknown) => (v === undefined || v === null ? '' : String(v));

export const emptyStep = (n = 1): StepRow => ({
  key: `s${n}`,
  name: '',
  type: 'brew',
  durationSeconds: '',
  temperature: '',
  rest: { params: {} },
});
export const emptyMaterial = (): MaterialRow => ({ materialCode: '', binIndex: '0', amount: '', unit: 'g' });

export const emptyRecipe = (): RecipeForm => ({
  name: '',
  version: '1',
  category: '',
  description: '',
  prepTimeSeconds: '',
  steps: [{ ...emptyStep(), name: 'Brew', durationSeconds: '25' }],
  materials: [{ materialCode: 'BEANS', binIndex: '0', amount: '18', unit: 'g' }],
});

const list = (v: unknown) =>
  (Array.isArray(v) ? v : []).map((x) => (x && typeof x === 'object' ? (x as Record<string, unknown>) : {}));

/** A recipe of a package (or an uploaded file) in the editor's fields. */
export function toForm(recipe: Record<string, unknown>): RecipeForm {
  return {
    name: text(recipe.name),
    version: text(recipe.version),
    category: text(recipe.category),
    description: text(recipe.description),
    prepTimeSeconds: text(recipe.prepTimeSeconds),
    steps: list(recipe.steps).map(({ key, name, type, durationSeconds, temperature, ...rest }) => ({
      key: text(key),
      name: text(name),
      type: text(type),
      durationSeconds: text(durationSeconds),
      temperature: text(temperature),
      rest,
    })),
    materials: list(recipe.materials).map((m) => ({
      materialCode: text(m.materialCode),
      binIndex: text(m.binIndex),
      amount: text(m.amount),
      unit: text(m.unit),
    })),
  };
}

/** The recipes in an uploaded file: `{ "recipes": [...] }` or the list itself; undefined otherwise. */
export function recipesOfFile(parsed: unknown): Record<string, unknown>[] | undefined {
  const found = Array.isArray(parsed) ? parsed : (parsed as { recipes?: unknown } | null)?.recipes;
  if (!Array.isArray(found) || found.some((r) => !r || typeof r !== 'object' || Array.isArray(r)))
    return undefined;
  return found as Record<string, unknown>[];
}

/** A number typed as text: a number when it is one, else as typed (the server names the field); empty leaves it out. */
const num = (v: string) => {
  const t = v.trim();
  if (!t) return undefined;
  return Number.isFinite(Number(t)) ? Number(t) : t;
};
const optional = (name: string, value: unknown) =>
  value === undefined || value === '' ? {} : { [name]: value };

/** One recipe as the package's JSON. */
export function toRecipe(f: RecipeForm): Record<string, unknown> {
  return {
    name: f.name,
    version: f.version,
    ...optional('category', f.category),
    ...optional('description', f.description),
    ...optional('prepTimeSeconds', num(f.prepTimeSeconds)),
    steps: f.steps.map((s) => ({
      ...s.rest,
      key: s.key,
      name: s.name,
      type: s.type,
      ...optional('durationSeconds', num(s.durationSeconds)),
      ...optional('temperature', num(s.temperature)),
    })),
    materials: f.materials.map((m) => ({
      materialCode: m.materialCode,
      binIndex: num(m.binIndex) ?? '',
      amount: num(m.amount) ?? '',
      unit: m.unit,
    })),
  };
}

/** The request body of the forms. */
export const toBody = (forms: RecipeForm[]) => ({ recipes: forms.map(toRecipe) });

/** The forms as the advanced view's JSON, and back (undefined when the text is not a recipe list). */
export const toJson = (forms: RecipeForm[]) => JSON.stringify(toBody(forms).recipes, null, 2);
export function fromJson(text: string): RecipeForm[] | undefined {
  try {
    return recipesOfFile(JSON.parse(text))?.map(toForm);
  } catch {
    return undefined;
  }
}

/**
 * Where a server field path lands, as the editor's field key: `recipes.0.steps.1.type` →
 * `0.steps.1.type` (recipe 0, step row 1, its type); `recipes.0.name` → `0.name`; a path deeper
 * than a row's field (`recipes.0.steps.1.params.x`) lands on the row's field (`0.steps.1.params`)
 * with the rest as `inside`; `recipes` (the list itself) → no recipe.
 */
export function placeIssue(path: string): { recipe?: number; key?: string; inside: string } {
  const parts = path.replace(/^body\./, '').split('.');
  if (parts[0] !== 'recipes' || parts.length < 2) return { inside: path };
  const recipe = Number(parts[1]);
  const [field, row, col, ...deeper] = parts.slice(2);
  if (!field) return { recipe, inside: '' };
  if (field !== 'steps' && field !== 'materials') return { recipe, key: `${recipe}.${field}`, inside: '' };
  if (row === undefined) return { recipe, key: `${recipe}.${field}`, inside: '' };
  if (col === undefined) return { recipe, key: `${recipe}.${field}.${row}`, inside: '' };
  return { recipe, key: `${recipe}.${field}.${row}.${col}`, inside: deeper.join('.') };
}
