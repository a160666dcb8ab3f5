import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { sendCreated } from '../../core/idempotency/index.ts';
import { routeOptions } from '../../platform/http/index.ts';
import { idParams, rolloutReviewSchema, rolloutSchema, tag } from './coffee.contract.ts';
import { CoffeeErrors } from './coffee.errors.ts';
import type { CoffeeRuntime } from './coffee.runtime.ts';
import type { CoffeeTables } from './coffee.tables.ts';
import { newPackageSchema, recipeSchema } from './recipe.schema.ts';
import { resumeRollout, reviewRollout } from './rollout-review.ts';
import { continueRollout, createRecipePackage, rollBack, startRollout } from './rollouts.ts';

const op = routeOptions(['coffee recipes']);
const packageSchema = z.object({ id: z.string(), version: z.number(), checksum: z.string() });
const toRollout = (r: Record<string, unknown>) => ({
  id: String(r.id),
  packageId: String(r.package_id),
  tag: String(r.tag),
  canaryPercent: Number(r.canary_percent),
  status: r.status as z.infer<typeof rolloutSchema>['status'],
  canaryBatchId: String(r.canary_batch_id),
  restBatchId: (r.rest_batch_id as string | null) ?? null,
  previousPackageId: (r.previous_package_id as string | null) ?? null,
});

/** Recipe packages (validated, versioned, checksummed) and staged rollouts with rollback. */
export const recipeRoutes =
  (rt: CoffeeRuntime): FastifyPluginAsyncZod =>
  async (app) => {
    app.post(
      '/api/coffee/recipe-packages',
      op(
        { permission: 'coffee.recipe.manage', refuses: [409, 422] },
        'A new recipe package version (each recipe checked against the recipe schema)',
        { body: newPackageSchema, response: { 201: packageSchema } },
      ),
      async (req, reply) =>
        sendCreated(req, reply, { scope: 'coffee.package.create' }, async (tx) => {
          const p = await createRecipePackage(tx, req.body.recipes);
          return { id: p.id, version: p.version, checksum: p.checksum };
        }),
    );
    app.post(
      '/api/coffee/recipe-packages/check',
      op(
        'coffee.recipe.manage',
        'Check recipes against the package schema without saving them (an uploaded file before it is published)',
        { body: newPackageSchema, response: { 200: z.object({ recipes: z.number() }) } },
      ),
      async (req) => ({ recipes: req.body.recipes.length }),
    );
    app.get(
      '/api/coffee/recipe-packages/:id',
      op(
        { permission: 'coffee.recipe.read', refuses: [404] },
        'A recipe package with its recipes (the editor starts the next version from it)',
        {
          params: idParams,
          response: {
            200: packageSchema.extend({ recipes: z.array(recipeSchema), createdAt: z.iso.datetime() }),
          },
        },
      ),
      async (req) => {
        const p = await req.ctx.db
          .withTables<CoffeeTables>()
          .selectFrom('coffee_recipe_package')
          .selectAll()
          .where('id', '=', req.params.id)
          .executeTakeFirst();
        if (!p) throw CoffeeErrors.package_not_found({ id: req.params.id });
        return {
          id: p.id,
          version: p.version,
          checksum: p.checksum,
          recipes: z.array(recipeSchema).parse(p.recipes),
          createdAt: p.created_at.toISOString(),
        };
      },
    );
    app.get(
      '/api/coffee/rollouts/:id/review',
      op(
        { permission: 'coffee.recipe.read', refuses: [404] },
        'A rollout moved on and explained: its stages, the machines that failed and what they answered',
        { params: idParams, response: { 200: rolloutReviewSchema } },
      ),
      async (req) => reviewRollout(req.ctx, rt, req.params.id),
    );
    app.post(
      '/api/coffee/rollouts/:id/resume',
      op(
        { permission: 'coffee.recipe.manage', refuses: [404, 409] },
        "Resume an aborted rollout: its stage's failed and cancelled commands are sent again under the same threshold",
        { params: idParams, response: { 200: rolloutReviewSchema } },
      ),
      async (req) => {
        await resumeRollout(req.ctx, rt, req.params.id);
        return reviewRollout(req.ctx, rt, req.params.id);
      },
    );
    app.post(
      '/api/coffee/rollouts/:id/continue',
      op(
        { permission: 'coffee.recipe.manage', refuses: [404, 409] },
        'Continue a rollout held at its canary (some canary machines failed, within the threshold): the rest get the package',
        { params: idParams, response: { 200: rolloutReviewSchema } },
      ),
      async (req) => {
        await continueRollout(req.ctx, rt, req.params.id);
        return reviewRollout(req.ctx, rt, req.params.id);
      },
    );
    app.post(
      '/api/coffee/rollouts',
      op(
        { permission: 'coffee.recipe.manage', refuses: [404, 422] },
        'Roll a package out to a tag: the canary share first; once every canary machine answered, the rest, a hold or an abort',
        {
          body: z.object({
            packageId: z.string().uuid(),
            tag,
            canaryPercent: z.number().int().min(1).max(100),
            abortAtFailurePercent: z.number().int().min(1).max(100),
          }),
          response: { 201: rolloutSchema },
        },
      ),
      async (req, reply) =>
        sendCreated(req, reply, { scope: 'coffee.rollout.start' }, async (tx) =>
          toRollout(await startRollout(tx, rt, req.body)),
        ),
    );
    app.get(
      '/api/coffee/rollouts/:id',
      op({ permission: 'coffee.recipe.read', refuses: [404] }, 'A rollout and its stage', {
        params: idParams,
        response: { 200: rolloutSchema },
      }),
      async (req) => {
        const r = await req.ctx.db
          .withTables<CoffeeTables>()
          .selectFrom('coffee_rollout')
          .selectAll()
          .where('id', '=', req.params.id)
          .executeTakeFirst();
        if (!r) throw CoffeeErrors.rollout_not_found({ id: req.params.id });
        return toRollout(r);
      },
    );
    app.post(
      '/api/coffee/rollouts/:id/rollback',
      op(
        { permission: 'coffee.recipe.manage', refuses: [404, 409, 422] },
        'Roll the tag back to the version it ran before (a new rollout to all its devices); accepts Idempotency-Key',
        { params: idParams, response: { 201: rolloutSchema } },
      ),
      // A retried rollback answers the first one: without the key it would start a second rollout.
      async (req, reply) =>
        sendCreated(
          req,
          reply,
          { scope: 'coffee.rollout.rollback', request: { rolloutId: req.params.id } },
          async (tx) => toRollout(await rollBack(tx, rt, req.params.id)),
        ),
    );
  };
