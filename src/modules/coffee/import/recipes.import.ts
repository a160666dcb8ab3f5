import {
  booleanField,
  FieldProblem,
  type ImportModel,
  textField,
  uniqueRefusals,
} from '../../../core/imports/index.ts';
import { sha256Hex } from '../../../platform/ids/index.ts';
import type { CoffeeTables } from '../coffee.tables.ts';
import { canonicalJson, type Recipe, recipeSchema } from '../recipe.schema.ts';
import { jsonField } from './source-values.ts';

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => !!v && typeof v === 'object' && !Array.isArray(v);
const list = (v: unknown): Json[] => (Array.isArray(v) ? v.filter(isObject) : []);

/**
 * The original's recipe JSON (`schemas/recipe.py`: `steps[{step_id, name, type, params, duration,
 * temperature, materials}]`, `materials[{material_code, bin_index, amount, unit}]`, `prep_time`) in
 * Opsdesk's words for the same fields.
 */
export function recipeOf(name: string, version: string, schema: unknown): unknown {
  const s = isObject(schema) ? schema : {};
  return {
    name,
    version,
    ...(typeof s.description === 'string' ? { description: s.description } : {}),
    ...(typeof s.category === 'string' ? { category: s.category } : {}),
    ...(s.prep_time !== undefined && s.prep_time !== null ? { prepTimeSeconds: s.prep_time } : {}),
    steps: list(s.steps).map((step) => ({
      key: step.step_id === undefined ? undefined : String(step.step_id),
      name: step.name,
      type: step.type,
      params: step.params ?? {},
      ...(step.duration !== undefined && step.duration !== null ? { durationSeconds: step.duration } : {}),
      ...(step.temperature !== undefined && step.temperature !== null
        ? { temperature: step.temperature }
        : {}),
      ...(Array.isArray(step.materials) ? { materials: step.materials } : {}),
    })),
    materials: list(s.materials).map((m) => ({
      materialCode: m.material_code,
      binIndex: m.bin_index,
      amount: m.amount,
      unit: m.unit,
    })),
  };
}

export interface ImportedRecipe {
  version: number;
  recipe: Recipe;
}

/**
 * `recipes` → a recipe package of its own (as the original deploys one recipe per `RecipePackage`),
 * numbered after the organization's latest package, ready for a rollout. A recipe whose JSON Opsdesk
 * cannot run (no step types, no bins for its materials) is refused with the field at fault; a
 * disabled one is skipped.
 */
export const recipesImport: ImportModel<ImportedRecipe> = {
  model: 'coffee.recipe',
  label: 'recipes',
  table: { name: 'recipes' },
  async begin(ctx) {
    const latest = await ctx.db
      .withTables<CoffeeTables>()
      .selectFrom('coffee_recipe_package')
      .select((eb) => eb.fn.max('version').as('v'))
      .executeTakeFirst();
    let next = Number(latest?.v ?? 0) + 1;
    return {
      parse({ fields: f }) {
        if (booleanField(f, 'enabled') === false) return { skipped: 'disabled in the original' };
        const parsed = recipeSchema.safeParse(
          recipeOf(
            textField(f, 'name', { required: true, max: 100 })!,
            textField(f, 'version', { required: true, max: 20 })!,
            jsonField(f, 'schema'),
          ),
        );
        if (!parsed.success) {
          const issue = parsed.error.issues[0]!;
          throw new FieldProblem('schema', `${issue.path.join('.') || 'recipe'}: ${issue.message}`);
        }
        return { row: { version: next++, recipe: parsed.data } };
      },
      async write(tx, rows) {
        const inserted = await tx.db
          .withTables<CoffeeTables>()
          .insertInto('coffee_recipe_package')
          .values(
            rows.map((r) => {
              const body = canonicalJson([r.recipe]);
              return { version: r.version, recipes: body, checksum: sha256Hex(body) };
            }),
          )
          .returning('id')
          .execute();
        return inserted.map((r) => r.id);
      },
      refusalOf: uniqueRefusals({
        coffee_recipe_package_org_id_version_key:
          'version: a recipe package took this version while the import ran; run it again',
      }),
    };
  },
};
