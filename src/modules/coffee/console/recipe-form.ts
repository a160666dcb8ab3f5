/**
 * The recipe editor's form model: recipes as the editor shows them (steps and materials as JSON
 * text), to and from the package's JSON, and server field paths (`recipes.0.steps.1.type`) placed
 * on the editor's fields. Pure: no React.
 */
export interface RecipeForm {
  name: string;
  version: string;
  category: string;
  description: string;
  prepTimeSeconds: string;
  steps: string;
  materials: string;
}
export type RecipeField = keyof RecipeForm;

const FIELDS: Record<string, RecipeField> = {
  name: 'name',
  version: 'version',
  category: 'category',
  description: 'description',
  prepTimeSeconds: 'prepTimeSeconds',
  steps: 'steps',
  materials: 'materials',
};

const json = (value: unknown) => JSON.stringify(value ?? [], null, 2);

export const emptyRecipe = (): RecipeForm => ({
  name: '',
  version: '1',
  category: '',
  description: '',
  prepTimeSeconds: '',
  steps: json([{ key: 's1', name: 'Brew', type: 'brew', params: {}, durationSeconds: 25 }]),
  materials: json([{ materialCode: 'BEANS', binIndex: 0, amount: 18, unit: 'g' }]),
});

/** A recipe of a package (or an uploaded file) in the editor's fields. */
export function toForm(recipe: Record<string, unknown>): RecipeForm {
  const text = (v: unknown) => (v === undefined || v === null ? '' : String(v));
  return {
    name: text(recipe.name),
    version: text(recipe.version),
    category: text(recipe.category),
    description: text(recipe.description),
    prepTimeSeconds: text(recipe.prepTimeSeconds),
    steps: json(recipe.steps),
    materials: json(recipe.materials),
  };
}

/** The recipes in an uploaded file: `{ "recipes": [...] }` or the list itself; undefined otherwise. */
export function recipesOfFile(parsed: unknown): Record<string, unknown>[] | undefined {
  const list = Array.isArray(parsed) ? parsed : (parsed as { recipes?: unknown } | null)?.recipes;
  if (!Array.isArray(list) || list.some((r) => !r || typeof r !== 'object' || Array.isArray(r)))
    return undefined;
  return list as Record<string, unknown>[];
}

/**
 * The request body of the forms, or the fields whose JSON does not parse (`"0.steps"`). Numbers
 * typed as text go as numbers when they are numbers, else as typed, so the server names the field.
 */
export function toBody(forms: RecipeForm[]): { recipes: unknown[] } | { badJson: string[] } {
  const badJson: string[] = [];
  const parse = (i: number, field: RecipeField, text: string) => {
    try {
      return JSON.parse(text) as unknown;
    } catch {
      badJson.push(`${i}.${field}`);
      return undefined;
    }
  };
  const recipes = forms.map((f, i) => {
    const prep = f.prepTimeSeconds.trim();
    return {
      name: f.name,
      version: f.version,
      ...(f.category ? { category: f.category } : {}),
      ...(f.description ? { description: f.description } : {}),
      ...(prep ? { prepTimeSeconds: Number.isFinite(Number(prep)) ? Number(prep) : prep } : {}),
      steps: parse(i, 'steps', f.steps),
      materials: parse(i, 'materials', f.materials),
    };
  });
  return badJson.length ? { badJson } : { recipes };
}

/**
 * Where a server field path lands: `recipes.0.steps.1.type` → recipe 0, field `steps`, inside
 * `[1].type`; `recipes` (the list itself) → no recipe.
 */
export function placeIssue(path: string): { recipe?: number; field?: RecipeField; inside: string } {
  const parts = path.replace(/^body\./, '').split('.');
  if (parts[0] !== 'recipes' || parts.length < 2) return { inside: path };
  const recipe = Number(parts[1]);
  const field = parts[2] ? FIELDS[parts[2]] : undefined;
  const inside = parts
    .slice(3)
    .map((p) => (/^\d+$/.test(p) ? `[${p}]` : `.${p}`))
    .join('')
    .replace(/^\./, '');
  return { recipe, ...(field ? { field } : {}), inside };
}
