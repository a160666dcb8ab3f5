import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { PlatformErrors } from '../../platform/errors/index.ts';
import { routeOptions } from '../../platform/http/index.ts';
import { isSmsCallbackKey } from './sms.accounts.ts';
import type { SmsProvider } from './sms.provider.ts';
import { keywordOf, recordOptOut, type SmsReportDeps, settleSmsReport } from './sms-reports.ts';

const op = routeOptions(['webhooks']);
const params = z.object({ provider: z.string().max(40), key: z.string().max(100) });
const rateLimit = { max: 6000, timeWindow: 60_000 };

/**
 * The provider's callbacks, each under the deployment's callback key (`smsCallbackKey`; Africa's
 * Talking signs nothing): delivery reports, incoming texts (STOP, START) and its opt-out notices.
 * Every one is answered 200 once handled, known or not (no probing); a wrong key is refused 403.
 */
export const smsRoutes: FastifyPluginAsyncZod<
  SmsReportDeps & { secretKey: string; providers: ReadonlyArray<SmsProvider> }
> = async (app, deps) => {
  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_req, body, done) => {
    done(null, Object.fromEntries(new URLSearchParams(String(body))));
  });
  const formOf = (req: { body: unknown; params: { key: string } }) => {
    const { key } = req.params;
    if (!isSmsCallbackKey(key, deps.secretKey)) throw PlatformErrors.forbidden({ field: 'key' });
    return (req.body && typeof req.body === 'object' ? req.body : {}) as Record<string, unknown>;
  };
  const providerNamed = (name: string) => {
    const provider = deps.providers.find((p) => p.name === name);
    if (!provider) throw PlatformErrors.not_found({ provider: name });
    return provider;
  };

  app.post(
    '/webhooks/sms/:provider/:key/delivery',
    op(
      { public: true, rateLimit, refuses: [403, 404] },
      'SMS delivery report (Africa’s Talking: id, status, phoneNumber, failureReason)',
      { params },
    ),
    async (req, reply) => {
      const form = formOf(req);
      const provider = providerNamed(req.params.provider);
      const report = provider.readReport(form);
      const outcome = report ? await settleSmsReport(deps, provider.name, report) : 'unknown';
      return reply.status(200).send({ received: true, outcome });
    },
  );

  app.post(
    '/webhooks/sms/:provider/:key/inbound',
    op(
      { public: true, rateLimit, refuses: [403, 404] },
      'An incoming SMS (STOP, START) or the provider’s opt-out notice',
      { params },
    ),
    async (req, reply) => {
      const form = formOf(req);
      providerNamed(req.params.provider);
      // Incoming message: from, to, text. Opt-out notice (Africa's Talking bulk sender ids): senderId, phoneNumber.
      const phone = String(form.from ?? form.phoneNumber ?? '').replace(/\s/g, '');
      if (!/^\+\d{6,15}$/.test(phone)) return reply.status(200).send({ received: true });
      const text = typeof form.text === 'string' ? form.text : form.senderId !== undefined ? 'STOP' : '';
      const keyword = keywordOf(text);
      if (keyword) await recordOptOut(deps, phone, keyword, text.trim());
      return reply.status(200).send({ received: true });
    },
  );
};
