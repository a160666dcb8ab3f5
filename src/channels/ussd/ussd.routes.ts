import type { FastifyError, FastifyReply } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AreaDeps } from '../../core/modules/index.ts';
import { PlatformErrors } from '../../platform/errors/index.ts';
import { routeOptions } from '../../platform/http/index.ts';
import type { UssdConfig } from './ussd.config.ts';
import { readUssdRequest, USSD_TEXT_MAX } from './ussd.rules.ts';
import { organizationOfUssdCallback } from './ussd-callback.ts';
import { ussdLimits } from './ussd-limits.ts';
import { answerUssdScreen, channelEndScreen } from './ussd-screen.ts';

const op = routeOptions(['webhooks']);
const params = z.object({ org: z.string().max(64), key: z.string().max(100) });
/**
 * The gateway's form is a few hundred bytes (`USSD_TEXT_MAX` characters of text, percent-encoded, and
 * four short fields): a larger body is cut off unread and answered `END`.
 */
export const USSD_BODY_LIMIT_BYTES = 4096;
/**
 * Requests from one address a minute, whatever their key or organization, before they are read
 * (429): never below one organization's own screen limit (`ussd.config.ts`), which answers `END` once
 * the form is read.
 */
const rateLimitOf = (config: UssdConfig) => ({
  max: Math.max(6000, config.USSD_SCREENS_PER_ADDRESS_PER_MINUTE),
  timeWindow: 60_000,
});

const answer = (reply: FastifyReply, text: string) => reply.status(200).type('text/plain').send(text);

/**
 * Africa's Talking's USSD callback for one organization: its slug and its own callback key in the
 * path (the gateway signs nothing), refused 403 alike for a wrong key and a slug naming no
 * organization. Each screen within the limits of its phone and gateway address runs the
 * organization's USSD flow (`answerUssdScreen`); the others, and a text longer than a person types,
 * are answered `END` in the organization's language, since the gateway shows the person the body.
 */
export const ussdRoutes: FastifyPluginAsyncZod<{ deps: AreaDeps; config: UssdConfig }> = async (
  app,
  { deps, config },
) => {
  const limits = ussdLimits(config, deps.clock);
  const organizationOf = async (url: unknown) => {
    const named = params.safeParse(url);
    const org = named.success
      ? await organizationOfUssdCallback(deps.database.db, deps.config.OPSDESK_SECRET_KEY, named.data)
      : undefined;
    if (!org) throw PlatformErrors.forbidden({ field: 'key' });
    return { org, language: org.languages[0] ?? 'en' };
  };
  // A body past the limit is refused by Fastify before the handler: answered END to the gateway
  // (its key checked first), every other error as the app answers it.
  const bodyTooLarge = async (error: FastifyError, req: { params: unknown }, reply: FastifyReply) => {
    if (error.code !== 'FST_ERR_CTP_BODY_TOO_LARGE') throw error;
    return answer(reply, channelEndScreen((await organizationOf(req.params)).language, 'too_long'));
  };
  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_req, body, done) => {
    done(null, Object.fromEntries(new URLSearchParams(String(body))));
  });
  app.post(
    '/webhooks/ussd/africastalking/:org/:key',
    op(
      { public: true, rateLimit: rateLimitOf(config), refuses: [403] },
      'A USSD screen (Africa’s Talking: sessionId, phoneNumber, text)',
      { params },
      { bodyLimit: USSD_BODY_LIMIT_BYTES, errorHandler: bodyTooLarge },
    ),
    async (req, reply) => {
      const { org, language } = await organizationOf(req.params);
      const request = readUssdRequest((req.body ?? {}) as Record<string, unknown>);
      if (!request) return answer(reply, channelEndScreen(language, 'unavailable'));
      if (request.text.length > USSD_TEXT_MAX) return answer(reply, channelEndScreen(language, 'too_long'));
      const caller = {
        orgId: org.id,
        phone: request.phoneNumber,
        address: req.ip,
        newSession: request.text === '',
      };
      if (!limits.admit(caller)) return answer(reply, channelEndScreen(language, 'limited'));
      return answer(
        reply,
        await answerUssdScreen(deps, config.USSD_ANSWER_DEADLINE_MS, { org, request, log: req.log }),
      );
    },
  );
};
