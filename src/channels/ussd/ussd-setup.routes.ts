import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { getOrganization } from '../../core/orgs/index.ts';
import { routeOptions } from '../../platform/http/index.ts';
import { ussdCallbackKey } from './ussd.routes.ts';

const op = routeOptions(['ussd']);

/** The callback URL an owner gives Africa's Talking for the organization's USSD service code. */
export const ussdSetupRoutes: FastifyPluginAsyncZod<{
  secretKey: string;
  publicUrl: string | undefined;
}> = async (app, { secretKey, publicUrl }) => {
  app.get(
    '/api/ussd/setup',
    op('platform.settings.update', 'The USSD callback URL of this organization', {
      response: { 200: z.object({ callbackUrl: z.string() }) },
    }),
    async (req) => {
      const org = await getOrganization(req.ctx);
      const base = (publicUrl ?? '').replace(/\/+$/, '');
      return {
        callbackUrl: `${base}/webhooks/ussd/africastalking/${org.slug}/${ussdCallbackKey(secretKey)}`,
      };
    },
  );
};
