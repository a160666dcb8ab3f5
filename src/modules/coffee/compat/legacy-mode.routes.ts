import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { routeOptions } from '../../../platform/http/index.ts';
import { idParams } from '../coffee.contract.ts';
import type { CoffeeRuntime } from '../coffee.runtime.ts';
import { setLegacyMode } from './legacy-mode.ts';

const op = routeOptions(['coffee']);

/** The owner's switch of a machine's legacy mode (calls without a token on the v1 device paths). */
export const legacyModeRoutes =
  (rt: CoffeeRuntime): FastifyPluginAsyncZod =>
  async (app) => {
    app.put(
      '/api/coffee/devices/:id/legacy-mode',
      op(
        { permission: 'coffee.device.manage', refuses: [404, 409] },
        "Switch legacy mode: on, the original firmware's v1 device paths take this machine's calls without a token, by serial (audited; warned about until off)",
        {
          params: idParams,
          body: z.object({ enabled: z.boolean() }),
          response: {
            200: z.object({ id: z.string(), legacyTokenless: z.boolean(), since: z.string().nullable() }),
          },
        },
      ),
      async (req) => {
        const r = await setLegacyMode(req.ctx, rt, req.params.id, req.body.enabled);
        return {
          id: r.id,
          legacyTokenless: r.legacyTokenlessSince !== null,
          since: r.legacyTokenlessSince?.toISOString() ?? null,
        };
      },
    );
  };
