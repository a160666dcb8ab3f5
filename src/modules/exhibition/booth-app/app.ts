import { ApiError, type StaffApi } from '../../../../web/kit/api.ts';
import { signInProblem } from '../../../../web/kit/sign-in.ts';
import { uuid } from '../../../../web/kit/uuid.ts';
import type { SessionJson } from '../../../core/auth/index.ts';
import type { BillerBoothJson, BillJson, BoothOrganizationJson, CustomerJson } from '../browser.ts';
import { type BillStore, type CustomerRef, type QueuedBill, sendQueuedBills } from './queue.ts';
import { openTabPayment, TAKE_PAYMENT, type TabPaymentStep, takeCash } from './tab-payment.ts';

/** The session as the booth page keeps it: the core's answer, and whether the person chose the organization. */
export interface BoothSession extends SessionJson {
  /** False when signed in without naming an organization (the server took the oldest membership). */
  orgChosen?: boolean;
}

/** An amount above the exhibition's limit waiting for staff to confirm it (nothing is stored yet). */
export interface PendingConfirmation {
  amountMinor: number;
  description: string;
  limitMinor: number;
  currency: string;
}

/** The customer on screen: known to the server, or (offline) only by the pass or code read. */
export interface CustomerOnScreen extends CustomerRef {
  looking: boolean;
  offline: boolean;
  totalMinor?: number;
  billCount?: number;
  currency?: string;
}

export interface BoothState {
  screen: 'loading' | 'login' | 'booth';
  session?: BoothSession;
  online: boolean;
  needsLogin: boolean;
  booths: BillerBoothJson[];
  /**
   * Where the person has no booth: their organizations that run the exhibition and have a booth, to
   * switch to (undefined until the server answered).
   */
  boothOrganizations?: Array<{ id: string; name: string }>;
  boothId?: string;
  customer?: CustomerOnScreen;
  lookupError?: string;
  /** Customers a name or phone search found, when more than one: staff pick one. */
  matches?: CustomerJson[];
  billError?: string;
  /** An amount above the limit, shown with "Yes, bill" and "Change the amount". */
  confirming?: PendingConfirmation;
  lastBill?: QueuedBill;
  /** Why the last bill's void was refused, in the server's words. */
  voidError?: string;
  queued: number;
  recent: QueuedBill[];
  loginError?: string;
  /** Cash being taken for the tab of the customer on screen (staff who may take payment only). */
  payment?: TabPaymentStep;
}

const SESSION_KEY = 'opsdesk.booth.session';
const BOOTH_KEY = 'opsdesk.booth.boothId';
/**
 * The booth's totals follow the server's live stream (`GET /api/live`, topic
 * `exhibition.booth_bills`): every bill or void at a booth refetches them at once. The slow poll
 * only covers the times the stream is down unnoticed (a proxy that drops it); while the phone is
 * offline or holds queued bills it retries every few seconds instead (an `online` event does not
 * always come).
 */
const SAFETY_POLL_MS = 60_000;
const RETRY_MS = 5_000;
const LIVE_TOPIC = 'exhibition.booth_bills';
const RECENT = 8;

/** A QR pass (`OD1:…`) or a typed customer code ("k7qx-4m2p" → "K7QX4M2P"). */
export function readScan(text: string): CustomerRef {
  const trimmed = text.trim();
  if (/^OD\d+:/i.test(trimmed)) return { pass: trimmed };
  return { code: trimmed.replace(/[\s-]/g, '').toUpperCase() };
}

/**
 * The booth page's behaviour without the DOM: finds the customer, stores every bill (queued, with
 * its Idempotency-Key) before sending it, sends the queue whenever the server answers, and keeps
 * the booth's totals fresh.
 */
export class BoothApp {
  state: BoothState = {
    screen: 'loading',
    online: navigator.onLine,
    needsLogin: false,
    booths: [],
    queued: 0,
    recent: [],
  };
  private syncing: Promise<void> | undefined;
  private syncAgain = false;
  private live: EventSource | undefined;

  constructor(
    private readonly store: BillStore,
    private readonly api: StaffApi,
    private readonly onChange: (state: BoothState) => void,
  ) {}

  private set(patch: Partial<BoothState>): void {
    this.state = { ...this.state, ...patch };
    this.onChange(this.state);
  }

  get booth(): BillerBoothJson | undefined {
    return this.state.booths.find((b) => b.id === this.state.boothId);
  }

  async start(): Promise<void> {
    const saved = localStorage.getItem(SESSION_KEY);
    const session = saved ? (JSON.parse(saved) as BoothSession) : undefined;
    if (session) this.api.csrfToken = session.csrfToken;
    const boothId = localStorage.getItem(BOOTH_KEY) ?? undefined;
    await this.refreshLocal();
    this.set({
      screen: session ? 'booth' : 'login',
      ...(session ? { session } : {}),
      ...(boothId ? { boothId } : {}),
    });
    window.addEventListener('online', () => void this.reconnect());
    window.addEventListener('offline', () => this.set({ online: false }));
    document.addEventListener('visibilitychange', () => {
      if (!document.hidden) void this.reconnect();
    });
    // A retry while offline or holding queued bills, and a slow safety net under the live stream.
    let ticks = 0;
    setInterval(() => {
      if (!this.state.session || document.hidden) return;
      ticks += 1;
      const retrying = !this.state.online || this.state.queued > 0;
      if (retrying || ticks % (SAFETY_POLL_MS / RETRY_MS) === 0) void this.reconnect();
    }, RETRY_MS);
    if (session) await this.reconnect();
  }

  async login(input: { email: string; password: string; org?: string }): Promise<void> {
    this.set({ loginError: undefined });
    try {
      const session: BoothSession = {
        ...(await this.api.login(input)),
        orgChosen: Boolean(input.org?.trim()),
      };
      localStorage.setItem(SESSION_KEY, JSON.stringify(session));
      this.set({ session, screen: 'booth', online: true, needsLogin: false });
      await this.reconnect();
    } catch (err) {
      this.set({ loginError: signInProblem(err) });
    }
  }

  async logout(): Promise<void> {
    if (this.state.online) await this.api.logout().catch(() => {});
    localStorage.removeItem(SESSION_KEY);
    this.api.csrfToken = null;
    this.live?.close();
    this.live = undefined;
    this.set({ session: undefined, screen: 'login', customer: undefined, lastBill: undefined, booths: [] });
  }

  /** Works in another of the person's organizations (the booth page signed in to the wrong one). */
  async switchOrganization(orgId: string): Promise<void> {
    try {
      const next = await this.api.call<BoothSession>('POST', '/api/auth/switch-org', { orgId });
      this.api.csrfToken = next.csrfToken;
      const session: BoothSession = { ...next, orgChosen: true };
      localStorage.setItem(SESSION_KEY, JSON.stringify(session));
      localStorage.removeItem(BOOTH_KEY);
      // The live stream belongs to the organization it was opened in.
      this.live?.close();
      this.live = undefined;
      this.set({
        session,
        booths: [],
        boothOrganizations: undefined,
        boothId: undefined,
        customer: undefined,
        lastBill: undefined,
      });
      await this.reconnect();
    } catch (err) {
      this.failed(err);
    }
  }

  chooseBooth(boothId: string): void {
    localStorage.setItem(BOOTH_KEY, boothId);
    this.set({ boothId });
  }

  /** Checks the session, refreshes the booths' totals and sends the queue; a network failure means offline. */
  async reconnect(): Promise<void> {
    if (!this.state.session) return;
    try {
      const booths = await this.api.call<BillerBoothJson[]>('GET', '/api/exhibition/my-booths');
      const boothId = booths.some((b) => b.id === this.state.boothId) ? this.state.boothId : booths[0]?.id;
      if (boothId) localStorage.setItem(BOOTH_KEY, boothId);
      this.set({ booths, online: true, needsLogin: false, ...(boothId ? { boothId } : {}) });
      if (booths.length === 0) await this.loadBoothOrganizations();
      this.listen();
      await this.sync();
    } catch (err) {
      this.failed(err);
    }
  }

  /**
   * Opens the live stream once signed in (the session cookie authenticates it). EventSource
   * reconnects by itself after a network drop; bills taken meanwhile were not announced, so a
   * reopened stream refetches. A refused stream (401/403) closes for good: the next successful
   * refetch opens a new one.
   */
  private listen(): void {
    if (typeof EventSource === 'undefined') return;
    if (this.live && this.live.readyState !== EventSource.CLOSED) return;
    const source = new EventSource(`/api/live?topics=${LIVE_TOPIC}`, { withCredentials: true });
    let opened = false;
    source.onopen = () => {
      if (opened) void this.reconnect();
      opened = true;
    };
    // A bill or a void anywhere (a void at the desk included) refreshes the booth's totals and the
    // tab of the customer on screen.
    source.addEventListener(LIVE_TOPIC, () => {
      if (this.state.session) void this.refreshTotals().catch((err) => this.failed(err));
    });
    this.live = source;
  }

  private failed(err: unknown): void {
    if (!(err instanceof ApiError)) throw err;
    if (err.kind === 'network') this.set({ online: false });
    else if (err.kind === 'unauthenticated') this.set({ online: true, needsLogin: true });
    // This organization runs no exhibition for the person (or none at all): no booth here.
    else if (err.kind === 'forbidden' || err.kind === 'refused') {
      this.set({ online: true, booths: [] });
      void this.loadBoothOrganizations();
    }
  }

  /** The person's organizations with a booth (asked in any organization, one without the exhibition too). */
  private async loadBoothOrganizations(): Promise<void> {
    try {
      const withBooths = new Set(
        (await this.api.call<BoothOrganizationJson[]>('GET', '/api/exhibition/booth-organizations')).map(
          (o) => o.id,
        ),
      );
      const mine = this.state.session?.organizations ?? [];
      this.set({
        boothOrganizations: mine.filter((o) => withBooths.has(o.id)).map(({ id, name }) => ({ id, name })),
      });
    } catch (err) {
      if (!(err instanceof ApiError)) throw err;
      if (err.kind === 'network') return this.set({ online: false });
      // A server without the list: the organizations the session says run the exhibition.
      const running = (this.state.session?.organizations ?? []).filter((o) =>
        o.modules.includes('exhibition'),
      );
      this.set({ boothOrganizations: running.map(({ id, name }) => ({ id, name })) });
    }
  }

  /**
   * A scanned QR, a typed code, or a name or phone: who is it, and what is on their tab. Text that
   * is not a code (or a code no one has) is searched by name and phone; several matches are listed.
   */
  async lookup(text: string): Promise<void> {
    const ref = readScan(text);
    if (!ref.pass && !ref.code) return;
    this.set({
      customer: { ...ref, looking: true, offline: false },
      matches: undefined,
      lookupError: undefined,
      billError: undefined,
      lastBill: undefined,
      confirming: undefined,
      voidError: undefined,
      payment: undefined,
    });
    if (ref.code && !/^[0-9A-Z]{8}$/.test(ref.code)) return this.search(text, undefined);
    try {
      const found = await this.findCustomer(ref);
      this.set({
        online: true,
        customer: { ...ref, ...this.onScreen(found), looking: false, offline: false },
      });
    } catch (err) {
      if (err instanceof ApiError && (err.kind === 'refused' || err.kind === 'forbidden'))
        return ref.code
          ? this.search(text, err.message)
          : this.set({ customer: undefined, lookupError: err.message });
      if (err instanceof ApiError && err.kind === 'network')
        return this.set({ online: false, customer: { ...ref, looking: false, offline: true } });
      this.set({ customer: undefined });
      this.failed(err);
    }
  }

  /** Customers of the booth's exhibition by name or phone; `codeError` is shown when none match. */
  private async search(text: string, codeError: string | undefined): Promise<void> {
    const booth = this.booth;
    if (!booth) return this.set({ customer: undefined, lookupError: codeError });
    try {
      const found = await this.api.call<CustomerJson[]>(
        'GET',
        `/api/exhibition/exhibitions/${encodeURIComponent(booth.exhibitionId)}/customers?q=${encodeURIComponent(text.trim())}`,
      );
      if (found.length === 1) return this.pick(found[0]!);
      this.set({
        online: true,
        customer: undefined,
        ...(found.length > 1 ? { matches: found } : { lookupError: codeError ?? 'no-match' }),
      });
    } catch (err) {
      if (err instanceof ApiError && err.kind === 'network')
        return this.set({ online: false, customer: undefined, lookupError: 'offline-search' });
      this.set({ customer: undefined, lookupError: err instanceof ApiError ? err.message : String(err) });
    }
  }

  /** One of several search results, chosen by staff. */
  pick(customer: CustomerJson): void {
    this.set({
      matches: undefined,
      lookupError: undefined,
      payment: undefined,
      customer: { id: customer.id, ...this.onScreen(customer), looking: false, offline: false },
    });
  }

  private onScreen(c: CustomerJson): Partial<CustomerOnScreen> {
    return {
      id: c.id,
      code: c.code,
      name: c.name,
      totalMinor: c.totalMinor,
      billCount: c.billCount,
      currency: c.currency,
    };
  }

  private findCustomer(ref: CustomerRef): Promise<CustomerJson> {
    if (ref.id) return this.api.call('GET', `/api/exhibition/customers/${encodeURIComponent(ref.id)}`);
    if (ref.pass) return this.api.call('POST', '/api/exhibition/customers/by-pass', { pass: ref.pass });
    return this.api.call('GET', `/api/exhibition/customers/by-code/${encodeURIComponent(ref.code ?? '')}`);
  }

  /**
   * Stores the bill on the phone (queued, with its key) and sends it at once when online. An amount
   * above the exhibition's limit first waits for staff to confirm it (`confirmed`).
   */
  async bill(amountMinor: number, description: string, confirmed = false): Promise<void> {
    const booth = this.booth;
    const customer = this.state.customer;
    if (!booth || !customer || customer.looking) return;
    const large = amountMinor > booth.confirmAboveMinor;
    if (large && !confirmed)
      return this.set({
        confirming: {
          amountMinor,
          description,
          limitMinor: booth.confirmAboveMinor,
          currency: booth.currency,
        },
        billError: undefined,
        lastBill: undefined,
      });
    const ref: CustomerRef = {};
    for (const field of ['id', 'pass', 'code', 'name'] as const)
      if (customer[field]) ref[field] = customer[field];
    const bill: QueuedBill = {
      key: uuid(),
      boothId: booth.id,
      customer: ref,
      amountMinor,
      currency: booth.currency,
      ...(description.trim() ? { description: description.trim() } : {}),
      ...(large ? { confirmed: true } : {}),
      createdAt: new Date().toISOString(),
      state: 'queued',
    };
    await this.store.put(bill);
    this.set({ lastBill: bill, billError: undefined, confirming: undefined, voidError: undefined });
    await this.refreshLocal();
    await this.sync();
  }

  /** Staff chose to change an amount above the limit instead of billing it. */
  cancelConfirmation(): void {
    this.set({ confirming: undefined });
  }

  /**
   * Voids the bill just made (sent, by this person), within the window after billing; the server
   * decides the window on its clock and refuses in words after it.
   */
  async voidLastBill(reason: string): Promise<void> {
    const bill = this.state.lastBill;
    if (!bill || bill.state !== 'sent' || !bill.billId || bill.voidedAt) return;
    try {
      await this.api.call('POST', `/api/exhibition/bills/${encodeURIComponent(bill.billId)}/void-at-booth`, {
        reason,
      });
      const voided: QueuedBill = { ...bill, voidedAt: new Date().toISOString() };
      await this.store.put(voided);
      this.set({ lastBill: voided, voidError: undefined, online: true });
      await this.refreshLocal();
      await this.refreshTotals();
    } catch (err) {
      if (err instanceof ApiError && (err.kind === 'refused' || err.kind === 'forbidden'))
        return this.set({ voidError: err.message });
      this.failed(err);
    }
  }

  clearCustomer(): void {
    this.set({
      customer: undefined,
      matches: undefined,
      lastBill: undefined,
      lookupError: undefined,
      billError: undefined,
      confirming: undefined,
      voidError: undefined,
      payment: undefined,
    });
  }

  /** Whether the signed-in person may take payment for the tab on screen (the desk's permission). */
  get mayTakePayment(): boolean {
    const c = this.state.customer;
    return (
      !!this.state.session?.permissions.includes(TAKE_PAYMENT) &&
      this.state.online &&
      !!c?.id &&
      !c.looking &&
      !c.offline &&
      (c.totalMinor ?? 0) > 0
    );
  }

  /** "Take payment": what the tab owes now, to confirm before any money is recorded. */
  async startPayment(): Promise<void> {
    const customer = this.state.customer;
    if (!this.mayTakePayment || !customer?.id) return;
    const currency = customer.currency ?? this.booth?.currency ?? 'USD';
    this.set({
      payment: { step: 'loading', key: '', customerId: customer.id, currency, dueMinor: 0, billIds: [] },
    });
    try {
      const payment = await openTabPayment(this.api, customer.id, currency);
      if (this.state.customer === customer) this.set({ payment });
    } catch (err) {
      this.set({ payment: undefined });
      this.failed(err);
    }
  }

  /** Staff received the cash: record it (once, whatever the network does meanwhile). */
  async confirmPayment(): Promise<void> {
    const payment = this.state.payment;
    if (payment?.step !== 'confirm') return;
    this.set({ payment: { ...payment, step: 'sending' } });
    try {
      const after = await takeCash(this.api, payment);
      if (this.state.payment?.key !== payment.key) return;
      this.set({ payment: after, ...(after.error === 'offline' ? { online: false } : { online: true }) });
    } catch (err) {
      this.set({ payment: { ...payment, step: 'confirm' } });
      this.failed(err);
    }
  }

  /** Staff closed the step without taking money (or after it was taken). */
  closePayment(): void {
    this.set({ payment: undefined });
  }

  /** Sends the queue; one run at a time (a second request runs once more after it). */
  sync(): Promise<void> {
    if (this.syncing) {
      this.syncAgain = true;
      return this.syncing;
    }
    this.syncing = (async () => {
      do {
        this.syncAgain = false;
        await this.sendOnce();
      } while (this.syncAgain);
    })().finally(() => {
      this.syncing = undefined;
    });
    return this.syncing;
  }

  private async sendOnce(): Promise<void> {
    if (!this.state.session || (await this.store.queued()).length === 0) return;
    try {
      const outcome = await sendQueuedBills(this.store, {
        resolve: (ref) => this.findCustomer(ref),
        bill: (customerId, key, body) =>
          this.api.call('POST', `/api/exhibition/customers/${encodeURIComponent(customerId)}/bills`, body, {
            'idempotency-key': key,
          }),
      });
      this.set({ online: true });
      const last = [...outcome.sent, ...outcome.refused].find((b) => b.key === this.state.lastBill?.key);
      if (last) this.set({ lastBill: last });
      if (outcome.sent.length > 0) await this.refreshTotals();
    } catch (err) {
      this.failed(err);
    } finally {
      await this.refreshLocal();
    }
  }

  /**
   * After a bill or a void anywhere: the customer's tab, the booth's totals and the last bill's
   * state as the server now has them.
   */
  private async refreshTotals(): Promise<void> {
    const customer = this.state.customer;
    const [booths, found] = await Promise.all([
      this.api.call<BillerBoothJson[]>('GET', '/api/exhibition/my-booths'),
      customer?.id || customer?.pass || customer?.code ? this.findCustomer(customer) : undefined,
      this.followLastBill(),
    ]);
    this.set({ booths });
    if (found && this.state.customer === customer)
      this.set({ customer: { ...customer, ...this.onScreen(found), looking: false, offline: false } });
  }

  /**
   * The last bill voided elsewhere (at the desk, in the console): the panel says it is void and no
   * longer offers a void the server would refuse.
   */
  private async followLastBill(): Promise<void> {
    const bill = this.state.lastBill;
    const customerId = bill?.customer.id ?? this.state.customer?.id;
    if (bill?.state !== 'sent' || !bill.billId || bill.voidedAt || !customerId) return;
    const bills = await this.api.call<BillJson[]>(
      'GET',
      `/api/exhibition/customers/${encodeURIComponent(customerId)}/bills`,
    );
    const onServer = bills.find((b) => b.id === bill.billId);
    if (onServer?.status !== 'void' || this.state.lastBill?.key !== bill.key) return;
    const voided: QueuedBill = { ...bill, voidedAt: onServer.voidedAt ?? new Date().toISOString() };
    await this.store.put(voided);
    this.set({ lastBill: voided, voidError: undefined });
    await this.refreshLocal();
  }

  private async refreshLocal(): Promise<void> {
    const [queued, recent] = await Promise.all([this.store.queued(), this.store.recent(RECENT)]);
    this.set({ queued: queued.length, recent });
  }
}
