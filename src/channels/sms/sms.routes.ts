import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { PlatformErrors } from '../../platform/errors/index.ts';
import { routeOptions } from '../../platform/http/index.ts';
import type { SmsAccountScope } from './sms.accounts.ts';
import type { SmsConfig } from './sms.config.ts';
import type { SmsProvider } from './sms.provider.ts';
import { smsCallbackScope } from './sms-callbacks.ts';
import { readOptOutRequest } from './sms-opt-outs.rules.ts';
import { recordOptOut } from './sms-opt-outs.ts';
import { type SmsReportDeps, settleSmsReport } from './sms-reports.ts';

const op = routeOptions(['webhooks']);
const rateLimit = { max: 6000, timeWindow: 60_000 };
const provider = z.string().max(40);
const key = z.string().max(100);

/** The deployment's account's URLs, and those of an organization's own account (its slug in the path). */
const CALLBACK_PATHS = [
  { path: '/webhooks/sms/:provider/:key', params: z.object({ provider, key }), whose: 'the deployment’s' },
  {
    path: '/webhooks/sms/:provider/:org/:key',
    params: z.object({ provider, org: z.string().max(64), key }),
    whose: 'an organization’s own',
  },
] as const;

type SmsRouteDeps = SmsReportDeps & {
  secretKey: string;
  config: SmsConfig;
  providers: ReadonlyArray<SmsProvider>;
};

/**
 * The provider's callbacks for each account (`sms-callbacks.ts`; Africa's Talking signs nothing):
 * delivery reports, incoming texts (STOP, START) and its opt-out notices, each acting only within the
 * account its URL speaks for. Every one is answered 200 once handled, known or not (no probing); a key
 * that is not the account's current one is refused 403.
 */
export const smsRoutes: FastifyPluginAsyncZod<SmsRouteDeps> = async (app, deps) => {
  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_req, body, done) => {
    done(null, Object.fromEntries(new URLSearchParams(String(body))));
  });
  const callbackOf = async (req: {
    body: unknown;
    params: { provider: string; org?: string; key: string };
  }) => {
    const provider = deps.providers.find((p) => p.name === req.params.provider);
    const scope = provider && (await smsCallbackScope(deps, req.params));
    if (!provider || !scope) throw PlatformErrors.forbidden({ field: 'key' });
    const form = (req.body && typeof req.body === 'object' ? req.body : {}) as Record<string, unknown>;
    return { provider, scope, form };
  };

  for (const { path, params, whose } of CALLBACK_PATHS) {
    app.post(
      `${path}/delivery`,
      op(
        { public: true, rateLimit, refuses: [403] },
        `SMS delivery report on ${whose} account (Africa’s Talking: id, status, phoneNumber, failureReason)`,
        { params },
      ),
      async (req, reply) => {
        const { provider, scope, form } = await callbackOf(req);
        const report = provider.readReport(form);
        const outcome = report ? await settleSmsReport(deps, scope, report) : 'unknown';
        return reply.status(200).send({ received: true, outcome });
      },
    );
    app.post(
      `${path}/inbound`,
      op(
        { public: true, rateLimit, refuses: [403] },
        `An incoming SMS (STOP, START) or the provider’s opt-out notice, on ${whose} account`,
        { params },
      ),
      async (req, reply) => {
        const { scope, form } = await callbackOf(req);
        await optOutFrom(deps, scope, form);
        return reply.status(200).send({ received: true });
      },
    );
  }
};

/** Incoming message: from, to, text. Opt-out notice (Africa's Talking bulk sender ids): senderId, phoneNumber. */
async function optOutFrom(deps: SmsRouteDeps, scope: SmsAccountScope, form: Record<string, unknown>) {
  const request = readOptOutRequest(form);
  if (request) await recordOptOut(deps.db, scope, request, deps.clock.now());
}
