import type { FastifyBaseLogger } from 'fastify';
import type { Registry } from 'prom-client';
import type { Clock } from '../../platform/clock/index.ts';
import type { Config } from '../../platform/config/index.ts';
import type { Database } from '../../platform/db/index.ts';
import type { JobQueue } from '../../platform/jobs/index.ts';
import type { LiveChannel } from '../../platform/live/index.ts';
import type { PermissionSpec } from '../auth/index.ts';
import type { Ctx, Events } from '../context/index.ts';
import type { ConversationsRuntime, FlowDefinition, MessageChannel } from '../conversations/index.ts';
import type { FileStore } from '../files/index.ts';
import type { ModuleImport } from '../imports/index.ts';
import type { ListedTemplate, NotificationChannel, Outbox } from '../notifications/index.ts';
import type { PaymentProvider, PurposeLabeler } from '../payments/index.ts';
import type { ResourceDefinition } from '../resources/index.ts';
import type { RetentionDeclaration } from '../retention/index.ts';
import type { RowSink } from '../row-sinks/index.ts';

/**
 * What the composition root gives every area when the app starts: one set per app, so two apps in
 * one process (tests) share nothing. Pass on only what a use case uses.
 */
export interface AreaDeps {
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
  /**
   * The app's outbox: every outgoing message leaves from it (its dispatcher runs where jobs are
   * worked); its channels are the notification channels and the chat channels it sends through.
   */
  outbox: Outbox;
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
  templates(): ReadonlyArray<ListedTemplate>;
  resources(): ReadonlyArray<ResourceDefinition>;
  permissions(): ReadonlyArray<PermissionSpec>;
  /** What each payment purpose type pays for, in words (`purposeLabel` of the owning areas). */
  purposeLabels(): ReadonlyArray<PurposeLabeler>;
  /** What each area keeps for a limited time, and what it still needs (`retention`). */
  retention(): ReadonlyArray<RetentionDeclaration>;
  /** What each module brings over from the original system it replaces (`imports`), by module. */
  imports(): ReadonlyArray<DeclaredImport>;
}

/** A module's import: `mapping()` prepares it for one run (a mapping keeps what a run read). */
export interface DeclaredImport {
  module: string;
  mapping(): ModuleImport;
}
