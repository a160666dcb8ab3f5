import type { Ctx } from '../../../core/context/index.ts';
import { booleanField, type ImportModel, textField, uniqueRefusals } from '../../../core/imports/index.ts';
import { sha256Hex } from '../../../platform/ids/index.ts';
import type { CoffeeTables } from '../coffee.tables.ts';
import { canonicalJson, type Recipe } from '../recipe.schema.ts';
import { type FleetMaterials, translateRecipe } from './original-recipes.rules.ts';
import { jsonField } from './source-values.ts';

/** A recipe that runs (a package of its own), or a draft with why it cannot run yet. */
export type ImportedRecipe =
  | { kind: 'package'; recipe: Recipe }
  | { kind: 'draft'; name: string; version: string; reason: string; original: unknown; recipe: unknown };

const tables = (tx: Ctx) => tx.db.withTables<CoffeeTables>();

/** New packages, numbered after the organization's latest, in order; their ids. */
async function insertPackages(tx: Ctx, recipes: Recipe[]): Promise<string[]> {
  if (recipes.length === 0) return [];
  const latest = await tables(tx)
    .selectFrom('coffee_recipe_package')
    .select((eb) => eb.fn.max('version').as('v'))
    .executeTakeFirst();
  const first = Number(latest?.v ?? 0) + 1;
  const inserted = await tables(tx)
    .insertInto('coffee_recipe_package')
    .values(
      recipes.map((r, i) => {
        const body = canonicalJson([r]);
        return { version: first + i, recipes: body, checksum: sha256Hex(body) };
      }),
    )
    .returning('id')
    .execute();
  return inserted.map((r) => r.id);
}

const draftValues = (d: Extract<ImportedRecipe, { kind: 'draft' }>) => ({
  name: d.name,
  version: d.version,
  reason: d.reason.slice(0, 1000),
  original: d.original === null || d.original === undefined ? null : JSON.stringify(d.original),
  recipe: d.recipe === null || d.recipe === undefined ? null : JSON.stringify(d.recipe),
});

/**
 * A package whose recipe changed in the original since it came over: rewritten in place while no
 * rollout has sent it to a machine; once one has, the change is a new version (packages on machines
 * never change under them).
 */
async function updatePackage(tx: Ctx, id: string, recipe: Recipe): Promise<void> {
  const rolled = await tables(tx)
    .selectFrom('coffee_rollout')
    .select('id')
    .where('package_id', '=', id)
    .executeTakeFirst();
  if (rolled) {
    await insertPackages(tx, [recipe]);
    return;
  }
  const body = canonicalJson([recipe]);
  await tables(tx)
    .updateTable('coffee_recipe_package')
    .set({ recipes: body, checksum: sha256Hex(body) })
    .where('id', '=', id)
    .execute();
}

/** A recipe brought again: its package or draft follows what it became in the original. */
async function updateRecipe(tx: Ctx, id: string, row: ImportedRecipe): Promise<void> {
  const draft = await tables(tx)
    .selectFrom('coffee_recipe_draft')
    .select(['id', 'package_id'])
    .where('id', '=', id)
    .executeTakeFirst();
  if (row.kind === 'draft') {
    if (draft)
      await tables(tx)
        .updateTable('coffee_recipe_draft')
        .set({ ...draftValues(row), updated_at: tx.clock.now() })
        .where('id', '=', id)
        .execute();
    // a recipe that ran and cannot any more: its package stays; the new state waits as a draft
    else
      await tables(tx)
        .insertInto('coffee_recipe_draft')
        .values({ ...draftValues(row), reason: `changed in the original since its package: ${row.reason}` })
        .execute();
    return;
  }
  if (!draft) return updatePackage(tx, id, row.recipe);
  if (draft.package_id) return updatePackage(tx, draft.package_id, row.recipe);
  const [packageId] = await insertPackages(tx, [row.recipe]);
  await tables(tx)
    .updateTable('coffee_recipe_draft')
    .set({ package_id: packageId!, reason: 'runs now: it became a package', updated_at: tx.clock.now() })
    .where('id', '=', id)
    .execute();
}

/**
 * `recipes` → a recipe package of its own (as the original deploys one recipe per `RecipePackage`),
 * numbered after the organization's latest, ready for a rollout, whatever shape its JSON has
 * (`original-recipes.rules.ts`). A recipe Opsdesk machines cannot run as it is (an action they do
 * not know, a material in no bin, no steps) or that the original switched off comes over as a
 * draft with the reason in words, flagged for a person; nothing is refused.
 */
export function recipesImport(fleet: FleetMaterials): ImportModel<ImportedRecipe> {
  return {
    model: 'coffee.recipe',
    label: 'recipes',
    table: { name: 'recipes' },
    async begin() {
      return {
        parse({ fields: f }) {
          const name = textField(f, 'name', { required: true, max: 255 })!;
          const version = textField(f, 'version', { max: 50 }) ?? '';
          const original = jsonField(f, 'schema');
          const translated = translateRecipe(name, version, original, fleet);
          const off = booleanField(f, 'enabled') === false;
          if ('recipe' in translated && !('draft' in translated) && !off)
            return { row: { kind: 'package', recipe: translated.recipe }, notes: translated.notes };
          const reason = [
            ...(off ? ['switched off in the original: kept as a draft, in no package'] : []),
            ...('draft' in translated
              ? [`Opsdesk machines cannot run it as it is: ${translated.draft}`]
              : []),
          ].join('; ');
          return {
            row: {
              kind: 'draft',
              name,
              version,
              reason,
              original,
              recipe: translated.recipe,
            },
            flags: [{ field: 'schema', reason: `came over as a draft: ${reason}` }],
            notes: translated.notes,
          };
        },
        async write(tx, rows) {
          const packages = await insertPackages(
            tx,
            rows.flatMap((r) => (r.kind === 'package' ? [r.recipe] : [])),
          );
          const drafts = rows.flatMap((r) => (r.kind === 'draft' ? [r] : []));
          const draftIds =
            drafts.length === 0
              ? []
              : (
                  await tables(tx)
                    .insertInto('coffee_recipe_draft')
                    .values(drafts.map(draftValues))
                    .returning('id')
                    .execute()
                ).map((d) => d.id);
          return rows.map((r) => (r.kind === 'package' ? packages.shift()! : draftIds.shift()!));
        },
        async update(tx, rows) {
          for (const { id, row } of rows) await updateRecipe(tx, id, row);
        },
        refusalOf: uniqueRefusals({
          coffee_recipe_package_org_id_version_key:
            'version: a recipe package took this version while the import ran; run it again',
        }),
      };
    },
  };
}
