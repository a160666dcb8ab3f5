import type { Ctx } from '../context/index.ts';
import { LOCALES, type Locale } from '../i18n/index.ts';
import type { Organization } from '../orgs/index.ts';
import type { ConversationTarget, MessageChannel } from './channel.types.ts';
import type { ConversationsRuntime } from './conversations.runtime.ts';
import { handlerOf, promptOf } from './define-flow.ts';
import type { FlowContext, FlowDefinition, Input, Output, StoredInput } from './flow.types.ts';
import { LANGUAGE_TITLES } from './keywords.rules.ts';
import { checkOutputs } from './output.rules.ts';
import { DEFAULT_IDLE_MINUTES, LANGUAGE_CHOICE_PREFIX, planStep } from './step.rules.ts';

/** The conversation as a step starts from. */
export interface StepStart {
  flow: string | null;
  state: string | null;
  context: Record<string, unknown>;
  pendingPrompt: string | null;
  language: Locale;
  /** False when nobody chose or detected the language yet: the first words of the person tell it. */
  languageKnown?: boolean;
  /** The language the person's address suggests, used when their first words do not tell. */
  addressLanguage?: Locale | null;
  paused: boolean;
  lastActivityAt: Date | null;
  contact: FlowContext['contact'];
  /**
   * The replies of the last step that provably never left (`failed`), when they were not asked again
   * already: the person never saw the prompt this message would answer (issue 40, item 12).
   */
  unsentPrompt?: Output[];
}

/** What a step decided: the message's fate, the conversation's next values and the replies. */
export type StepOutcome =
  | { held: true }
  | {
      held: false;
      flow: string;
      state: string;
      context: Record<string, unknown>;
      pendingPrompt: string | null;
      /** Set when the person chose a language in this step. */
      chosenLanguage: Locale | null;
      replies: Output[];
      /** The replies are the last step's prompt that never left, asked again; the input was no answer. */
      repeated?: boolean;
    };

export interface StepArgs {
  runtime: ConversationsRuntime;
  ctx: Ctx;
  channel: MessageChannel;
  flow: FlowDefinition;
  target: ConversationTarget;
  start: StepStart;
  message: { id: string; input: StoredInput; raw: unknown };
  languages: ReadonlyArray<Locale>;
  /** The organization as the step read it (`FlowContext.organization`). */
  organization: Organization;
}

/**
 * One inbound message through the engine: staff hold, idle reset, language menu, a prompt that never
 * left asked again, then the state's handler. A handler that throws, or answers what no channel can
 * carry, gets the person an apology and leaves the state as it was.
 */
export async function runStep(a: StepArgs): Promise<StepOutcome> {
  const { runtime, flow, start } = a;
  const plan = planStep({
    paused: start.paused,
    flow: start.flow,
    state: start.state,
    pendingPrompt: start.pendingPrompt,
    lastActivityAt: start.lastActivityAt,
    configuredFlow: flow.name,
    idleMinutes: flow.idleMinutes ?? DEFAULT_IDLE_MINUTES,
    now: a.ctx.clock.now(),
    input: a.message.input,
    language: start.language,
    languageKnown: start.languageKnown ?? true,
    addressLanguage: start.addressLanguage ?? null,
    languages: a.languages,
    keywords: flow.keywords ?? {},
    languageClues: flow.languageClues ?? {},
  });
  if (plan.action === 'hold') return { held: true };

  const t = (language: Locale, key: string) => runtime.i18n.t(language, `conversations:${key}`);
  const restarted = plan.restart !== null;
  let state = restarted || !start.state || !flow.states[start.state] ? flow.initial : start.state;
  let context = restarted ? {} : start.context;
  const replies: Output[] = [];
  if (plan.restart === 'idle' && start.state !== flow.initial)
    replies.push({ kind: 'text', text: t(start.language, 'idle.restarted') });

  if (plan.action === 'ask-language') {
    replies.push(languageMenu(a.languages, (key) => t(start.language, key)));
    return {
      held: false,
      flow: flow.name,
      state,
      context,
      pendingPrompt: 'language',
      chosenLanguage: null,
      replies,
    };
  }

  // The person never saw the question this message would answer: ask it again, take nothing from it.
  if (plan.action === 'run' && !restarted && start.unsentPrompt?.length)
    return {
      held: false,
      flow: flow.name,
      state,
      context,
      pendingPrompt: null,
      chosenLanguage: null,
      replies: start.unsentPrompt,
      repeated: true,
    };

  let language = start.language;
  const input: StoredInput | undefined = plan.action === 'run' ? plan.input : undefined;
  if (plan.action === 'run' && plan.detectedLanguage) language = plan.detectedLanguage;
  if (plan.action === 'set-language') {
    language = plan.language;
    replies.push({ kind: 'text', text: t(language, 'language.set') });
  }

  const where = `flow ${flow.name}, state ${state}`;
  const spec = flow.states[state]!;
  const fctx = flowContext(a, { state, context, language });
  try {
    const produced: Output[] = [];
    if (input) {
      const result = await handlerOf(spec)(withLoader(input, a), fctx);
      const next = result.next ?? state;
      if (!flow.states[next]) throw new Error(`${where}: next state ${next} is not defined`);
      produced.push(...(result.reply ?? []));
      checkOutputs(produced, where);
      state = next;
      context = (result.context as Record<string, unknown> | undefined) ?? context;
    } else {
      const prompt = promptOf(spec);
      if (prompt) produced.push(...(await prompt(fctx)));
      checkOutputs(produced, where);
    }
    replies.push(...produced);
  } catch (err) {
    runtime.log.error({ err, flow: flow.name, state, messageId: a.message.id }, 'conversation step failed');
    replies.push({ kind: 'text', text: t(language, 'error.generic') });
  }
  const chosenLanguage =
    plan.action === 'set-language' || (plan.action === 'run' && plan.detectedLanguage) ? language : null;
  return { held: false, flow: flow.name, state, context, pendingPrompt: null, chosenLanguage, replies };
}

/** Languages the language menu offers: the flow's catalog languages the organization speaks. */
export function offeredLanguages(flow: FlowDefinition, orgLanguages: ReadonlyArray<string>): Locale[] {
  const flowLanguages = LOCALES.filter((l) => (flow.catalog ? flow.catalog[l] !== undefined : l === 'en'));
  // In the organization's order: its first language the flow speaks is the flow's default.
  const both = orgLanguages.filter((l): l is Locale => (flowLanguages as string[]).includes(l));
  return both.length >= 1 ? both : flowLanguages;
}

function languageMenu(languages: ReadonlyArray<Locale>, t: (key: string) => string): Output {
  const choices = languages.map((l) => ({ id: `${LANGUAGE_CHOICE_PREFIX}${l}`, title: LANGUAGE_TITLES[l] }));
  return choices.length <= 3
    ? { kind: 'buttons', text: t('language.prompt'), buttons: choices }
    : { kind: 'list', text: t('language.prompt'), button: t('language.button'), rows: choices };
}

function flowContext(
  a: StepArgs,
  at: { state: string; context: Record<string, unknown>; language: Locale },
): FlowContext {
  return {
    ctx: a.ctx,
    flow: a.flow.name,
    state: at.state,
    context: at.context,
    language: at.language,
    channel: a.target.channel,
    conversationId: a.target.id,
    contact: a.start.contact,
    messageId: a.message.id,
    t: (key, params) =>
      a.runtime.i18n.t(at.language, key.includes(':') ? key : `${a.flow.name}:${key}`, params),
    errorMessage: (error) => a.runtime.i18n.errorMessage(at.language, error, [a.flow.name, 'core']),
    rt: a.flow.rt,
    organization: a.organization,
  };
}

function withLoader(input: StoredInput, a: StepArgs): Input {
  if (input.kind !== 'media') return input;
  return {
    ...input,
    load: async () => {
      if (!a.channel.download) throw new Error(`channel ${a.channel.name} cannot download media`);
      return a.channel.download(a.ctx, a.target, input, a.message.raw);
    },
  };
}
