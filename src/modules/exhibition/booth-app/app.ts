import { ApiError, type StaffApi } from '../../../../web/kit/api.ts';
import { signInProblem } from '../../../../web/kit/sign-in.ts';
import type { BillerBoothJson, CustomerJson } from '../browser.ts';
import { billTransport, voidAtBooth, voidedElsewhere } from './bills-api.ts';
import { customerOnScreen, findCustomer, isCustomerCode, readScan, searchCustomers } from './customers.ts';
import { BoothBillStream } from './live.ts';
import { boothOrganizationsOf } from './organizations.ts';
import { type BillStore, newBill, sendQueuedBills } from './queue.ts';
import { type BoothSession, type BoothState, mayTakePayment, NO_CUSTOMER } from './state.ts';
import { loadingPayment, openTabPayment, takeCash } from './tab-payment.ts';

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
const RECENT = 8;

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
  private readonly live = new BoothBillStream();

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
    this.live.close();
    this.set({ ...NO_CUSTOMER, session: undefined, screen: 'login', booths: [] });
  }

  /** Works in another of the person's organizations (the booth page signed in to the wrong one). */
  async switchOrganization(orgId: string): Promise<void> {
    try {
      const next = await this.api.call<BoothSession>('POST', '/api/auth/switch-org', { orgId });
      this.api.csrfToken = next.csrfToken;
      const session: BoothSession = { ...next, orgChosen: true };
      localStorage.setItem(SESSION_KEY, JSON.stringify(session));
      localStorage.removeItem(BOOTH_KEY);
      this.live.close();
      this.set({ ...NO_CUSTOMER, session, booths: [], boothOrganizations: undefined, boothId: undefined });
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
   * The booth's totals follow the live stream: a bill or a void anywhere (a void at the desk
   * included) refreshes them and the tab of the customer on screen; a stream reopened after a drop
   * refetches everything, as bills taken meanwhile were not announced.
   */
  private listen(): void {
    this.live.open({
      reopened: () => void this.reconnect(),
      bill: () => {
        if (this.state.session) void this.refreshTotals().catch((err) => this.failed(err));
      },
    });
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

  /** The person's organizations with a booth, to switch to (none known while offline). */
  private async loadBoothOrganizations(): Promise<void> {
    const session = this.state.session;
    const found = session ? await boothOrganizationsOf(this.api, session) : [];
    this.set(found === 'offline' ? { online: false } : { boothOrganizations: found });
  }

  /**
   * A scanned QR, a typed code, or a name or phone: who is it, and what is on their tab. Text that
   * is not a code (or a code no one has) is searched by name and phone; several matches are listed.
   */
  async lookup(text: string): Promise<void> {
    const ref = readScan(text);
    if (!ref.pass && !ref.code) return;
    this.set({ ...NO_CUSTOMER, customer: { ...ref, looking: true, offline: false } });
    if (ref.code && !isCustomerCode(ref.code)) return this.search(text, undefined);
    try {
      const found = await findCustomer(this.api, ref);
      this.set({
        online: true,
        customer: { ...ref, ...customerOnScreen(found), looking: false, offline: false },
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
      const found = await searchCustomers(this.api, booth.exhibitionId, text);
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
      customer: { id: customer.id, ...customerOnScreen(customer), looking: false, offline: false },
    });
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
    const bill = newBill(booth, customer, { amountMinor, description, confirmed: large });
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
    if (bill?.state !== 'sent' || !bill.billId || bill.voidedAt) return;
    try {
      const voided = await voidAtBooth(this.api, bill, bill.billId, reason);
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
    this.set(NO_CUSTOMER);
  }

  /** "Take payment": what the tab owes now, to confirm before any money is recorded. */
  async startPayment(): Promise<void> {
    const customer = this.state.customer;
    if (!mayTakePayment(this.state) || !customer?.id) return;
    const currency = customer.currency ?? this.booth?.currency ?? 'USD';
    this.set({ payment: loadingPayment(customer.id, currency) });
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
      const outcome = await sendQueuedBills(this.store, billTransport(this.api));
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
      customer?.id || customer?.pass || customer?.code ? findCustomer(this.api, customer) : undefined,
      this.followLastBill(),
    ]);
    this.set({ booths });
    if (found && this.state.customer === customer)
      this.set({ customer: { ...customer, ...customerOnScreen(found), looking: false, offline: false } });
  }

  /**
   * The last bill voided elsewhere (at the desk, in the console): the panel says it is void and no
   * longer offers a void the server would refuse.
   */
  private async followLastBill(): Promise<void> {
    const bill = this.state.lastBill;
    const customerId = bill?.customer.id ?? this.state.customer?.id;
    if (bill?.state !== 'sent' || !bill.billId || bill.voidedAt || !customerId) return;
    const voided = await voidedElsewhere(this.api, bill, bill.billId, customerId);
    if (!voided || this.state.lastBill?.key !== bill.key) return;
    await this.store.put(voided);
    this.set({ lastBill: voided, voidError: undefined });
    await this.refreshLocal();
  }

  private async refreshLocal(): Promise<void> {
    const [queued, recent] = await Promise.all([this.store.queued(), this.store.recent(RECENT)]);
    this.set({ queued: queued.length, recent });
  }
}
