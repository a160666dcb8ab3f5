import { createI18n, type I18n } from '../i18n/index.ts';
import type { ModuleDefinition, ModuleDeps } from '../modules/index.ts';
import type { ChannelDriver } from './channel.types.ts';
import { conversationsCatalogs } from './conversations.catalog.ts';
import type { FlowDefinition } from './flow.types.ts';

/**
 * The conversation engine of one running app: its flows, its channel drivers and its messages.
 * One per `ModuleDeps` (one per app), so two apps in one process (tests) never share drivers.
 */
export interface ConversationsRuntime {
  readonly deps: ModuleDeps;
  readonly i18n: I18n;
  registerChannel(driver: ChannelDriver): void;
  channel(name: string): ChannelDriver | undefined;
  /** Adds flows; registering the same definition twice is harmless, another flow of the same name is not. */
  registerFlows(flows: ReadonlyArray<FlowDefinition>): void;
  flow(name: string): FlowDefinition | undefined;
  flowNames(): string[];
}

const runtimes = new WeakMap<ModuleDeps, ConversationsRuntime>();

/** The engine of the app `deps` belongs to, created on first use. */
export function conversationsOf(deps: ModuleDeps): ConversationsRuntime {
  let runtime = runtimes.get(deps);
  if (!runtime) {
    runtime = createRuntime(deps);
    runtimes.set(deps, runtime);
  }
  return runtime;
}

/** Registers the flows of the given modules (the composition root's list of enabled modules). */
export function registerModuleFlows(deps: ModuleDeps, modules: ReadonlyArray<ModuleDefinition>): void {
  conversationsOf(deps).registerFlows(modules.flatMap((m) => m.flows ?? []));
}

function createRuntime(deps: ModuleDeps): ConversationsRuntime {
  const i18n = createI18n({ catalogs: { conversations: conversationsCatalogs } });
  const channels = new Map<string, ChannelDriver>();
  const flows = new Map<string, FlowDefinition>();

  const registerFlows = (list: ReadonlyArray<FlowDefinition>) => {
    for (const flow of list) {
      const known = flows.get(flow.name);
      if (known === flow) continue;
      if (known) throw new Error(`two conversation flows are named ${flow.name}`);
      flows.set(flow.name, flow);
      if (flow.catalog) i18n.registerCatalog(flow.name, flow.catalog);
    }
  };

  return {
    deps,
    i18n,
    registerChannel: (driver) => {
      channels.set(driver.name, driver);
    },
    channel: (name) => channels.get(name),
    registerFlows,
    flow: (name) => {
      return flows.get(name);
    },
    flowNames: () => {
      return [...flows.keys()].sort();
    },
  };
}
