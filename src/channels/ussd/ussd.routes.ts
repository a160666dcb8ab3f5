import { createHmac, timingSafeEqual } from 'node:crypto';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { answerInline } from '../../core/conversations/index.ts';
import { createI18n } from '../../core/i18n/index.ts';
import type { AreaDeps } from '../../core/modules/index.ts';
import { findOrganizationBySlug } from '../../core/orgs/index.ts';
import { PlatformErrors } from '../../platform/errors/index.ts';
import { routeOptions } from '../../platform/http/index.ts';
import { ussdCatalog } from './ussd.catalog.ts';
import { USSD_CHANNEL } from './ussd.channel.ts';
import type { UssdConfig } from './ussd.config.ts';
import {
  newestInput,
  readUssdRequest,
  screenNumber,
  screenOf,
  USSD_END_STATE,
  ussdAnswer,
} from './ussd.rules.ts';

const op = routeOptions(['webhooks']);
const params = z.object({ org: z.string().max(64), key: z.string().max(100) });
const i18n = createI18n({ catalogs: { ussd: ussdCatalog } });

/** The key in the USSD callback URL (the gateway signs nothing), derived from OPSDESK_SECRET_KEY. */
export function ussdCallbackKey(secretKey: string): string {
  return createHmac('sha256', secretKey).update('opsdesk.ussd.callback').digest('base64url').slice(0, 32);
}

const LANGUAGE_DIGITS: Record<string, string> = { '1': 'en', '2': 'fr', '3': 'rw' };
/** The language a session's newest input picks when it answers the menu's 4 (`4*2` → `fr`). */
const languagePick = (text: string): string | undefined => {
  const inputs = text.split('*');
  return inputs.at(-2) === '4' ? LANGUAGE_DIGITS[inputs.at(-1)?.trim() ?? ''] : undefined;
};

/**
 * Africa's Talking's USSD callback for one organization (its slug in the path, the deployment's key
 * beside it): each screen runs the organization's USSD flow on the conversation engine, inline, and is
 * answered `CON`/`END` before the gateway's deadline whatever the step does.
 */
export const ussdRoutes: FastifyPluginAsyncZod<{ deps: AreaDeps; config: UssdConfig }> = async (
  app,
  { deps, config },
) => {
  const key = Buffer.from(ussdCallbackKey(deps.config.OPSDESK_SECRET_KEY));
  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_req, body, done) => {
    done(null, Object.fromEntries(new URLSearchParams(String(body))));
  });
  app.post(
    '/webhooks/ussd/africastalking/:org/:key',
    op(
      { public: true, refuses: [403, 404] },
      'A USSD screen (Africa’s Talking: sessionId, phoneNumber, text)',
      {
        params,
      },
    ),
    async (req, reply) => {
      const given = Buffer.from(req.params.key);
      if (given.length !== key.length || !timingSafeEqual(given, key))
        throw PlatformErrors.forbidden({ field: 'key' });
      const org = await findOrganizationBySlug(deps.database.db, req.params.org);
      if (!org) throw PlatformErrors.not_found({ org: req.params.org });
      const language = org.languages[0] ?? 'en';
      const answer = (text: string) => reply.status(200).type('text/plain').send(text);
      const request = readUssdRequest((req.body ?? {}) as Record<string, unknown>);
      if (!request) return answer(ussdAnswer(i18n.t(language, 'ussd:unavailable'), true));
      const ctx = deps.systemCtx(org.id, 'ussd');
      const fresh = newestInput(request.text);
      const step = answerInline(deps.conversations, ctx, {
        channel: USSD_CHANNEL,
        externalId: request.phoneNumber.replace(/^\+/, ''),
        channelMessageId: `${request.sessionId}:${screenNumber(request.text)}`,
        // On the language list (the flow's `language` state, reached by the menu's 4), a digit picks
        // the language: the engine's language choice. Only then is the state read first.
        input: languagePick(request.text)
          ? (state) =>
              state === 'language' ? { kind: 'choice', id: `lang:${languagePick(request.text)}` } : fresh
          : fresh,
        raw: { ...request, orgId: org.id },
      });
      let timer: NodeJS.Timeout | undefined;
      const late = new Promise<'late'>((resolve) => {
        timer = setTimeout(() => resolve('late'), config.USSD_ANSWER_DEADLINE_MS);
      });
      try {
        const done = await Promise.race([step, late]);
        if (done === 'late') {
          step.catch((err) => req.log.error({ err }, 'ussd: a step that missed the deadline failed'));
          return answer(ussdAnswer(i18n.t(language, 'ussd:busy'), true));
        }
        if (done.replies.length === 0)
          return answer(ussdAnswer(i18n.t(done.language, 'ussd:unavailable'), true));
        return answer(ussdAnswer(screenOf(done.replies), done.state === USSD_END_STATE));
      } catch (err) {
        req.log.error({ err }, 'ussd: step failed');
        return answer(ussdAnswer(i18n.t(language, 'ussd:unavailable'), true));
      } finally {
        clearTimeout(timer);
      }
    },
  );
};
