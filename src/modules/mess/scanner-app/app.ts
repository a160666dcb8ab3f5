import { ApiError } from '../../../../web/kit/api.ts';
import { signInProblem } from '../../../../web/kit/sign-in.ts';
import { uuid } from '../../../../web/kit/uuid.ts';
import type { ScannerApi } from './api.ts';
import type { Decision, ScanResult, SessionJson } from './contract.ts';
import {
  decideCode,
  decideRoll,
  LEGACY_PASS_TEXT,
  type LocalDecision,
  type PreparedSnapshot,
  prepareSnapshot,
  servedWindows,
} from './decide.ts';
import { type MealNow, mealNow } from './meal-now.ts';
import type { ScannerStore, StoredScan } from './store.ts';
import { syncQueued } from './sync.ts';

const SYNC_EVERY_MS = 15_000;
const PROBE_FIRST_MS = 2_000;
const PROBE_MAX_MS = 30_000;
const CLOCK_TOLERANCE_MS = 2 * 60_000;
const CLOCK_OFFSET_KEY = 'opsdesk.scanner.clockOffsetMs';
/** While online, the snapshot is fetched again once it is this old (and at every reconnection). */
const SNAPSHOT_FRESH_MS = 60_000;
const MEAL_EVERY_MS = 30_000;
const KEEP_SENT_MS = 3 * 24 * 3600_000;
const RECENT = 12;

export interface ScannerState {
  screen: 'loading' | 'login' | 'scan';
  session?: SessionJson;
  online: boolean;
  /** The server refused the session while scans wait: they are kept until the next sign-in. */
  needsLogin: boolean;
  syncing: boolean;
  queued: number;
  syncError?: string;
  snapshotAt?: string;
  /** The meal being served now by this phone's snapshot, shown before any scan. */
  mealNow?: MealNow;
  /** The scan on screen. */
  current?: {
    scan: StoredScan;
    local: LocalDecision;
    /**
     * Online, a local denial waits for the server (a snapshot a few minutes old may not know a
     * student approved or paid since); a local allowance is shown at once.
     */
    awaitingServer: boolean;
  };
  recent: StoredScan[];
  loginError?: string;
}

/**
 * The scanner's behaviour without the DOM: decides every scan on the phone first, stores it
 * (queued) before showing it, and sends the queue whenever the server is reachable.
 */

export class ScannerApp {
  state: ScannerState = {
    screen: 'loading',
    online: navigator.onLine,
    needsLogin: false,
    syncing: false,
    queued: 0,
    recent: [],
  };
  private prepared: PreparedSnapshot | undefined;
  private served = new Set<string>();
  private syncing: Promise<void> | undefined;
  private syncAgain = false;
  private probeTimer: ReturnType<typeof setTimeout> | undefined;
  private probeDelay = PROBE_FIRST_MS;
  private clockOffsetMs = Number(localStorage.getItem(CLOCK_OFFSET_KEY)) || 0;
  /** When this phone last received a snapshot (its own clock), to refresh it while online. */
  private snapshotFetchedAt = 0;

  constructor(
    private readonly store: ScannerStore,
    private readonly api: ScannerApi,
    readonly deviceId: string,
    private readonly onChange: (state: ScannerState) => void,
    /** Called once per scan with the verdict shown to staff (for sound and vibration). */
    private readonly onVerdict: (decision: Decision | undefined) => void = () => {},
  ) {}

  private set(patch: Partial<ScannerState>): void {
    this.state = { ...this.state, ...patch };
    this.onChange(this.state);
  }

  async start(): Promise<void> {
    const [session, snapshot] = await Promise.all([this.store.getSession(), this.store.getSnapshot()]);
    if (snapshot) this.prepared = prepareSnapshot(snapshot);
    if (session) this.api.csrfToken = session.csrfToken;
    await this.refreshLocal();
    this.set({ screen: session ? 'scan' : 'login', ...(session ? { session } : {}) });
    window.addEventListener('online', () => {
      // The event can come before requests get through: probe now and soon again.
      this.probeDelay = PROBE_FIRST_MS;
      void this.reconnect();
      this.scheduleProbe();
    });
    window.addEventListener('offline', () => {
      this.set({ online: false });
      this.scheduleProbe();
    });
    document.addEventListener('visibilitychange', () => {
      if (!document.hidden) void this.reconnect();
    });
    // The meal on screen follows the clock.
    setInterval(() => this.set({ mealNow: this.currentMeal() }), MEAL_EVERY_MS);
    this.scheduleProbe();
    if (session) await this.reconnect();
  }

  /**
   * Offline is detected, never switched by hand: while the server is unreachable it is probed with
   * backoff (2 s doubling to 30 s); while reachable, queued scans are retried every 15 s and the
   * snapshot is fetched again once a minute old, so a phone that goes offline decides with the
   * meals, students and payments of the last minute it was online (issue 40, item 7).
   */
  private scheduleProbe(): void {
    clearTimeout(this.probeTimer);
    const delay = this.state.online ? SYNC_EVERY_MS : this.probeDelay;
    this.probeTimer = setTimeout(async () => {
      if (this.state.queued > 0 || !this.state.online) await this.reconnect();
      else if (Date.now() - this.snapshotFetchedAt >= SNAPSHOT_FRESH_MS) await this.refreshSnapshot();
      this.probeDelay = this.state.online ? PROBE_FIRST_MS : Math.min(this.probeDelay * 2, PROBE_MAX_MS);
      this.scheduleProbe();
    }, delay);
  }

  /** Checks the session, refreshes the snapshot and sends the queue; any network failure means offline. */
  async reconnect(): Promise<void> {
    if (!this.state.session) return;
    try {
      const session = await this.api.session();
      await this.store.putSession(session);
      this.set({ online: true, needsLogin: false, session });
    } catch (err) {
      this.noteFailure(err);
      return;
    }
    await this.refreshSnapshot();
    await this.sync();
  }

  async login(input: { email: string; password: string; org?: string }): Promise<void> {
    this.set({ loginError: undefined });
    try {
      const session = await this.api.login(input);
      await this.store.putSession(session);
      this.set({ session, screen: 'scan', online: true, needsLogin: false });
    } catch (err) {
      this.set({ loginError: signInProblem(err) });
      return;
    }
    await this.refreshSnapshot();
    await this.sync();
  }

  async logout(): Promise<void> {
    if (this.state.online) await this.api.logout().catch(() => {});
    await this.store.putSession(undefined);
    // The roster stays off a signed-out phone; queued scans stay and are sent after the next sign-in.
    await this.store.putSnapshot(undefined);
    this.prepared = undefined;
    this.api.csrfToken = null;
    this.set({
      session: undefined,
      screen: 'login',
      current: undefined,
      snapshotAt: undefined,
      mealNow: undefined,
      needsLogin: false,
    });
  }

  async refreshSnapshot(): Promise<void> {
    if (!this.state.session) return;
    try {
      const asked = Date.now();
      const snapshot = await this.api.snapshot();
      this.learnClockOffset(snapshot.generatedAt, asked, Date.now());
      await this.store.putSnapshot(snapshot);
      this.prepared = prepareSnapshot(snapshot);
      this.snapshotFetchedAt = Date.now();
      await this.refreshLocal();
      this.set({ online: true });
    } catch (err) {
      this.noteFailure(err);
    }
  }

  /**
   * Cheap phones often run with a wrong clock, and an offline scan's time decides its meal window.
   * The snapshot's `generatedAt` gives the server's time; a phone more than two minutes off
   * stamps its scans with the corrected time from then on (kept for offline restarts).
   */
  private learnClockOffset(generatedAt: string, asked: number, answered: number): void {
    const offset = Date.parse(generatedAt) - (asked + answered) / 2;
    if (!Number.isFinite(offset)) return;
    this.clockOffsetMs = Math.abs(offset) > CLOCK_TOLERANCE_MS ? Math.round(offset) : 0;
    localStorage.setItem(CLOCK_OFFSET_KEY, String(this.clockOffsetMs));
  }

  /** Now, by the server's clock as far as this phone knows it. */
  private now(): Date {
    return new Date(Date.now() + this.clockOffsetMs);
  }

  /** One scan, from the camera (`code`) or typed (`rollNumber`). Stored before it is shown. */
  async scan(typed: { code: string } | { rollNumber: string }): Promise<void> {
    // The original system's pass text typed, pasted or read by a keyboard-wedge reader into the
    // roll number field (`3|uuid|…`): it is that pass, checked by the server as the import promises.
    const input =
      'rollNumber' in typed && LEGACY_PASS_TEXT.test(typed.rollNumber)
        ? { code: typed.rollNumber.trim() }
        : typed;
    const at = this.now();
    const local =
      'code' in input
        ? decideCode(this.prepared, input.code, this.served, at)
        : decideRoll(this.prepared, input.rollNumber, this.served, at);
    const scan: StoredScan = {
      nonce: uuid(),
      ...input,
      scannedAt: at.toISOString(),
      offline: !this.state.online,
      ...(local.decision ? { localDecision: local.decision } : {}),
      ...(local.reason ? { localReason: local.reason } : {}),
      state: 'queued',
      ...(local.student ? { studentId: local.student.id, studentName: local.student.name } : {}),
      ...(local.windowKey ? { windowKey: local.windowKey } : {}),
    };
    await this.store.putScan(scan);
    if (local.decision === 'allowed' && local.student && local.windowKey)
      this.served.add(`${local.student.id}|${local.windowKey}`);
    const awaitingServer = this.state.online && local.decision === 'denied';
    this.set({ current: { scan, local, awaitingServer } });
    if (!awaitingServer) this.onVerdict(local.decision);
    await this.refreshLocal();
    if (this.state.online) await this.sync();
    // The server could not answer (offline now, or an error): the phone's own verdict stands.
    const current = this.state.current;
    if (current?.scan.nonce === scan.nonce && current.awaitingServer) this.settle(current.scan);
  }

  /** Ends the wait for the server on the scan on screen, and signals its verdict. */
  private settle(scan: StoredScan): void {
    const current = this.state.current;
    if (!current || current.scan.nonce !== scan.nonce) return;
    this.set({ current: { ...current, scan, awaitingServer: false } });
    if (current.awaitingServer) this.onVerdict(scan.result?.decision ?? current.local.decision);
  }

  /**
   * Sends queued scans; one run at a time in this tab (a request during a run makes one more run,
   * so a scan stored meanwhile is not left for the timer), and one across tabs where Web Locks exist.
   */
  sync(): Promise<void> {
    if (this.syncing) {
      this.syncAgain = true;
      return this.syncing;
    }
    this.syncing = (async () => {
      this.set({ syncing: true });
      try {
        do {
          this.syncAgain = false;
          const run = () => this.syncOnce();
          if (navigator.locks) await navigator.locks.request('opsdesk-scanner-sync', run);
          else await run();
        } while (this.syncAgain && this.state.online);
      } finally {
        this.syncing = undefined;
        this.set({ syncing: false });
      }
    })();
    return this.syncing;
  }

  private async syncOnce(): Promise<void> {
    if (!this.state.session) return;
    try {
      const outcome = await syncQueued(
        this.store,
        (scans) => this.api.sendScans(this.deviceId, scans),
        () => new Date(),
      );
      this.applyResults(outcome.results);
      for (const scan of outcome.refused) this.settle(scan);
      // Only an answered request proves the server reachable (an empty queue sends nothing).
      if (outcome.sent > 0) this.set({ online: true, syncError: undefined });
    } catch (err) {
      this.noteFailure(err);
      if (err instanceof ApiError && err.kind === 'network') await this.markQueuedOffline();
    }
    await this.store.pruneSent(new Date(Date.now() - KEEP_SENT_MS).toISOString());
    await this.refreshLocal();
  }

  /** Scans decided here while the server could not be asked count as offline scans. */
  private async markQueuedOffline(): Promise<void> {
    for (const scan of await this.store.queuedScans())
      if (!scan.offline) await this.store.putScan({ ...scan, offline: true });
    const current = this.state.current;
    if (current && current.scan.state === 'queued' && !current.scan.offline)
      this.settle({ ...current.scan, offline: true });
  }

  private applyResults(results: ScanResult[]): void {
    const current = this.state.current;
    const mine = current && results.find((r) => r.nonce === current.scan.nonce);
    if (current && mine) this.settle({ ...current.scan, state: 'sent', result: mine });
  }

  private noteFailure(err: unknown): void {
    if (!(err instanceof ApiError)) {
      this.set({ syncError: String(err) });
      return;
    }
    if (err.kind === 'network') {
      if (!this.state.online) return;
      // Just lost the server: probe again soon (navigator.onLine may still say online).
      this.set({ online: false });
      this.probeDelay = PROBE_FIRST_MS;
      this.scheduleProbe();
    } else if (err.kind === 'unauthenticated') this.set({ online: true, needsLogin: true });
    else this.set({ online: true, syncError: `${err.code}: ${err.message}` });
  }

  private async refreshLocal(): Promise<void> {
    const [queued, recent] = await Promise.all([this.store.queuedScans(), this.store.recentScans(5000)]);
    this.served = servedWindows(this.prepared?.snapshot, recent);
    this.set({
      queued: queued.length,
      recent: recent.slice(0, RECENT),
      snapshotAt: this.prepared?.snapshot.generatedAt,
      mealNow: this.currentMeal(),
    });
  }

  private currentMeal(): MealNow | undefined {
    return this.prepared ? mealNow(this.prepared.facts, this.now()) : undefined;
  }
}
