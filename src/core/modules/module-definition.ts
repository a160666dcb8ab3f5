import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { z } from 'zod';
import type { Db } from '../../platform/db/index.ts';
import type { DeclaredErrors } from '../../platform/errors/index.ts';
import type { JobHandler, JobLoop, ScheduleSpec } from '../../platform/jobs/index.ts';
import type { PermissionSpec } from '../auth/index.ts';
import type { ContactsMerged } from '../contacts/index.ts';
import type { Ctx } from '../context/index.ts';
import type { FlowDefinition, MessageChannel } from '../conversations/index.ts';
import type { ModuleImport } from '../imports/index.ts';
import type {
  ListedTemplate,
  NotificationChannel,
  NotificationOutcomeEvent,
} from '../notifications/index.ts';
import type { ClaimedSetting, GuardedSetting, OrganizationInput } from '../orgs/index.ts';
import type { Payment, PaymentProvider, PaymentPurposeLabel, PurposeRefunds } from '../payments/index.ts';
import type { ResourceDefinition } from '../resources/index.ts';
import type { RetentionDeclaration } from '../retention/index.ts';
import type { RowSink } from '../row-sinks/index.ts';
import type { AreaDeps } from './area-deps.ts';
import type { ModuleCommand } from './module-command.ts';
import { createModuleRuntime, type ModuleRuntime } from './module-runtime.ts';

/** A payment hook: runs in the payment transition's transaction (see `core/payments`). */
export type PaymentHook<R> = (tx: Ctx, rt: R, payment: Payment) => Promise<void>;

/** What a module does when the core raises an event; each runs in the transaction of the change. */
export interface ModuleHooks<R> {
  /** By payment purpose type (`raffle.order`): the module's own payments only. */
  paymentSettled?: Record<string, PaymentHook<R>>;
  paymentFailed?: Record<string, PaymentHook<R>>;
  paymentVoided?: Record<string, PaymentHook<R>>;
  /**
   * By template key (`prepaid.token_sms`): what the module does when one of its messages reaches its
   * end (delivered, or lost), in the transaction that records it: react here instead of polling.
   */
  notificationOutcome?: Record<string, (tx: Ctx, rt: R, event: NotificationOutcomeEvent) => Promise<void>>;
  /** Re-point the module's rows from `mergeId` to `keepId`; a throw rolls the merge back. */
  contactsMerged?: (tx: Ctx, rt: R, event: ContactsMerged) => Promise<void>;
}

/** A long-running task of a process that runs jobs (a bot poller, a listener). */
export interface Worker {
  name: string;
  /** Starts it; resolves once running, to a function that stops it. */
  start(): Promise<() => Promise<void>>;
}

/**
 * The organization `npm start` (`opsdesk start --demo`, `opsdesk seed-demo`) makes for a module's
 * business, runs only that module in, and fills with the module's `seed`.
 */
export interface ModuleDemo {
  /** Its slug (also the console's `?org=`), name, time zone, currency and languages. */
  organization: Omit<OrganizationInput, 'modules'>;
  /**
   * Where it comes among the demo organizations (made and listed in this order): the lowest is where
   * a demo login without `?org=` lands.
   */
  order: number;
  /**
   * The module's own settings the demo sets unless the environment has them
   * (`COFFEE_DEMO_SIMULATED_DEVICES`); names start with the module's (`COFFEE_`).
   */
  settings?: Readonly<Record<string, string>>;
}

/** A page of a browser app, as the start banner lists it. */
export interface WebAppPage {
  /** Its name in the banner (`scanner`, `booth`, `portal`). */
  label: string;
  /** Its path, as people open it (`/scanner/`, `/portal/<organization slug>/`). */
  path: string;
  /** Who it is for, in a few words. */
  about: string;
  /** The page of one organization (`/portal/<slug>/`), listed beside each demo organization of the module. */
  ofOrganization?: (slug: string) => string;
}

/**
 * A browser app a module ships: built by Vite into `web/<app>/dist` and served at `/<app>/` while
 * an enabled module declares it (two modules may share one: the scanner holds the mess counter and
 * the exhibition booth page).
 */
export interface WebAppDeclaration {
  /** The folder under `web/`: lowercase letters, digits and dashes. */
  app: string;
  /** Its pages this module's people open. */
  pages: ReadonlyArray<WebAppPage>;
}

/**
 * The one shape the app plugs in, for a core or channel area (`defineArea`) and for a module
 * (`defineModule`): everything the app needs. `start` builds the area's runtime for one app from
 * the deps it is given; every other factory receives that runtime, so nothing is bound in
 * module-level variables. Modules never import each other; they reach the core through its areas'
 * `index.ts`.
 */
export interface AreaDefinition<R = AreaDeps, C = unknown> {
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
   * Settings only holders of one of the area's permissions change (`payments.refunds.limits`, guarded
   * by the owner-only `payments.refund.limits`): `PATCH /api/org` refuses a change by anyone else
   * with 403 naming the permission, merges a change by the area's own rules and lets the area audit it.
   */
  guardedSettings?: GuardedSetting[];
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
  templates?: ReadonlyArray<ListedTemplate>;
  /** Builds the area's runtime for one app; without it the runtime is the deps themselves. */
  start?: (deps: AreaDeps, config: C) => R;
  /** Subcommands of `opsdesk` (`openpaygo`, `coffee simulate`), registered while the area is enabled. */
  commands?: ReadonlyArray<ModuleCommand<R>>;
  /** Fastify plugin with the module's routes (paths start with `/api/<name>/`). */
  routes?: (rt: R) => FastifyPluginAsyncZod;
  /** The module's jobs, each bound to its handler for this app (`someJob.handle(run)`). */
  jobs?: (rt: R) => JobHandler[];
  schedules?: ScheduleSpec[];
  /**
   * Work that runs beside the job workers in every process that works jobs, woken by name
   * (`JobQueue.wake`): the outbox's dispatcher, which sends straight from its table.
   */
  loops?: (rt: R) => JobLoop[];
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
   * Core's delivery policy when a message ends (the notifications area's alone: a module declares its
   * templates' policy as data, `DeliveryFallback`): runs in the transaction that records the end, before
   * any area's `hooks.notificationOutcome`, and answers the fallback it queued, which those hooks read
   * on the event.
   */
  deliveryPolicy?: (
    tx: Ctx,
    rt: R,
    event: NotificationOutcomeEvent,
  ) => Promise<NotificationOutcomeEvent['fallback']>;
  /**
   * By payment purpose type (`raffle.order`): what the module's payments pay for, in words staff
   * read when they verify a proof ("Raffle Rifa Navidad — numbers 5, 12"). Given many ids at once
   * (a review queue); ids it does not know are left out of the answer.
   */
  /**
   * By payment purpose type: what a refund of that purpose does to the module's record (`asked`,
   * `started`, `settled`, `rejected`; see `PurposeRefunds`). Core's refund routes and the module's own
   * both go through it, so the record, its reports and the person's message agree.
   */
  refunds?: Record<string, PurposeRefunds<R>>;
  purposeLabel?: Record<
    string,
    (ctx: Ctx, rt: R, purposeIds: ReadonlyArray<string>) => Promise<ReadonlyMap<string, PaymentPurposeLabel>>
  >;
  /**
   * By payment purpose type: the ids of the purposes whose payer (the name `purposeLabel` gives, or
   * their phone) holds one word a person typed in the payments list's search, in one read.
   */
  purposePayerSearch?: Record<string, (ctx: Ctx, rt: R, word: string) => Promise<ReadonlyArray<string>>>;
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
  /**
   * What the module brings over from the original system it replaces (issue 42): the original's
   * models and how each becomes the module's rows, run by `opsdesk import <module> --from <source>`.
   */
  imports?: (rt: R) => ModuleImport;
  /** Demo data for `opsdesk seed-demo`; must be safe to run on an organization once. */
  seed?: (ctx: Ctx, rt: R) => Promise<void>;
  /** The demo organization of the module's business, which `seed` fills. */
  demo?: ModuleDemo;
  /** Browser apps the module ships (the mess scanner, the prepaid portal), served while it is enabled. */
  webApps?: ReadonlyArray<WebAppDeclaration>;
}

/**
 * An area (core area or module) of any runtime type, as the app holds them in one list. Each definition is checked
 * against its own runtime type where it is written (`defineModule`); the list only pairs each
 * runtime with its own factories.
 */
// biome-ignore lint/suspicious/noExplicitAny: the runtime type is private to each module
export type AnyArea = AreaDefinition<any, any>;

/**
 * What a module writes: the area shape, except that `start` receives the runtime the core built
 * for it (`ModuleRuntime`: deps, its parsed config, jobs, files, publish, …) and may only extend
 * it. Without `start`, every factory receives that core runtime. Delivery policy is core's: a module
 * declares it on its templates.
 */
export interface ModuleDefinition<R extends ModuleRuntime<unknown> = ModuleRuntime, C = unknown>
  extends Omit<AreaDefinition<R, C>, 'start' | 'deliveryPolicy'> {
  start?: (core: ModuleRuntime<C>) => R;
}

const NAME = /^[a-z][a-z0-9]{1,30}$/;
const WEB_APP = /^[a-z][a-z0-9-]{0,30}$/;
const SECRET_PATH = /^[A-Za-z][A-Za-z0-9_]*(\.[A-Za-z][A-Za-z0-9_]*)+$/;

/** Every secret setting path the given areas declare (`secretSettings`), each once. */
export const secretSettingsOf = (areas: ReadonlyArray<AnyArea>): string[] => [
  ...new Set(areas.flatMap((a) => a.secretSettings ?? [])),
];

/** The browser apps the given areas declare, each once, in the order first declared. */
export const webAppsOf = (areas: ReadonlyArray<AnyArea>): string[] => [
  ...new Set(areas.flatMap((a) => (a.webApps ?? []).map((w) => w.app))),
];

/** The demo organizations of the given modules, in their `order`, each with its module. */
export const demoOrganizationsOf = (
  modules: ReadonlyArray<AnyArea>,
): Array<ModuleDemo & { module: AnyArea }> =>
  modules.flatMap((m) => (m.demo ? [{ ...m.demo, module: m }] : [])).sort((a, b) => a.order - b.order);

/** Every guarded setting the given areas declare (`guardedSettings`). */
export const guardedSettingsOf = (areas: ReadonlyArray<AnyArea>): GuardedSetting[] =>
  areas.flatMap((a) => a.guardedSettings ?? []);

/** Every claimed setting the given areas declare (`claimedSettings`). */
export const claimedSettingsOf = (areas: ReadonlyArray<AnyArea>): ClaimedSetting[] =>
  areas.flatMap((a) => a.claimedSettings ?? []);

/**
 * Declares a module: the core builds its `ModuleRuntime` for each app and hands it to the module's
 * `start` (or, without one, straight to its factories). Checked like an area (`defineArea`).
 */
export function defineModule<R extends ModuleRuntime<unknown> = ModuleRuntime, C = unknown>(
  def: ModuleDefinition<R, C>,
): AreaDefinition<R, C> {
  const { start, ...declared } = def;
  return defineArea<R, C>({
    ...declared,
    start: (deps, config) => {
      const core = createModuleRuntime(def.name, deps, config);
      // Without `start`, R is the core runtime itself (its default).
      return start ? start(core) : (core as R);
    },
  });
}

/**
 * Declares a core or channel area; checks its name and that its permissions, templates and error
 * codes live in its namespace.
 */
export function defineArea<R = AreaDeps, C = unknown>(def: AreaDefinition<R, C>): AreaDefinition<R, C> {
  if (!NAME.test(def.name)) throw new Error(`module name ${def.name} must be lowercase letters and digits`);
  const settings = [def.secretSettings ?? [], def.claimedSettings ?? [], def.guardedSettings ?? []];
  for (const path of settings.flat().map((s) => (typeof s === 'string' ? s : s.path))) {
    if (!SECRET_PATH.test(path) || !path.startsWith(`${def.name}.`))
      throw new Error(`setting ${path} must be a dotted path under ${def.name}. (like ${def.name}.apiKey)`);
  }
  for (const g of def.guardedSettings ?? []) {
    if (!(def.permissions ?? []).some((p) => p.key === g.permission))
      throw new Error(`setting ${g.path} is guarded by ${g.permission}, which ${def.name} does not declare`);
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
  for (const setting of Object.keys(def.demo?.settings ?? {})) {
    if (!setting.startsWith(`${def.name.toUpperCase()}_`))
      throw new Error(`demo setting ${setting} must start with ${def.name.toUpperCase()}_`);
  }
  for (const web of def.webApps ?? []) {
    if (!WEB_APP.test(web.app))
      throw new Error(`web app ${web.app} of ${def.name} must be lowercase letters, digits and dashes`);
  }
  return def;
}
