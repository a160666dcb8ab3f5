import type { FastifyBaseLogger } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Registry } from 'prom-client';
import type { z } from 'zod';
import type { Clock } from '../../platform/clock/index.ts';
import type { Config } from '../../platform/config/index.ts';
import type { Database, Db } from '../../platform/db/index.ts';
import type { DeclaredErrors } from '../../platform/errors/index.ts';
import type { JobHandler, JobQueue, ScheduleSpec } from '../../platform/jobs/index.ts';
import type { LiveChannel } from '../../platform/live/index.ts';
import type { PermissionSpec } from '../auth/index.ts';
import type { ContactsMerged } from '../contacts/index.ts';
import type { Ctx, Events } from '../context/index.ts';
import type { ConversationsRuntime, FlowDefinition, MessageChannel } from '../conversations/index.ts';
import type { FileStore } from '../files/index.ts';
import type { NotificationChannel, NotificationTemplate } from '../notifications/index.ts';
import type { ClaimedSetting } from '../orgs/index.ts';
import type { Payment, PaymentProvider, PaymentPurposeLabel, PurposeLabeler } from '../payments/index.ts';
import type { ResourceDefinition } from '../resources/index.ts';
import type { RetentionDeclaration } from '../retention/index.ts';
import type { RowSink } from '../row-sinks/index.ts';

/**
 * What the composition root gives every area when the app starts: one set per app, so two apps in
 * one process (tests) share nothing. Pass on only what a use case uses.
 */
export interface ModuleDeps {
  database: Database;
  jobs: JobQueue;
  config: Config;
  clock: Clock;
  log: FastifyBaseLogger;
  /** The hooks of every enabled area, for contexts made outside a request. */
  events: Events;
  /** A context for work the system does on its own (a job named `job`) in one organization. */
  systemCtx(orgId: string, job: string): Ctx;
  /** The app's file store (local folder or S3). */
  files: FileStore;
  /** Live updates to browsers (`publish` in a change's transaction; the SSE route fans them out). */
  live: LiveChannel;
  /** The app's Prometheus registry (`/metrics`): an area adds its gauges, collected at scrape time. */
  metrics?: Registry;
  /** The app's conversation engine: every declared flow and chat channel (staff messages, bot cards). */
  conversations: ConversationsRuntime;
  /** What all enabled areas declared, read after every area has started. */
  declared: Declared;
}

/** The declarations of all enabled areas, collected by the app once every area has started. */
export interface Declared {
  flows(): ReadonlyArray<FlowDefinition>;
  chatChannels(): ReadonlyArray<MessageChannel>;
  notificationChannels(): ReadonlyArray<NotificationChannel>;
  /** Mobile-money providers with credentials, at most one per method. */
  paymentProviders(): ReadonlyArray<PaymentProvider>;
  /** Stores that keep appended rows (Google Sheets), one per name. */
  rowSinks(): ReadonlyArray<RowSink>;
  templates(): ReadonlyArray<NotificationTemplate<never>>;
  resources(): ReadonlyArray<ResourceDefinition>;
  permissions(): ReadonlyArray<PermissionSpec>;
  /** What each payment purpose type pays for, in words (`purposeLabel` of the owning areas). */
  purposeLabels(): ReadonlyArray<PurposeLabeler>;
  /** What each area keeps for a limited time, and what it still needs (`retention`). */
  retention(): ReadonlyArray<RetentionDeclaration>;
}

/** A payment hook: runs in the payment transition's transaction (see `core/payments`). */
export type PaymentHook<R> = (rt: R, tx: Ctx, payment: Payment) => Promise<void>;

/** What a module does when the core raises an event; each runs in the transaction of the change. */
export interface ModuleHooks<R> {
  /** By payment purpose type (`raffle.order`): the module's own payments only. */
  paymentSettled?: Record<string, PaymentHook<R>>;
  paymentFailed?: Record<string, PaymentHook<R>>;
  paymentVoided?: Record<string, PaymentHook<R>>;
  /** Re-point the module's rows from `mergeId` to `keepId`; a throw rolls the merge back. */
  contactsMerged?: (rt: R, tx: Ctx, event: ContactsMerged) => Promise<void>;
}

/** A long-running task of a process that runs jobs (a bot poller, a listener). */
export interface Worker {
  name: string;
  /** Starts it; resolves once running, to a function that stops it. */
  start(): Promise<() => Promise<void>>;
}

/**
 * The one public shape of a module (and of each core area): everything the app needs to plug it
 * in. `start` builds the module's runtime for one app from the deps it is given; every other
 * factory receives that runtime, so nothing is bound in module-level variables. Modules never
 * import each other; they reach the core through its areas' `index.ts`.
 */
export interface ModuleDefinition<R = ModuleDeps, C = unknown> {
  name: string;
  /** Absolute folder of the module's forward-only SQL migrations. */
  migrations?: string;
  permissions?: PermissionSpec[];
  /**
   * The module's own deployment settings, read from the environment when the app starts (names
   * start with the module's, like `MESS_SHEETS_SPREADSHEET_ID`; a channel keeps its service's
   * established names, like `SMTP_URL`); a wrong value stops the start, naming the variable.
   */
  config?: z.ZodType<C>;
  /**
   * Dotted paths inside `organization.settings` that hold secrets this area owns
   * (`whatsapp.accessToken`). They are sealed with OPSDESK_SECRET_KEY at rest, write-only through
   * `PATCH /api/org`, shown as `{ set, last4 }` and re-sealed by `opsdesk rotate-secret-key`.
   */
  secretSettings?: string[];
  /**
   * Settings that name an outside identity inbound messages are routed by (a WhatsApp number, a
   * Telegram bot): one organization of the deployment holds each, claimed when `PATCH /api/org`
   * saves it (a second claim is refused with 409) and reconciled at every start (issue 26).
   */
  claimedSettings?: ClaimedSetting[];
  /**
   * Re-seals, inside the given transaction, every value this area sealed itself with
   * OPSDESK_SECRET_KEY in its own tables (`opsdesk rotate-secret-key`); throws when the old key
   * cannot open one, so nothing is written. Returns what it re-sealed, for the operator.
   */
  resealSecrets?: (trx: Db, keys: { from: string; to: string }) => Promise<{ label: string; count: number }>;
  /**
   * The area's error codes (`defineErrors('raffle', {...})`): each table's area is the module's
   * name, and the app refuses to start when two areas declare one code.
   */
  errors?: ReadonlyArray<DeclaredErrors>;
  /** Message templates the module sends (`defineTemplate`); keys are unique across the app. */
  templates?: ReadonlyArray<NotificationTemplate<never>>;
  /** Builds the module's runtime for one app; without it the runtime is the deps themselves. */
  start?: (deps: ModuleDeps, config: C) => R;
  /** Fastify plugin with the module's routes (paths start with `/api/<name>/`). */
  routes?: (rt: R) => FastifyPluginAsyncZod;
  /** The module's jobs, each bound to its handler for this app (`someJob.handle(run)`). */
  jobs?: (rt: R) => JobHandler[];
  schedules?: ScheduleSpec[];
  /** Long-running tasks, started in processes that run jobs. */
  workers?: (rt: R) => Worker[];
  /** Chat flows (`defineFlow`); which one a channel runs is configuration. */
  flows?: (rt: R) => FlowDefinition[];
  /**
   * Chat channels this area drives (WhatsApp, Telegram): the one outbound path of bot replies,
   * staff messages and the outbox's notifications to that account (`core/conversations`).
   */
  chatChannels?: (rt: R) => MessageChannel[];
  /** Outbox channels that are no chat (e-mail): the outbox sends its notifications through them. */
  notificationChannels?: (rt: R) => NotificationChannel[];
  /** Mobile-money providers this area drives (`core/payments` requests and checks payments through them). */
  paymentProviders?: (rt: R) => PaymentProvider[];
  /** Stores this area appends rows to for others (`core/row-sinks`), when configured. */
  rowSinks?: (rt: R) => RowSink[];
  hooks?: ModuleHooks<R>;
  /**
   * By payment purpose type (`raffle.order`): what the module's payments pay for, in words staff
   * read when they verify a proof ("Raffle Rifa Navidad — numbers 5, 12"). Given many ids at once
   * (a review queue); ids it does not know are left out of the answer.
   */
  purposeLabel?: Record<
    string,
    (rt: R, ctx: Ctx, purposeIds: ReadonlyArray<string>) => Promise<ReadonlyMap<string, PaymentPurposeLabel>>
  >;
  /**
   * Console lists the resources area generates routes for (`src/core/resources`). Their words and
   * the module's own screens are browser code in the module's `console/` folder, which the console
   * build collects; nothing here names them.
   */
  resources?: (rt: R) => ResourceDefinition[];
  /**
   * Data the area keeps for a limited time (issue 18): each rule's kind (`<name>.<thing>`), default
   * period and SQL choosing what may go, plus the contacts and payments it still needs (`keeps`). The
   * retention area (`src/core/retention`) runs them in batches, nightly and by `opsdesk cleanup`.
   */
  retention?: (rt: R) => RetentionDeclaration;
  /** Demo data for `opsdesk seed-demo`; must be safe to run on an organization once. */
  seed?: (rt: R, ctx: Ctx) => Promise<void>;
}

/**
 * A module of any runtime type, as the app holds them in one list. Each definition is checked
 * against its own runtime type where it is written (`defineModule`); the list only pairs each
 * runtime with its own factories.
 */
// biome-ignore lint/suspicious/noExplicitAny: the runtime type is private to each module
export type AnyModule = ModuleDefinition<any, any>;

const NAME = /^[a-z][a-z0-9]{1,30}$/;
const SECRET_PATH = /^[A-Za-z][A-Za-z0-9_]*(\.[A-Za-z][A-Za-z0-9_]*)+$/;

/** Every secret setting path the given areas declare (`secretSettings`), each once. */
export const secretSettingsOf = (areas: ReadonlyArray<AnyModule>): string[] => [
  ...new Set(areas.flatMap((a) => a.secretSettings ?? [])),
];

/** Every claimed setting the given areas declare (`claimedSettings`). */
export const claimedSettingsOf = (areas: ReadonlyArray<AnyModule>): ClaimedSetting[] =>
  areas.flatMap((a) => a.claimedSettings ?? []);

/**
 * Declares a module; checks its name and that its permissions, templates and error codes live in
 * its namespace.
 */
export function defineModule<R = ModuleDeps, C = unknown>(
  def: ModuleDefinition<R, C>,
): ModuleDefinition<R, C> {
  if (!NAME.test(def.name)) throw new Error(`module name ${def.name} must be lowercase letters and digits`);
  for (const path of [...(def.secretSettings ?? []), ...(def.claimedSettings ?? []).map((c) => c.path)]) {
    if (!SECRET_PATH.test(path) || !path.startsWith(`${def.name}.`))
      throw new Error(`setting ${path} must be a dotted path under ${def.name}. (like ${def.name}.apiKey)`);
  }
  for (const p of def.permissions ?? []) {
    if (!p.key.startsWith(`${def.name}.`))
      throw new Error(`permission ${p.key} must start with ${def.name}.`);
  }
  for (const table of def.errors ?? []) {
    if (table.area !== def.name)
      throw new Error(`error codes of ${table.area} cannot be declared by ${def.name}`);
  }
  for (const t of def.templates ?? []) {
    if (!t.key.startsWith(`${def.name}.`)) throw new Error(`template ${t.key} must start with ${def.name}.`);
  }
  return def;
}
