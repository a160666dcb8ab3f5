import type { FastifyBaseLogger } from 'fastify';
import { answerInline } from '../../core/conversations/index.ts';
import { createI18n } from '../../core/i18n/index.ts';
import type { AreaDeps } from '../../core/modules/index.ts';
import type { Organization } from '../../core/orgs/index.ts';
import { ussdCatalog } from './ussd.catalog.ts';
import { USSD_CHANNEL } from './ussd.channel.ts';
import {
  newestInput,
  screenNumber,
  screenOf,
  USSD_END_STATE,
  type UssdRequest,
  ussdAnswer,
} from './ussd.rules.ts';

const i18n = createI18n({ catalogs: { ussd: ussdCatalog } });

/** One of the channel's own screens (`ussd.catalog.ts`), closing the session. */
export const channelEndScreen = (language: string, key: 'busy' | 'unavailable' | 'limited' | 'too_long') =>
  ussdAnswer(i18n.t(language, `ussd:${key}`), true);

const LANGUAGE_DIGITS: Record<string, string> = { '1': 'en', '2': 'fr', '3': 'rw' };
/** The language a session's newest input picks when it answers the menu's 4 (`4*2` → `fr`). */
const languagePick = (text: string): string | undefined => {
  const inputs = text.split('*');
  return inputs.at(-2) === '4' ? LANGUAGE_DIGITS[inputs.at(-1)?.trim() ?? ''] : undefined;
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
  const fresh = newestInput(request.text);
  const picked = languagePick(request.text);
  const step = answerInline(deps.conversations, deps.systemCtx(org.id, 'ussd'), {
    channel: USSD_CHANNEL,
    externalId: request.phoneNumber.replace(/^\+/, ''),
    channelMessageId: `${request.sessionId}:${screenNumber(request.text)}`,
    // On the language list (the flow's `language` state, reached by the menu's 4), a digit picks
    // the language: the engine's language choice. Only then is the state read first.
    input: picked
      ? (state) => (state === 'language' ? { kind: 'choice', id: `lang:${picked}` } : fresh)
      : fresh,
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
