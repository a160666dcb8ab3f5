import { randomUUID } from 'node:crypto';
import type { Clock } from '../../platform/clock/index.ts';
import { type Db, outageLog, sql } from '../../platform/db/index.ts';
import { isDatabaseUnreachable } from '../../platform/errors/index.ts';
import type { JobLoop, JobQueue } from '../../platform/jobs/index.ts';
import type { Ctx } from '../context/index.ts';
import { type DeliveryDeps, type DeliveryOutcome, sendClaimed } from './deliver-notification.ts';
import {
  type ClaimedRow,
  type ClaimRule,
  claimDue,
  claimRuleOf,
  expiredLeases,
  idleClaimsOf,
  nextDueAt,
  stoppedSenderClaims,
  unreportedResends,
} from './delivery-claim.ts';
import type { NotificationChannel } from './notification-channel.ts';
import { type ChannelName, SEND_TIMEOUT_MS } from './notifications.rules.ts';
import { recordCutOff, recordNeverLeft, recordSenderStopped } from './outbox-states.ts';
import type { ListedTemplate } from './templates.ts';

/** The name the outbox's dispatcher is woken by (`JobQueue.wake`), in the transaction that queues a message. */
export const OUTBOX_LOOP = 'notifications.outbox';

/** How many messages one process sends at once (the old sending job's concurrency). */
export const OUTBOX_CONCURRENCY = 16;
/**
 * The database lane of the outbox's sends (`Database.lane`) and its connections, beside the app's
 * `DATABASE_POOL_SIZE`: with one pool, a 32-payer rush's token texts waited p95 2.9 s for connections
 * behind the purchases' requests.
 */
export const OUTBOX_LANE = 'outbox';
export const OUTBOX_CONNECTIONS = 4;
/**
 * The slow sweep: what no wake announces comes due by it (a lease another process let expire, a
 * recipient's pace another process started). Retries and report windows are timed exactly.
 */
export const OUTBOX_SWEEP_MS = 5_000;
/** How often a send's outcome is written again while the database cannot be reached. */
const PERSIST_RETRY_MS = 1_000;
/**
 * A sender not seen for this long has stopped (it is seen on each sweep, `OUTBOX_SWEEP_MS`): its
 * claims are settled (`recordSenderStopped`), not left to wait for their lease's end.
 */
export const SENDER_STALE_MS = 15_000;

interface Logger {
  debug(object: object, message: string): void;
  warn(object: object, message: string): void;
  error(object: object, message: string): void;
}

export interface OutboxDispatcherDeps {
  /** The deployment's database, unscoped: the claim takes any organization's due messages. */
  db: Db;
  jobs: JobQueue;
  clock: Clock;
  log: Logger;
  systemCtx(orgId: string, job: string): Ctx;
  /** Every outbox channel by name (`outboxChannels`); read at the first claim, once every area started. */
  channels: () => ReadonlyMap<ChannelName, NotificationChannel>;
  /** The app's templates (those that make files at send time). */
  templates?: () => ReadonlyArray<ListedTemplate>;
  /** OPSDESK_SECRET_KEY: opens the secrets a message was sealed with, for the send only. */
  secretKey: string;
  /** OPSDESK_SEND_TIMEOUT_SECONDS in milliseconds: how long one send may take. */
  sendTimeoutMs?: number;
  concurrency?: number;
  sweepMs?: number;
  /**
   * The database is this process's alone (the embedded PGlite): at start, every other sender's claim
   * was cut off by a stop, and is settled at once.
   */
  soleProcess?: boolean;
}

/**
 * The app's outbox: its dispatcher (a `JobLoop`, run where jobs are worked) and the send of messages
 * written just now by the caller (a chat step's replies, a staff message), which any process does.
 */
export interface Outbox extends JobLoop {
  /**
   * Sends these messages now, in order, each if it is due and its recipient's turn, stopping at the
   * first that is not (or that did not go out): the dispatcher sends the rest when due. Answers what
   * came of each one it sent.
   */
  sendNow(ctx: Ctx, ids: ReadonlyArray<string>): Promise<Array<DeliveryOutcome & { id: string }>>;
  /** The outbox's channels by name (the notification channels and the chat channels it sends through). */
  channels(): ReadonlyMap<ChannelName, NotificationChannel>;
  /**
   * One pass of the dispatcher, here and now, to its end: what its sweep settles, then every message
   * due, sent one after another. Answers how many it sent (tests, an operator's command).
   */
  runOnce(): Promise<number>;
  /** Stops its heartbeat (the app closes it before its database). */
  close(): Promise<void>;
}

type ClaimOptions = Omit<NonNullable<Parameters<typeof claimDue>[4]>, 'by'>;

/** What the first claim reads once every area started: the channels, their rules, the send's deps. */
interface Setup {
  send: DeliveryDeps;
  rules: ClaimRule[];
  retaken: ChannelName[];
  resent: ChannelName[];
}

/**
 * The outbox's dispatcher: the `notification` table is the queue (issue 75). It claims due messages
 * in batches (`claimDue`: `for update skip locked`, under a lease, each recipient's oldest first),
 * sends them `concurrency` at a time, and looks again when woken (`JobQueue.wake(OUTBOX_LOOP)` in the
 * transaction that queued a message: a NOTIFY on PostgreSQL, so any process's dispatcher wakes),
 * when a send finishes (the recipient's next message is due), at the next retry or report window,
 * and on a slow sweep. No job per message; any number of processes run one each.
 */
export function createOutbox(deps: OutboxDispatcherDeps): Outbox {
  return new OutboxDispatcher(deps);
}

class OutboxDispatcher implements Outbox {
  readonly name = OUTBOX_LOOP;
  private readonly concurrency: number;
  private readonly sweepMs: number;
  private readonly sendTimeoutMs: number;
  private readonly stopping = new AbortController();
  private readonly inFlight = new Set<Promise<void>>();
  private running = false;
  private again = false;
  private started = false;
  private timer: NodeJS.Timeout | undefined;
  private timerAt = Number.POSITIVE_INFINITY;
  private ready: Setup | undefined;
  /** An unreachable database is one warning every ten seconds; anything else is logged as it comes. */
  private readonly claimFailed: (err: Error) => void;
  private readonly recordFailed: (err: Error) => void;
  /**
   * Whether the next look also sweeps (leases ended, report windows passed, the next due time): on the
   * timer and at start, not on every wake of a rush, where each look is one claim statement.
   */
  private sweepDue = true;
  /** This process's sender (`outbox_sender`), named on each claim it takes. */
  private readonly senderId = randomUUID();
  private seenAt = Number.NEGATIVE_INFINITY;
  private beating: Promise<void> | undefined;
  private heartbeat: NodeJS.Timeout | undefined;
  private closed = false;
  private startSwept = false;
  /** The messages this process is sending now: claimed, their outcome not yet written. */
  private readonly busy = new Set<string>();
  /** Claim statements under way in this process. */
  private claiming = 0;
  /**
   * A claim statement failed (in a failover its commit may have landed while its answer was lost), or a
   * send's outcome could not be written: this process may hold claims none of its sends is under way
   * for. Its next heartbeat settles them (`releaseIdleClaims`), not their lease's end (minutes).
   */
  private idleClaimsPossible = false;
  private releasing: Promise<void> | undefined;

  constructor(private readonly deps: OutboxDispatcherDeps) {
    this.concurrency = deps.concurrency ?? OUTBOX_CONCURRENCY;
    this.sweepMs = deps.sweepMs ?? OUTBOX_SWEEP_MS;
    this.sendTimeoutMs = deps.sendTimeoutMs ?? SEND_TIMEOUT_MS;
    this.claimFailed = outageLog(deps.log, 'outbox dispatcher could not claim messages');
    this.recordFailed = outageLog(deps.log, 'outbox could not record a send');
  }

  async start() {
    this.started = true;
    this.wake();
  }

  channels() {
    return this.setup().send.channels;
  }

  async sendNow(ctx: Ctx, ids: ReadonlyArray<string>) {
    const outcomes: Array<DeliveryOutcome & { id: string }> = [];
    if (ids.length === 0) return outcomes;
    const { rules } = this.setup();
    await this.seen();
    const claim = (options: ClaimOptions) => this.claim(ctx.db, 1, { ...options, rules });
    let last: { claimed: ClaimedRow; outcome: DeliveryOutcome } | undefined;
    for (const id of ids) {
      const [claimed] = await claim({ only: id });
      if (!claimed) break;
      const outcome = await this.sendOne(ctx, claimed);
      outcomes.push({ id, ...outcome });
      last = { claimed, outcome };
      // A retry holds the recipient's line; anything else moves it on.
      if (outcome.status === 'queued') return outcomes;
    }
    // What was queued to this person meanwhile (another staff message, a notification) goes on from
    // here too, as the dispatcher would after a send: nothing waits for its next look.
    while (last?.outcome.more) {
      const { org_id, channel, recipient } = last.claimed;
      const [claimed] = await claim({ line: { orgId: org_id, channel, recipient } });
      if (!claimed) break;
      last = { claimed, outcome: await this.sendOne(this.ctxOf(claimed.org_id), claimed) };
    }
    return outcomes;
  }

  async runOnce() {
    const { rules } = this.setup();
    await this.settleUnanswered(this.deps.clock.now());
    let sent = 0;
    for (;;) {
      const claimed = await this.claim(this.deps.db, this.concurrency, { rules });
      if (claimed.length === 0) return sent;
      for (const row of claimed) await this.send(row);
      sent += claimed.length;
    }
  }

  async close() {
    this.closed = true;
    if (this.heartbeat) clearInterval(this.heartbeat);
    this.heartbeat = undefined;
    await this.beating?.catch(() => undefined);
  }

  /**
   * Marks this sender seen (at most once a sweep), before it claims: a claim names a sender whose
   * heartbeat goes on while the process lives, in every process that sends (a web process that
   * answers chats runs no dispatcher).
   */
  private seen(): Promise<void> {
    if (this.closed) return Promise.resolve();
    this.heartbeat ??= setInterval(
      // A failed beat is tried again on the next (an outage is logged by the claims); a failed release too.
      () =>
        void this.seen()
          .then(this.releaseIdleClaims, () => undefined)
          .catch(this.recordFailed),
      this.sweepMs,
    ).unref();
    const now = this.deps.clock.now();
    if (this.beating && now.getTime() - this.seenAt < this.sweepMs) return this.beating;
    this.seenAt = now.getTime();
    const beat = sql`
      insert into outbox_sender (id, started_at, seen_at) values (${this.senderId}, ${now}, ${now})
      on conflict (id) do update set seen_at = excluded.seen_at`
      .execute(this.deps.db)
      .then(() => undefined);
    // A failed beat is tried again on the next claim.
    beat.catch(() => {
      this.seenAt = Number.NEGATIVE_INFINITY;
    });
    this.beating = beat;
    return beat;
  }

  /** Looks for due messages now, or once the look under way ends. */
  wake = () => {
    if (!this.started) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = true;
    void this.pump()
      .catch((err: Error) => this.claimFailed(err))
      .finally(() => {
        this.running = false;
        if (this.again) setImmediate(this.wake);
        else this.wakeAt(Number.POSITIVE_INFINITY);
      });
  };

  async stop() {
    if (!this.started) return;
    this.started = false;
    void this.close();
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    // Sends under way finish (or, past the grace, are cut: their channel's rule settles them).
    const grace = setTimeout(() => this.stopping.abort(new Error('the app is stopping')), 10_000);
    await Promise.allSettled([...this.inFlight]);
    clearTimeout(grace);
    while (this.running) await new Promise((resolve) => setTimeout(resolve, 10));
  }

  private setup(): Setup {
    if (this.ready) return this.ready;
    const channels = this.deps.channels();
    const templates = new Map((this.deps.templates?.() ?? []).map((t) => [t.key, t]));
    const rules = [...channels.values()].map((c) => claimRuleOf(c, this.sendTimeoutMs));
    this.ready = {
      send: {
        channels,
        jobs: this.deps.jobs,
        signal: this.stopping.signal,
        templates: (key) => templates.get(key),
        secretKey: this.deps.secretKey,
        sendTimeoutMs: this.sendTimeoutMs,
      },
      rules,
      retaken: rules.filter((r) => r.retake).map((r) => r.channel),
      resent: rules.filter((r) => r.resend).map((r) => r.channel),
    };
    return this.ready;
  }

  /** Wakes the dispatcher at `at` (on the app's clock, at most a sweep away), unless it wakes sooner. */
  private wakeAt(at: number) {
    if (!this.started) return;
    const delay = Math.max(0, Math.min(at - this.deps.clock.now().getTime(), this.sweepMs));
    const due = Date.now() + delay;
    if (this.timer && this.timerAt <= due) return;
    if (this.timer) clearTimeout(this.timer);
    this.timerAt = due;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.timerAt = Number.POSITIVE_INFINITY;
      this.sweepDue = true;
      this.wake();
    }, delay);
    this.timer.unref();
  }

  /** Claims what is due while there is room, sending each claimed message as it comes. */
  private async pump() {
    const { rules } = this.setup();
    const sweep = this.sweepDue;
    this.sweepDue = false;
    if (sweep) await this.settleUnanswered(this.deps.clock.now());
    do {
      this.again = false;
      const claimed = await this.claim(this.deps.db, this.concurrency - this.inFlight.size, { rules });
      for (const row of claimed) this.track(row);
      // A full batch may have left more behind; a send that finishes wakes it again too.
      if (claimed.length > 0 && this.inFlight.size < this.concurrency) this.again = true;
    } while (this.again && this.started);
    if (!sweep && this.inFlight.size > 0) return;
    const next = await nextDueAt(this.deps.db, this.deps.clock.now());
    if (next) this.wakeAt(next.getTime());
  }

  private track(row: ClaimedRow) {
    const sending = this.send(row).finally(() => {
      this.inFlight.delete(sending);
      this.wake();
      // The recipient's next message comes due when the channel's pace allows it.
      const pace = this.setup().rules.find((r) => r.channel === row.channel)?.paceMs ?? 0;
      if (pace > 0) this.wakeAt(this.deps.clock.now().getTime() + pace);
    });
    this.inFlight.add(sending);
  }

  private async send(row: ClaimedRow) {
    const ctx = this.ctxOf(row.org_id);
    try {
      const outcome = await this.sendOne(ctx, row);
      if (outcome.error)
        this.deps.log.warn(
          { notificationId: row.id, status: outcome.status, ...outcome.error },
          outcome.status === 'queued' ? 'message not sent; it will be tried again' : 'message given up',
        );
    } catch (err) {
      this.recordFailed(err as Error);
    }
  }

  /**
   * Claims due messages as this sender (`claimDue`), and keeps them as this process's sends under way;
   * waits while its idle claims are being settled, so none it takes now is taken for idle.
   */
  private async claim(db: Db, limit: number, options: ClaimOptions & { rules: ClaimRule[] }) {
    while (this.releasing) await this.releasing.catch(() => undefined);
    this.claiming += 1;
    try {
      const { rules, ...only } = options;
      const claimed = await claimDue(db, this.deps.clock.now(), limit, rules, { ...only, by: this.senderId });
      for (const row of claimed) this.busy.add(row.id);
      return claimed;
    } catch (err) {
      this.idleClaimsPossible = true;
      throw err;
    } finally {
      this.claiming -= 1;
    }
  }

  /** Sends a claimed message and writes its outcome; one whose outcome was not written stays claimed, idle. */
  private async sendOne(ctx: Ctx, row: ClaimedRow): Promise<DeliveryOutcome> {
    try {
      return await sendClaimed(ctx, this.setup().send, row, this.persist);
    } catch (err) {
      this.idleClaimsPossible = true;
      throw err;
    } finally {
      this.busy.delete(row.id);
    }
  }

  /**
   * Settles this process's claims that none of its sends is under way for, as a stopped sender's are
   * (`recordSenderStopped`: one whose request never began is queued again at once), while no claim is
   * being taken (`claim` waits).
   */
  private releaseIdleClaims = (): Promise<void> | undefined => {
    if (!this.idleClaimsPossible || this.claiming > 0 || this.releasing || this.closed) return undefined;
    const release = async () => {
      const idle = await idleClaimsOf(this.deps.db, this.senderId, [...this.busy]);
      for (const claim of idle)
        await recordSenderStopped(
          this.ctxOf(claim.org_id),
          claim,
          this.setup().send.channels.get(claim.channel)?.ambiguousSends,
        );
      // A full page may have left more; an empty one ends it.
      if (idle.length === 0) this.idleClaimsPossible = false;
    };
    this.releasing = release().finally(() => {
      this.releasing = undefined;
    });
    return this.releasing;
  };

  /**
   * Writes a send's outcome, again and again while the database cannot be reached (a failover): the
   * message is settled as soon as a server takes writes, not when its lease ends.
   */
  private persist = async <T>(write: () => Promise<T>): Promise<T> => {
    for (;;) {
      try {
        return await write();
      } catch (err) {
        // Written again while the app is open, in a process that runs no dispatcher too (a web process
        // that sent a chat step's reply): the message is settled as soon as a server takes writes.
        if (!isDatabaseUnreachable(err) || this.closed) throw err;
        this.recordFailed(err as Error);
        await new Promise((resolve) => setTimeout(resolve, PERSIST_RETRY_MS).unref());
      }
    }
  };

  /**
   * What the channels' rules give up: claims whose sender died where a repeat is never safe (lost to
   * their module, `recordCutOff`), and sends whose answer was lost twice with no report.
   */
  private async settleUnanswered(now: Date) {
    const { retaken, resent, send } = this.setup();
    await this.seen();
    if (!this.startSwept) {
      // Senders long gone are forgotten; on a database no other process can open, every other sender
      // is gone, and the claims a stop cut off are settled now rather than in seconds.
      const sole = this.deps.soleProcess === true;
      await sql`delete from outbox_sender
        where id <> ${this.senderId} and (${sole} or seen_at < ${new Date(now.getTime() - 86_400_000)})`.execute(
        this.deps.db,
      );
      this.startSwept = true;
    }
    for (const claim of await stoppedSenderClaims(this.deps.db, now, this.senderId, SENDER_STALE_MS))
      await recordSenderStopped(
        this.ctxOf(claim.org_id),
        claim,
        send.channels.get(claim.channel)?.ambiguousSends,
      );
    for (const row of await expiredLeases(this.deps.db, now, retaken))
      await recordCutOff(this.ctxOf(row.org_id), row.id);
    if (resent.length === 0) return;
    for (const row of await unreportedResends(this.deps.db, now, resent))
      await recordNeverLeft(
        this.ctxOf(row.org_id),
        row.id,
        'no report in its window after its answer was lost, twice: the provider never took it',
      );
  }

  /** The organization's context the dispatcher acts in (its audit and log name). */
  private ctxOf(orgId: string) {
    return this.deps.systemCtx(orgId, 'notifications.outbox');
  }
}
