import type { FastifyBaseLogger } from 'fastify';
import { answerInline } from '../../core/conversations/index.ts';
import { createI18n } from '../../core/i18n/index.ts';
import type { AreaDeps } from '../../core/modules/index.ts';
import type { Organization } from '../../core/orgs/index.ts';
import { ussdCatalog } from './ussd.catalog.ts';
import { USSD_CHANNEL } from './ussd.channel.ts';
import {
  newestInput,
  screenId,
  screenOf,
  USSD_END_STATE,
  type UssdRequest,
  ussdAnswer,
} from './ussd.rules.ts';

const i18n = createI18n({ catalogs: { ussd: ussdCatalog } });

/** One of the channel's own screens (`ussd.catalog.ts`), closing the session. */
export const channelEndScreen = (language: string, key: 'busy' | 'unavailable' | 'limited' | 'too_long') =>
  ussdAnswer(i18n.t(language, `ussd:${key}`), true);

/** The digits of the language list, the same whatever languages an organization speaks. */
export const LANGUAGE_DIGITS: Record<string, string> = {
  '1': 'en',
  '2': 'fr',
  '3': 'rw',
  '4': 'es',
  '5': 'hi',
};
/**
 * What a session's newest input says when it answers the menu's 4 (the language list): the language
 * its digit picks (`4*2` → `lang:fr`), `lang:none` for any other answer than back or home (the flow
 * says it is invalid), or nothing when it does not answer the list.
 */
const languagePick = (text: string): string | undefined => {
  const inputs = text.split('*');
  if (inputs.at(-2) !== '4') return undefined;
  const typed = inputs.at(-1)?.trim() ?? '';
  if (typed === '0' || typed === '00') return undefined;
  return `lang:${LANGUAGE_DIGITS[typed] ?? 'none'}`;
};

/**
 * One screen of a session on the organization's USSD flow (the conversation engine, inline),
 * answered `CON`/`END` before the gateway's deadline whatever the step does: a step still running
 * then carries on, and the person is told so.
 */
export async function answerUssdScreen(
  deps: Pick<AreaDeps, 'conversations' | 'systemCtx'>,
  deadlineMs: number,
  screen: { org: Organization; request: UssdRequest; log: FastifyBaseLogger },
): Promise<string> {
  const { org, request, log } = screen;
  const language = org.languages[0] ?? 'en';
  const picked = languagePick(request.text);
  const step = answerInline(deps.systemCtx(org.id, 'ussd'), deps.conversations, {
    channel: USSD_CHANNEL,
    externalId: request.phoneNumber.replace(/^\+/, ''),
    channelMessageId: screenId(request),
    // On the language list (the flow's `language` state, reached by the menu's 4), a digit picks
    // the language: the engine's language choice. The first screen tells the flow whether the person
    // ever chose one (else it may speak their account's).
    input: (state, chosen) =>
      picked && state === 'language'
        ? { kind: 'choice', id: picked }
        : newestInput(request.text, chosen !== null),
    raw: { ...request, orgId: org.id },
  });
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<'late'>((resolve) => {
    timer = setTimeout(() => resolve('late'), deadlineMs);
  });
  try {
    const done = await Promise.race([step, late]);
    if (done === 'late') {
      step.catch((err) => log.error({ err }, 'ussd: a step that missed the deadline failed'));
      return channelEndScreen(language, 'busy');
    }
    if (done.replies.length === 0) return channelEndScreen(done.language, 'unavailable');
    return ussdAnswer(screenOf(done.replies), done.state === USSD_END_STATE);
  } catch (err) {
    log.error({ err }, 'ussd: step failed');
    return channelEndScreen(language, 'unavailable');
  } finally {
    clearTimeout(timer);
  }
}
