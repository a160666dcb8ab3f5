import type { FastifyBaseLogger } from 'fastify';
import type { JobQueue } from '../../platform/jobs/index.ts';
import type { Ctx } from '../context/index.ts';
import { createI18n, type I18n } from '../i18n/index.ts';
import type { Outbox } from '../notifications/index.ts';
import { getOrganization, type Organization } from '../orgs/index.ts';
import type { MessageChannel } from './channel.types.ts';
import { conversationsCatalogs } from './conversations.catalog.ts';
import { type FlowDefinition, runsFlow } from './flow.types.ts';
import { createGroupCommit, type GroupCommit } from './group-commit.ts';
import { createInboundArrivals, type InboundArrivals } from './inbound-arrivals.ts';

/**
 * The conversation engine of one running app: the flows and chat channels its enabled areas
 * declared, and the translations of the flows. Two apps in one process never share one.
 */
export interface ConversationsRuntime {
  readonly log: FastifyBaseLogger;
  /** The app's job queue: deliveries queue what the channel lets them send only later. */
  readonly jobs: JobQueue;
  readonly i18n: I18n;
  channel(name: string): MessageChannel | undefined;
  channels(): ReadonlyArray<MessageChannel>;
  flow(name: string): FlowDefinition | undefined;
  flowNames(): string[];
  /** The flows an organization runs (their module is one it runs), by name. */
  flowNamesFor(org: { modules: string[] | null }): string[];
  /**
   * The caller's organization (languages, settings: which flow a channel runs, a module's own). With
   * `version` (the row's version as `v_orgs_organization` shows it, read with the step's waiting
   * messages), the one read at that version: a change of settings reaches the next step in every
   * process, and an unchanged organization is never read again (issue 64). Without it, as read at
   * most `ORGANIZATION_CACHE_MS` ago.
   */
  organization(ctx: Ctx, version?: string | null): Promise<Organization>;
  /**
   * The app's group commit of the chat's hot writes (issue 43): the messages webhooks store
   * (`receiveInbound`) and the steps' results with their replies (`answerWaitingMessages`) go through
   * this one batcher. The app closes it (writing what waits) before its database closes.
   */
  readonly groupCommit: GroupCommit;
  /** The app's outbox: a step's replies and a staff message are sent from it at once (`sendNow`). */
  readonly outbox: Pick<Outbox, 'sendNow'>;
  /** Each person's inbound messages in the order their requests arrived (`Arrival`, issue 64). */
  readonly inboundArrivals: InboundArrivals;
  /** Runs `work` after every earlier work of the same key in this app has settled (simulator chats). */
  oneAtATime<T>(key: string, work: () => Promise<T>): Promise<T>;
}

export interface ConversationsRuntimeDeps {
  log: FastifyBaseLogger;
  /** The app's job queue (a conversation's messages handled later: held, or after a crash). */
  jobs: JobQueue;
  /** Every declared flow and chat channel; read once, after every area of the app has started. */
  flows: () => ReadonlyArray<FlowDefinition>;
  channels: () => ReadonlyArray<MessageChannel>;
  outbox: Pick<Outbox, 'sendNow'>;
  /** Wall time for the organization cache (a cache's age, not business time); default Date.now. */
  now?: () => number;
}

/**
 * A chat channel whose flow for an organization is the one it names (its settings), else the first
 * flow of a module the organization runs that declares itself the default on this channel
 * (`defaultOn`): which module's flow runs where is the modules' to say, not the channel's.
 */
function withDefaultFlow(channel: MessageChannel, flows: ReadonlyArray<FlowDefinition>): MessageChannel {
  const { flowFor } = channel;
  if (!flowFor) return channel;
  const defaults = flows.filter((f) => f.defaultOn?.includes(channel.name));
  return {
    ...channel,
    flowFor: (org, raw) => flowFor(org, raw) ?? defaults.find((f) => runsFlow(org, f))?.name,
  };
}

/** How long a conversation step reuses an organization it read. */
export const ORGANIZATION_CACHE_MS = 2_000;

/** The engine of one app; a flow name used twice is refused. */
export function createConversationsRuntime(deps: ConversationsRuntimeDeps): ConversationsRuntime {
  let built:
    | { i18n: I18n; flows: Map<string, FlowDefinition>; channels: Map<string, MessageChannel> }
    | undefined;
  const assemble = () => {
    if (built) return built;
    const i18n = createI18n({ catalogs: { conversations: conversationsCatalogs } });
    const flows = new Map<string, FlowDefinition>();
    for (const flow of deps.flows()) {
      if (flows.has(flow.name)) throw new Error(`two conversation flows are named ${flow.name}`);
      flows.set(flow.name, flow);
      if (flow.catalog) i18n.registerCatalog(flow.name, flow.catalog);
    }
    // Names are unique: the app refuses two chat channels with one name when it starts.
    const channels = new Map(
      deps.channels().map((channel) => [channel.name, withDefaultFlow(channel, [...flows.values()])]),
    );
    built = { i18n, flows, channels };
    return built;
  };
  const running = new Map<string, Promise<unknown>>();
  const now = deps.now ?? Date.now;
  const organizations = new Map<
    string,
    { until: number; version: string | null; org: Promise<Organization> }
  >();
  const groupCommit = createGroupCommit();
  return {
    groupCommit,
    outbox: deps.outbox,
    inboundArrivals: createInboundArrivals(),
    log: deps.log,
    jobs: deps.jobs,
    organization(ctx, version) {
      const cached = organizations.get(ctx.orgId);
      if (cached && (version ? cached.version === version : cached.until > now())) return cached.org;
      // Read after `version` was: at that version or a later one, which the next step's version tells.
      const org = getOrganization(ctx);
      organizations.set(ctx.orgId, { until: now() + ORGANIZATION_CACHE_MS, version: version ?? null, org });
      org.catch(() => {
        if (organizations.get(ctx.orgId)?.org === org) organizations.delete(ctx.orgId);
      });
      return org;
    },
    async oneAtATime(key, work) {
      const previous = running.get(key) ?? Promise.resolve();
      const next = previous.catch(() => undefined).then(work);
      running.set(key, next);
      try {
        return await next;
      } finally {
        if (running.get(key) === next) running.delete(key);
      }
    },
    get i18n() {
      return assemble().i18n;
    },
    channel: (name) => assemble().channels.get(name),
    channels: () => [...assemble().channels.values()],
    flow: (name) => assemble().flows.get(name),
    flowNames: () => [...assemble().flows.keys()].sort(),
    flowNamesFor: (org) =>
      [...assemble().flows.values()]
        .filter((f) => runsFlow(org, f))
        .map((f) => f.name)
        .sort(),
  };
}
