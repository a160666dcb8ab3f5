import type { Locale } from '../i18n/index.ts';
import type { KeywordTable, StoredInput } from './flow.types.ts';
import { detectLanguage, LANGUAGE_KEYWORDS, LANGUAGE_NAMES, matchKeyword } from './keywords.rules.ts';

export const LANGUAGE_CHOICE_PREFIX = 'lang:';
export const DEFAULT_IDLE_MINUTES = 30;

/** What the engine knows when a message arrives. */
export interface StepFacts {
  paused: boolean;
  flow: string | null;
  state: string | null;
  pendingPrompt: string | null;
  lastActivityAt: Date | null;
  configuredFlow: string;
  idleMinutes: number;
  now: Date;
  input: StoredInput;
  language: Locale;
  /** Whether the person's language is known (chosen, or detected before); if not, their first words tell it. */
  languageKnown?: boolean;
  /** The language the person's address suggests (a phone number's country), for a first message without words. */
  addressLanguage?: Locale | null;
  /** Languages the language menu offers. */
  languages: ReadonlyArray<Locale>;
  keywords: KeywordTable;
  /** The flow's own words that tell a first message's language (`FlowDefinition.languageClues`). */
  languageClues?: Partial<Record<Locale, ReadonlyArray<string>>>;
}

/** Why the flow starts over before this message: a first message, another flow configured, or silence. */
export type Restart = 'new' | 'flow-changed' | 'idle';

export type StepPlan =
  | { action: 'hold' }
  | { action: 'ask-language'; restart: Restart | null }
  | { action: 'set-language'; language: Locale; restart: Restart | null }
  | { action: 'run'; input: StoredInput; restart: Restart | null; detectedLanguage?: Locale };

/**
 * Decides what the engine does with one message, before any flow code runs: hold it for staff,
 * start over, handle the language menu, or hand the input (typed keywords turned into choices) to
 * the current state.
 */
export function planStep(f: StepFacts): StepPlan {
  if (f.paused) return { action: 'hold' };
  const restart = restartReason(f);
  const pending = restart ? null : f.pendingPrompt;

  if (f.input.kind === 'choice' && f.input.id.startsWith(LANGUAGE_CHOICE_PREFIX)) {
    const language = f.input.id.slice(LANGUAGE_CHOICE_PREFIX.length) as Locale;
    if (f.languages.includes(language)) return { action: 'set-language', language, restart };
  }
  if (f.input.kind === 'text') {
    if (matchKeyword(f.input.text, LANGUAGE_KEYWORDS, f.language)) return { action: 'ask-language', restart };
    // A language named by itself switches at any time ("español", "english"); the two-letter codes only answer the menu.
    const named = matchKeyword(f.input.text, LANGUAGE_NAMES, f.language) as Locale | undefined;
    if (named && f.languages.includes(named) && (pending === 'language' || f.input.text.trim().length > 2))
      return { action: 'set-language', language: named, restart };
    // The person's address speaks only for their very first message: a later wordless one after
    // words in the default language ("hi", then a meter number) keeps that language.
    const fromAddress = restart === 'new' ? (f.addressLanguage ?? null) : null;
    const detected =
      f.languageKnown === false ? (detectLanguage(f.input.text, f.languageClues) ?? fromAddress) : null;
    const language = detected && f.languages.includes(detected) ? detected : f.language;
    const detectedLanguage = language !== f.language ? { detectedLanguage: language } : {};
    const choice = matchKeyword(f.input.text, f.keywords, language);
    if (choice)
      return {
        action: 'run',
        input: { kind: 'choice', id: choice, via: 'keyword' },
        restart,
        ...detectedLanguage,
      };
    return { action: 'run', input: f.input, restart, ...detectedLanguage };
  }
  return { action: 'run', input: f.input, restart };
}

function restartReason(f: StepFacts): Restart | null {
  if (!f.flow || !f.state) return 'new';
  if (f.flow !== f.configuredFlow) return 'flow-changed';
  if (f.lastActivityAt && f.now.getTime() - f.lastActivityAt.getTime() > f.idleMinutes * 60_000)
    return 'idle';
  return null;
}
