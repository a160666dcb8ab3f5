import type { AppError } from '../../platform/errors/index.ts';
import type { Ctx } from '../context/index.ts';
import type { Locale, NamespaceCatalogs, TranslationParams } from '../i18n/index.ts';
import type { Organization } from '../orgs/index.ts';

/** A file the person sent, fetched from the channel on demand (checked against its sha256 when given). */
export interface DownloadedMedia {
  bytes: Buffer;
  mime: string;
  fileName?: string;
  sha256: string;
}

/** A file a person sent, as the channel describes it (the bytes stay with the channel until loaded). */
export interface MediaRef {
  kind: 'media';
  mediaKind: 'photo' | 'document';
  fileId: string;
  mime?: string;
  fileName?: string;
  caption?: string;
  /** The channel's announced digest (hex or base64), checked on download. */
  sha256?: string;
}

/** An input as stored in the history: media without its loader. */
export type StoredInput =
  | { kind: 'text'; text: string }
  | {
      kind: 'choice';
      id: string /** How the choice was made, for the history only. */;
      via?: 'tap' | 'keyword';
    }
  | MediaRef
  | { kind: 'contact'; phone: string; name?: string };

/**
 * What a person sent, whatever the channel. Button and list taps arrive as `choice` by **id**
 * (never by title); typed keywords that a flow declares arrive as the same `choice`.
 */
export type Input =
  | Exclude<StoredInput, MediaRef>
  | (MediaRef & {
      /** Downloads the bytes through the channel; refuses bytes whose sha256 does not match. */
      load(): Promise<DownloadedMedia>;
    });

export interface Choice {
  id: string;
  title: string;
}

/** What a flow answers; channels render it within their limits (titles are shortened, never split). */
export type Output =
  | { kind: 'text'; text: string }
  | { kind: 'buttons'; text: string; buttons: Choice[] }
  | {
      kind: 'list';
      text: string;
      /** Label of the button that opens the list (WhatsApp). */
      button: string;
      rows: Array<Choice & { description?: string }>;
    }
  | { kind: 'image'; file: OutgoingFile; caption?: string }
  | { kind: 'document'; file: OutgoingFile; caption?: string }
  | {
      /** A pre-approved WhatsApp template: the only thing that may go out after the 24-hour window. */
      kind: 'template';
      name: string;
      language: string;
      components?: unknown[];
      /** What other channels (and the history) show instead. */
      fallbackText: string;
    };

/**
 * What a message already sent becomes when it is edited in place (a decided card: its text says
 * the decision, its buttons go). Only text and buttons: channels cannot turn a message into a file.
 */
export type EditOutput = Extract<Output, { kind: 'text' } | { kind: 'buttons' }>;

/** Media a flow sends: bytes it made (a receipt, a QR pass) or a public HTTPS URL. */
export type OutgoingFile =
  | { bytes: Uint8Array; fileName: string; mime: string }
  | { url: string; fileName?: string; mime?: string };

/** The answer of one state to one input. */
export interface StepResult<C = Record<string, unknown>> {
  reply?: Output[];
  /** The next state; the current one when omitted. */
  next?: string;
  /** The next context; the current one when omitted. */
  context?: C;
}

/** What a state handler receives besides the input. `A` is what the flow's module gave it (`rt`). */
export interface FlowContext<C = Record<string, unknown>, A = unknown> {
  /** Use-case context of the organization, acting as the contact. */
  ctx: Ctx;
  flow: string;
  state: string;
  context: C;
  language: Locale;
  channel: string;
  conversationId: string;
  contact: { id: string | null; externalId: string; displayName: string | null };
  /** Id of the inbound message being handled; use it as an idempotency key in use cases. */
  messageId: string;
  /** Translates `key` of this flow's catalog (or `namespace:key`) in the conversation's language. */
  t(key: string, params?: TranslationParams): string;
  /**
   * A refusal in the conversation's language: the message of the error's code from this flow's
   * catalog (`errors.<code>`, its module's codes) or the core's, never the English `err.message`.
   */
  errorMessage(error: AppError): string;
  /** The `rt` of the flow's definition: the module's runtime for this app (its job queue, say). */
  rt: A;
  /**
   * The organization as this step read it (its time zone, its settings): at its current version, read
   * again only when it changed (issue 64: a flow need not read it on every step).
   */
  organization: Organization;
}

export type StateHandler<C = Record<string, unknown>, A = unknown> = (
  input: Input,
  ctx: FlowContext<C, A>,
) => StepResult<C> | Promise<StepResult<C>>;

/** A state: its handler, and optionally what to show when the person comes back to it (after a language switch). */
export type StateSpec<C = Record<string, unknown>, A = unknown> =
  | StateHandler<C, A>
  | { handle: StateHandler<C, A>; prompt?: (ctx: FlowContext<C, A>) => Output[] | Promise<Output[]> };

/** Typed words that mean a choice, per language: `{ confirm: { en: ['confirm', 'yes'], es: ['confirmar', 'sí'] } }`. */
export type KeywordTable = Record<string, Partial<Record<Locale, string[]>>>;

export interface FlowDefinition<C = Record<string, unknown>, A = unknown> {
  /** Also the i18n namespace of `catalog`: lowercase letters, digits and dashes. */
  name: string;
  initial: string;
  states: Record<string, StateSpec<C, A>>;
  /** Handed to every handler as `f.rt`: the module's runtime, so flows need no module-level state. */
  rt?: A;
  keywords?: KeywordTable;
  /** The flow's messages; registered under the flow's name. */
  catalog?: NamespaceCatalogs;
  /** Minutes of silence after which the next message starts over in `initial` (default 30). */
  idleMinutes?: number;
  /**
   * Chat channels (`whatsapp`, `telegram`) that run this flow for an organization of its module when
   * nothing names another (the organization's `settings.<channel>.flow`, the channel's own setting).
   */
  defaultOn?: ReadonlyArray<string>;
  /**
   * Words of the flow's own business that tell the language of a person's first message, per
   * language (`rifa` is Spanish, `raffle` English), besides the core's common words; no word in two
   * languages.
   */
  languageClues?: Partial<Record<Locale, ReadonlyArray<string>>>;
  /**
   * The module that declared it (set when the app starts): an organization that does not run that
   * module is not offered the flow, in the simulator or on a chat channel.
   */
  module?: string;
}

/** Whether an organization runs the module of a flow (one that never chose runs them all). */
export const runsFlow = (org: { modules: string[] | null }, flow: FlowDefinition): boolean =>
  !flow.module || org.modules === null || org.modules.includes(flow.module);
