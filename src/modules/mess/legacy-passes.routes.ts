import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { routeOptions } from '../../platform/http/index.ts';
import { legacyPassesBody, legacyPassesSchema, legacyStudentsBody } from './legacy-passes.contract.ts';
import { changeLegacyPasses, legacyPassesOf, recordLegacyStudents } from './legacy-passes.ts';
import type { MessRuntime } from './mess.runtime.ts';

/**
 * The transition from the original system's QR passes: the owner sets its old QR_SECRET and the last
 * day they open the mess. `opsdesk import mess` keeps the secret (its question `qrSecret`) and which
 * student each old pass names; the route linking students by hand stays for clients that used it.
 * New passes for every approved student are the pass run (`POST /api/mess/pass-runs`).
 */
export const legacyPassRoutes =
  (rt: MessRuntime): FastifyPluginAsyncZod =>
  async (app) => {
    const op = routeOptions(['mess']);
    app.get(
      '/api/mess/legacy-passes',
      op(
        'mess.setup.read',
        "The original system's QR passes: whether they open the mess, until when, and their scans",
        { response: { 200: legacyPassesSchema } },
      ),
      async (req) => legacyPassesOf(req.ctx, rt),
    );
    app.put(
      '/api/mess/legacy-passes',
      op(
        { permission: 'mess.setup.update', refuses: [400] },
        "Set the original's QR_SECRET (write-only) and the last day its passes open the mess",
        { body: legacyPassesBody, response: { 200: legacyPassesSchema } },
      ),
      async (req) => changeLegacyPasses(req.ctx, rt, req.body),
    );
    app.post(
      '/api/mess/legacy-passes/students',
      op(
        { permission: 'mess.student.create', refuses: [400] },
        'Link original student ids to students here by hand, with their pass nonce and version (the import does it itself; safe to send again)',
        { body: legacyStudentsBody, response: { 200: z.object({ recorded: z.number().int() }) } },
      ),
      async (req) => recordLegacyStudents(req.ctx, req.body.students),
    );
  };
