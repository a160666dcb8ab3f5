import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { passLinkParam, passLinkVersion } from '../../core/pass-issuer/index.ts';
import { routeOptions } from '../../platform/http/index.ts';
import { MEAL_PASS_LINK_SCOPE, mealPassOf } from './meal-pass.ts';
import { MessErrors } from './mess.errors.ts';
import type { MessRuntime } from './mess.runtime.ts';
import type { MessTables } from './mess.tables.ts';

const op = routeOptions(['mess']);

/**
 * The meal pass a student without Telegram opens from their approval SMS (issue 65), without signing
 * in: the QR the counter scans, at the pass version the link names. A link from before a re-issued
 * pass, of a student no longer approved, or with a wrong hash answers 404, the same for each.
 */
export const passLinkRoutes =
  ({ deps, secretKey }: MessRuntime): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      '/public/mess/pass/:id/:link',
      op(
        { public: true, rateLimit: { max: 30, timeWindow: 60_000 }, refuses: [404] },
        "A student's meal pass (the QR as a PNG), opened from the link of their approval SMS",
        { params: z.object({ id: z.string().uuid(), link: passLinkParam }) },
      ),
      async (req, reply) => {
        const version = passLinkVersion(secretKey, MEAL_PASS_LINK_SCOPE, req.params.id, req.params.link);
        const row =
          version === undefined
            ? undefined
            : await deps.database.db
                .withTables<MessTables>()
                .selectFrom('mess_student')
                .select(['org_id', 'status'])
                .where('id', '=', req.params.id)
                .executeTakeFirst();
        if (row?.status !== 'approved') throw MessErrors.student_not_found({ id: req.params.id });
        const ctx = await req.actIn(row.org_id, { type: 'system', id: null, label: 'mess.pass-link' });
        const pass = await mealPassOf(ctx, { secretKey, studentId: req.params.id });
        if (pass.passVersion !== version) throw MessErrors.student_not_found({ id: req.params.id });
        return reply
          .type('image/png')
          .header('content-disposition', 'inline; filename="meal-pass.png"')
          .header('cache-control', 'no-store')
          .send(Buffer.from(pass.png));
      },
    );
  };
