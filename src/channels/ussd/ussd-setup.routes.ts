import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { publicBaseUrl, routeOptions } from '../../platform/http/index.ts';
import { rotateUssdCallbackUrl, ussdCallbackUrl } from './ussd-callback.ts';

const op = routeOptions(['ussd']);
const setup = { 200: z.object({ callbackUrl: z.string() }) };

/**
 * The callback URL an owner gives Africa's Talking for the organization's USSD service code: its slug
 * and a key of its own, which the owner rotates when the URL may have leaked.
 */
export const ussdSetupRoutes: FastifyPluginAsyncZod<{
  secretKey: string;
  publicUrl: string | undefined;
}> = async (app, { secretKey, publicUrl }) => {
  app.get(
    '/api/ussd/setup',
    op('platform.settings.update', 'The USSD callback URL of this organization', { response: setup }),
    async (req) => ({
      callbackUrl: await ussdCallbackUrl(req.ctx, secretKey, publicBaseUrl(req, publicUrl)),
    }),
  );
  app.post(
    '/api/ussd/setup/rotate',
    op(
      'platform.callback_key.rotate',
      'A new USSD callback URL for this organization: the one before is refused from now on',
      { response: setup },
    ),
    async (req) => ({
      callbackUrl: await rotateUssdCallbackUrl(req.ctx, secretKey, publicBaseUrl(req, publicUrl)),
    }),
  );
};
