import type { PermissionSpec } from '../core/auth/index.ts';
import { type CoreEvents, type Ctx, type Events, systemCtx } from '../core/context/index.ts';
import { chatOutboxChannels, createConversationsRuntime } from '../core/conversations/index.ts';
import { type AnyArea, type AreaDeps, createEvents, type Declared } from '../core/modules/index.ts';
import {
  createOutbox,
  OUTBOX_CONNECTIONS,
  OUTBOX_LANE,
  type Outbox,
  outboxChannels,
} from '../core/notifications/index.ts';
import { ConfigError } from '../platform/config/index.ts';
import type { Database } from '../platform/db/index.ts';

/** An area with the runtime its `start` built for this app. */
export interface StartedArea {
  area: AnyArea;
  rt: unknown;
}

/**
 * Starts every enabled area for one app, in order: each module's own settings are read from the
 * environment, `start` builds its runtime, then the app's event handlers and the declarations of
 * all areas (flows, channels, templates, resources) are collected and checked for clashes. What a
 * runtime reads from `deps.declared` is complete once this returns.
 */
export function startAreas(
  areas: ReadonlyArray<AnyArea>,
  base: Omit<AreaDeps, 'events' | 'declared' | 'systemCtx' | 'conversations' | 'outbox'>,
): { deps: AreaDeps; started: StartedArea[]; catalog: PermissionSpec[] } {
  let events: Events | undefined;
  const forwardEvents: Events = {
    emit: <K extends keyof CoreEvents>(name: K, tx: Ctx, payload: CoreEvents[K]) => {
      if (!events) throw new Error(`event ${String(name)} raised before the app finished starting`);
      return events.emit(name, tx, payload);
    },
  };
  let declared: Declared | undefined;
  const read = <K extends keyof Declared>(key: K): Declared[K] =>
    (() => {
      if (!declared) throw new Error(`${key} read before every area started`);
      return declared[key]();
    }) as Declared[K];
  const flows = read('flows');
  const chatChannels = read('chatChannels');
  const notificationChannels = read('notificationChannels');
  const templates = read('templates');
  const ctxOn = (database: Database) => (orgId: string, job: string) =>
    systemCtx({ orgId, db: database.forOrg(orgId), clock: base.clock, events: forwardEvents, job });
  const ctxOf = ctxOn(base.database);
  // The outbox's sends have connections of their own: in a rush they do not queue behind the requests.
  const lane = base.database.lane(OUTBOX_LANE, OUTBOX_CONNECTIONS);
  const outbox: Outbox = createOutbox({
    db: lane.db,
    jobs: base.jobs,
    clock: base.clock,
    log: base.log,
    systemCtx: ctxOn(lane),
    channels: () => outboxChannels([...notificationChannels(), ...chatOutboxChannels(chatChannels())]),
    templates,
    secretKey: base.config.OPSDESK_SECRET_KEY,
    sendTimeoutMs: base.config.OPSDESK_SEND_TIMEOUT_SECONDS * 1000,
    soleProcess: base.database.kind === 'pglite',
  });
  const deps: AreaDeps = {
    ...base,
    conversations: createConversationsRuntime({
      log: base.log,
      jobs: base.jobs,
      flows,
      channels: chatChannels,
      outbox,
    }),
    outbox,
    events: forwardEvents,
    systemCtx: ctxOf,
    declared: {
      flows,
      chatChannels,
      notificationChannels,
      paymentProviders: read('paymentProviders'),
      rowSinks: read('rowSinks'),
      templates,
      resources: read('resources'),
      permissions: read('permissions'),
      purposeLabels: read('purposeLabels'),
      retention: read('retention'),
      imports: read('imports'),
    },
  };
  const started = startEach(areas, deps, base.config.env);
  events = createEvents(started);
  declared = collect(started);
  // Read every declaration now, so a clash stops the start instead of the first request.
  for (const key of Object.keys(deps.declared) as Array<keyof Declared>) deps.declared[key]();
  return { deps, started, catalog: [...deps.declared.permissions()] };
}

/** Builds each area's runtime on its own settings; every area's unreadable settings are reported together. */
function startEach(
  areas: ReadonlyArray<AnyArea>,
  deps: AreaDeps,
  env: AreaDeps['config']['env'],
): StartedArea[] {
  const problems: string[] = [];
  const started = areas.flatMap((area) => {
    const parsed = area.config?.safeParse(env);
    if (parsed && !parsed.success) {
      for (const i of parsed.error.issues)
        problems.push(`${i.path.join('.')}: ${i.message} (module ${area.name})`);
      return []; // never started on settings it could not read
    }
    return [{ area, rt: area.start ? area.start(deps, parsed?.data) : deps }];
  });
  if (problems.length) throw new ConfigError(problems);
  return started;
}

function collect(started: ReadonlyArray<StartedArea>): Declared {
  const all = <T>(pick: (s: StartedArea) => ReadonlyArray<T> | undefined) => {
    const list = started.flatMap((s) => pick(s) ?? []);
    return () => list;
  };
  refuseDuplicateErrorCodes(started.map((s) => s.area));
  const templates = unique(
    started.flatMap((s) => s.area.templates ?? []),
    (t) => t.key,
    'notification template',
  );
  return {
    // Only modules declare flows: each is offered where its module runs (`runsFlow`).
    flows: all((s) => s.area.flows?.(s.rt)?.map((flow) => ({ ...flow, module: s.area.name }))),
    chatChannels: unique(
      started.flatMap((s) => s.area.chatChannels?.(s.rt) ?? []),
      (c) => c.name,
      'chat channel',
    ),
    notificationChannels: unique(
      started.flatMap((s) => s.area.notificationChannels?.(s.rt) ?? []),
      (c) => c.name,
      'notification channel',
    ),
    paymentProviders: unique(
      started.flatMap((s) => s.area.paymentProviders?.(s.rt) ?? []),
      (p) => p.method,
      'payment provider',
    ),
    rowSinks: unique(
      started.flatMap((s) => s.area.rowSinks?.(s.rt) ?? []),
      (sink) => sink.name,
      'row sink',
    ),
    templates,
    resources: all((s) => s.area.resources?.(s.rt)),
    permissions: all((s) => s.area.permissions),
    purposeLabels: unique(
      started.flatMap((s) =>
        Object.entries(s.area.purposeLabel ?? {}).map(([type, label]) => {
          const payers = s.area.purposePayerSearch?.[type];
          return {
            type,
            label: (ctx: Ctx, ids: ReadonlyArray<string>) => label(ctx, s.rt, ids),
            ...(payers ? { findByPayer: (ctx: Ctx, word: string) => payers(ctx, s.rt, word) } : {}),
          };
        }),
      ),
      (l) => l.type,
      'payment purpose label',
    ),
    retention: retentionOf(started),
    imports: all((s) => {
      const mapping = s.area.imports;
      return mapping ? [{ module: s.area.name, mapping: () => mapping(s.rt) }] : [];
    }),
  };
}

/** Every area's retention declaration; a kind lives in its area's namespace and is declared once. */
function retentionOf(started: ReadonlyArray<StartedArea>): Declared['retention'] {
  const list = started.flatMap((s) => {
    const declared = s.area.retention?.(s.rt);
    for (const rule of declared?.rules ?? [])
      if (!rule.kind.startsWith(`${s.area.name}.`))
        throw new Error(`retention kind ${rule.kind} must start with ${s.area.name}.`);
    return declared ? [declared] : [];
  });
  unique(
    list.flatMap((d) => d.rules ?? []),
    (r) => r.kind,
    'retention kind',
  );
  return () => list;
}

/** The list as a declaration, refused when two entries share a key (two MoMo drivers, say). */
function unique<T>(list: ReadonlyArray<T>, keyOf: (item: T) => string, what: string): () => ReadonlyArray<T> {
  const keys = new Set<string>();
  for (const item of list) {
    const key = keyOf(item);
    if (keys.has(key)) throw new Error(`${what} ${key} is declared twice`);
    keys.add(key);
  }
  return () => list;
}

/** Codes carry their area's name, so a code declared twice is a bug (a table listed twice, say). */
function refuseDuplicateErrorCodes(areas: ReadonlyArray<AnyArea>): void {
  const owners = new Map<string, string>();
  for (const area of areas) {
    for (const kind of (area.errors ?? []).flatMap((table) => table.kinds)) {
      const owner = owners.get(kind.code);
      if (owner) throw new Error(`error code ${kind.code} is declared twice (${owner} and ${area.name})`);
      owners.set(kind.code, area.name);
    }
  }
}
