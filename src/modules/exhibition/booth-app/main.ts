import '../../../../web/kit/phone.css';
import './booth.css';
import { StaffApi } from '../../../../web/kit/api.ts';
import { CameraPanel } from '../../../../web/kit/camera-panel.ts';
import { byId, fill, h, onLoginSubmit, onTypedSubmit } from '../../../../web/kit/dom.ts';
import { relabel as relabelPage } from '../../../../web/kit/i18n.ts';
import { type AmountProblem, currencyDigits, formatMinor, readAmount } from '../../../../web/kit/money.ts';
import { signInProblemText } from '../../../../web/kit/sign-in.ts';
import { BoothApp, type BoothState } from './app.ts';
import { type BoothKey, billCount, boothLanguage, bt, locale, setBoothLanguage } from './i18n.ts';
import { paymentPanel } from './payment-view.ts';
import { openIndexedDbBills } from './queue.ts';

const LANGUAGE_KEY = 'opsdesk.booth.language';

setBoothLanguage(
  (localStorage.getItem(LANGUAGE_KEY) as 'en' | 'es' | null) ??
    (navigator.language.startsWith('es') ? 'es' : 'en'),
);

let app: BoothApp;
let lastScreen: BoothState['screen'] | undefined;
const amountInput = byId<HTMLInputElement>('bill-amount');
const camera = new CameraPanel(
  (text) => void app.lookup(text),
  relabel,
  (on) => localStorage.setItem('opsdesk.booth.camera', on ? 'on' : 'off'),
);
const money = (minor: number, currency: string) => formatMinor(minor, currency, locale());

function relabel(): void {
  document.title = bt('app.title');
  relabelPage(document, (key) => bt(key as BoothKey));
  camera.label(bt);
  if (app) render(app.state);
}

/** The amount typed, in minor units of the booth's currency, or what is wrong with it. */
function typedAmount(): { minor: number } | { problem: AmountProblem } {
  const booth = app.booth;
  return booth ? readAmount(amountInput.value, currencyDigits(booth.currency)) : { problem: 'empty' };
}

/** What staff read about an amount that cannot be billed ("12.345": USD has at most 2 digits…). */
function amountProblemText(problem: AmountProblem): string {
  const currency = app.booth?.currency ?? 'USD';
  const digits = currencyDigits(currency);
  const example = (12.5).toLocaleString(locale(), {
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
  });
  if (problem === 'zero') return bt('bill.zero');
  if (problem === 'negative') return bt('bill.negative');
  if (problem === 'digits')
    return digits === 0
      ? bt('bill.noDecimals', { currency, example: '1200' })
      : bt('bill.digits', { currency, digits, example });
  return bt('bill.format', { example });
}

function renderStatus(state: BoothState): void {
  fill(
    byId('status'),
    state.screen === 'booth' &&
      h(
        'span',
        { class: `pill${state.online ? '' : ' offline'}`, 'data-testid': 'online' },
        state.online ? bt('status.online') : bt('status.offline'),
      ),
    state.queued > 0 &&
      h(
        'span',
        { class: 'pill queued', 'data-testid': 'queued', 'data-count': String(state.queued) },
        bt('status.queued', { count: state.queued }),
      ),
    state.queued === 0 && h('span', { hidden: true, 'data-testid': 'queued', 'data-count': '0' }),
    h(
      'button',
      {
        type: 'button',
        class: 'link',
        onclick: () => {
          setBoothLanguage(boothLanguage() === 'en' ? 'es' : 'en');
          localStorage.setItem(LANGUAGE_KEY, boothLanguage());
          relabel();
        },
      },
      bt('status.language'),
    ),
    state.session &&
      h(
        'button',
        {
          type: 'button',
          class: 'link',
          onclick: () => {
            if (state.queued > 0 && !confirm(bt('status.signOutPending', { count: state.queued }))) return;
            void app.logout();
          },
        },
        bt('status.signOut'),
      ),
  );
  fill(
    byId('banner'),
    state.screen === 'booth' &&
      !state.online &&
      h('div', { class: 'banner offline', 'data-testid': 'offline-banner' }, bt('banner.offline')),
    state.needsLogin && h('div', { class: 'banner warn' }, bt('banner.login')),
  );
}

/**
 * No booth in this organization. A person in several organizations is told which one they are in
 * (and that they signed in without choosing one) and picks another that runs the exhibition and has
 * a booth; when none has one, the page says so plainly; otherwise nobody assigned them.
 */
function noBooth(state: BoothState): HTMLElement | null {
  const session = state.session;
  if (!session) return h('p', { 'data-testid': 'booth-none' }, bt('booth.none'));
  const hasOthers = session.organizations.some((o) => o.id !== session.organization.id);
  if (hasOthers && !state.boothOrganizations) return null;
  const others = (state.boothOrganizations ?? []).filter((o) => o.id !== session.organization.id);
  const org = session.organization.name;
  if (others.length === 0)
    return hasOthers && !state.boothOrganizations?.some((o) => o.id === session.organization.id)
      ? h('p', { 'data-testid': 'booth-none' }, bt('booth.noneAnywhere', { org }))
      : h('p', { 'data-testid': 'booth-none' }, bt('booth.none'));
  return h(
    'div',
    { 'data-testid': 'booth-pick-org', style: 'flex:1' },
    h('p', {}, session.orgChosen === false ? bt('booth.pickOrg', { org }) : bt('booth.otherOrg', { org })),
    h(
      'div',
      { class: 'matches' },
      ...others.map((o) =>
        h('button', { type: 'button', onclick: () => void app.switchOrganization(o.id) }, o.name),
      ),
    ),
  );
}

function renderBooth(state: BoothState): void {
  const booth = app.booth;
  if (state.booths.length === 0) {
    fill(byId('booth-card'), state.online ? noBooth(state) : null);
    return;
  }
  const picker =
    state.booths.length > 1
      ? h(
          'select',
          {
            'aria-label': bt('booth.label'),
            onchange: (e) => app.chooseBooth((e.target as HTMLSelectElement).value),
          },
          ...state.booths.map((b) => {
            const option = h(
              'option',
              { value: b.id },
              `${b.name} · ${b.exhibitionName}`,
            ) as HTMLOptionElement;
            option.selected = b.id === state.boothId;
            return option;
          }),
        )
      : h('div', { class: 'name' }, booth?.name ?? '');
  fill(
    byId('booth-card'),
    h('div', {}, h('div', { class: 'muted small' }, booth?.exhibitionName ?? bt('booth.label')), picker),
    booth &&
      h(
        'div',
        { class: 'today' },
        h('div', { class: 'muted small' }, `${bt('booth.today')} · ${billCount(booth.today.billCount)}`),
        h(
          'div',
          { class: 'figure', 'data-testid': 'booth-today' },
          money(booth.today.totalMinor, booth.currency),
        ),
        h(
          'div',
          { class: 'muted small' },
          bt('booth.overall', { total: money(booth.overall.totalMinor, booth.currency) }),
        ),
      ),
  );
}

/** "K7QX4M2P" as printed on badges: "K7QX-4M2P". */
const formatCode = (code: string) => (code.length === 8 ? `${code.slice(0, 4)}-${code.slice(4)}` : code);

const initials = (name: string) =>
  name
    .split(/\s+/)
    .filter(Boolean)
    .slice(0, 2)
    .map((w) => w[0]!.toUpperCase())
    .join('');

/** Several customers a name or phone search found: staff pick one. */
function matchList(matches: NonNullable<BoothState['matches']>): HTMLElement[] {
  return [
    h('p', { class: 'muted' }, bt('customer.pick')),
    h(
      'ul',
      { class: 'matches', 'data-testid': 'matches' },
      ...matches.map((m) =>
        h(
          'li',
          {},
          h(
            'button',
            { type: 'button', onclick: () => app.pick(m) },
            h('strong', {}, m.name),
            ` · ${formatCode(m.code)}`,
            m.phone ? ` · …${m.phone.slice(-4)}` : '',
          ),
        ),
      ),
    ),
  ];
}

/** The customer found (or, offline, only the pass or code read), with their tab when the server said it. */
function customerCard(c: NonNullable<BoothState['customer']>): HTMLElement[] {
  const code = c.code ? formatCode(c.code) : undefined;
  const label = c.name ?? (code ? bt('customer.unknown', { code }) : bt('customer.scanned'));
  const who = h(
    'div',
    { class: 'who' },
    h('div', { class: 'avatar' }, c.name ? initials(c.name) : '?'),
    h(
      'div',
      { style: 'flex:1' },
      h('div', { class: 'name', 'data-testid': 'customer-name' }, label),
      c.name && code && h('div', { class: 'muted' }, code),
    ),
    c.totalMinor !== undefined &&
      h(
        'div',
        { class: 'tab' },
        h('div', { class: 'muted small' }, bt('customer.tab')),
        h(
          'div',
          { class: 'figure', 'data-testid': 'customer-total' },
          money(c.totalMinor, c.currency ?? app.booth?.currency ?? 'USD'),
        ),
        h('div', { class: 'muted small' }, billCount(c.billCount ?? 0)),
      ),
  );
  const clear = h(
    'button',
    { type: 'button', class: 'link-dark', onclick: () => app.clearCustomer() },
    bt('customer.clear'),
  );
  return c.offline ? [who, h('p', { class: 'muted small' }, bt('customer.offline')), clear] : [who, clear];
}

function renderCustomer(state: BoothState): void {
  const c = state.customer;
  const panel = byId('customer');
  panel.className = `customer${c?.offline ? ' offline' : ''}${state.matches ? ' picking' : ''}`;
  byId('lookup-error').textContent =
    state.lookupError === 'no-match'
      ? bt('customer.noMatch')
      : state.lookupError === 'offline-search'
        ? bt('customer.offlineSearch')
        : (state.lookupError ?? '');
  if (!c && state.matches) fill(panel, ...matchList(state.matches));
  else if (!c) fill(panel);
  else if (c.looking) fill(panel, h('p', { class: 'muted' }, bt('customer.looking')));
  else fill(panel, ...customerCard(c), paymentPanel(app, money));
  const form = byId<HTMLFormElement>('bill-form');
  const wasHidden = form.hidden;
  form.hidden = !c || c.looking || !app.booth;
  byId('hint').hidden = c !== undefined || state.matches !== undefined;
  // A customer just found: the amount is what staff type next (on a phone this opens the keypad).
  if (wasHidden && !form.hidden) amountInput.focus();
  if (app.booth) byId('amount-label').textContent = bt('bill.amount', { currency: app.booth.currency });
  byId('bill-error').textContent = state.billError ?? '';
  renderConfirm(state);
  updateBillButton();
}

/** An amount above the exhibition's limit: nothing is billed until staff say yes. */
function renderConfirm(state: BoothState): void {
  const pending = state.confirming;
  const panel = byId('bill-confirm');
  byId<HTMLFormElement>('bill-form').classList.toggle('confirming', pending !== undefined);
  if (!pending) {
    fill(panel);
    return;
  }
  const amount = money(pending.amountMinor, pending.currency);
  fill(
    panel,
    h(
      'p',
      { role: 'alert' },
      bt('bill.confirmLarge', { amount, limit: money(pending.limitMinor, pending.currency) }),
    ),
    h(
      'div',
      { class: 'confirm-row' },
      h(
        'button',
        {
          type: 'button',
          class: 'primary',
          onclick: () => void app.bill(pending.amountMinor, pending.description, true),
        },
        bt('bill.confirm', { amount }),
      ),
      h(
        'button',
        {
          type: 'button',
          onclick: () => {
            const digits = currencyDigits(pending.currency);
            amountInput.value = (pending.amountMinor / 10 ** digits).toFixed(digits);
            byId<HTMLInputElement>('bill-description').value = pending.description;
            app.cancelConfirmation();
            amountInput.focus();
          },
        },
        bt('bill.change'),
      ),
    ),
  );
}

/** The bill button names the amount once it is one; it is enabled as soon as anything is typed. */
function updateBillButton(): void {
  const amount = typedAmount();
  const button = byId<HTMLButtonElement>('bill-submit');
  button.disabled = amountInput.value.trim() === '';
  button.textContent =
    'minor' in amount && app.booth
      ? bt('bill.submit', { amount: money(amount.minor, app.booth.currency) })
      : bt('bill.submitEmpty');
}

function renderLastBill(state: BoothState): void {
  const bill = state.lastBill;
  const panel = byId('last-bill');
  if (!bill) {
    panel.className = 'last-bill';
    fill(panel);
    return;
  }
  panel.className = `last-bill ${bill.state}`;
  panel.dataset.state = bill.state;
  panel.dataset.key = bill.key;
  panel.dataset.voided = bill.voidedAt ? 'true' : 'false';
  const amount = money(bill.amountMinor, bill.currency);
  const name = bill.customer.name ?? '';
  const voidable = bill.state === 'sent' && bill.billId !== undefined && !bill.voidedAt;
  const minutes = Math.round((app.booth?.voidWindowSeconds ?? 120) / 60);
  if (bill.voidedAt) panel.className = 'last-bill voided';
  fill(
    panel,
    h(
      'div',
      {},
      bill.voidedAt
        ? bt('bill.voided', { amount, name })
        : bill.state === 'sent'
          ? bt('bill.sent', { amount, name })
          : bill.state === 'refused'
            ? bt('bill.refused', { detail: bill.error ?? '' })
            : bt('bill.queued', { amount }),
    ),
    voidable &&
      h(
        'div',
        { class: 'void-row' },
        h('span', { class: 'small' }, bt('bill.voidHint', { minutes })),
        h(
          'button',
          {
            type: 'button',
            class: 'link-dark',
            'data-testid': 'void-last',
            onclick: () => void app.voidLastBill(bt('bill.voidReason')),
          },
          bt('bill.void'),
        ),
      ),
    state.voidError &&
      h(
        'p',
        { class: 'void-error', role: 'alert', 'data-testid': 'void-error' },
        bt('bill.voidRefused', { detail: state.voidError }),
      ),
  );
}

/** The mark beside a recent bill: billed ✓, refused ✕, waiting …; a voided one is no longer billed (⊘, never ✓). */
const recentMark = (b: BoothState['recent'][number]): string =>
  b.voidedAt ? '⊘' : b.state === 'sent' ? '✓' : b.state === 'refused' ? '✕' : '…';

function renderRecent(state: BoothState): void {
  fill(
    byId('recent'),
    state.recent.length > 0 && h('h2', {}, bt('recent.heading')),
    state.recent.length > 0 &&
      h(
        'ul',
        {},
        ...state.recent.map((b) => {
          const amount = money(b.amountMinor, b.currency);
          return h(
            'li',
            { class: b.voidedAt ? 'voided' : b.state, 'data-testid': 'recent-bill' },
            h('span', { class: 'dot', 'aria-hidden': 'true' }, recentMark(b)),
            h(
              'span',
              { class: 'grow' },
              b.customer.name ?? (b.customer.code ? formatCode(b.customer.code) : bt('customer.scanned')),
              b.description ? ` · ${b.description}` : '',
            ),
            // Off the tab: struck through, and said so in words beside it.
            b.voidedAt ? h('s', {}, amount) : h('span', {}, amount),
            b.state !== 'sent' &&
              h(
                'span',
                { class: `badge ${b.state === 'queued' ? 'queued' : 'conflict'}` },
                bt(`recent.${b.state}`),
              ),
            b.voidedAt && h('span', { class: 'badge conflict' }, bt('recent.voided')),
          );
        }),
      ),
  );
}

function render(state: BoothState): void {
  byId('login').hidden = state.screen !== 'login';
  byId('booth').hidden = state.screen !== 'booth';
  renderStatus(state);
  if (state.screen === 'booth') {
    renderBooth(state);
    renderCustomer(state);
    renderLastBill(state);
    renderRecent(state);
  }
  if (state.screen !== lastScreen) {
    lastScreen = state.screen;
    if (state.screen === 'booth' && localStorage.getItem('opsdesk.booth.camera') !== 'off')
      void camera.start();
    else camera.stop();
  }
  byId('login-error').textContent = signInProblemText(state.loginError, bt);
}

onLoginSubmit((input) => void app.login(input));

onTypedSubmit('typed-code', (text) => void app.lookup(text));

amountInput.addEventListener('input', () => {
  byId('amount-problem').textContent = '';
  updateBillButton();
});

byId<HTMLFormElement>('bill-form').addEventListener('submit', (event) => {
  event.preventDefault();
  const amount = typedAmount();
  if ('problem' in amount) {
    // Nothing is billed, and staff read why (zero, a negative amount, too many decimals).
    byId('amount-problem').textContent = amountProblemText(amount.problem);
    amountInput.focus();
    return;
  }
  const description = byId<HTMLInputElement>('bill-description');
  const text = description.value;
  // Cleared before anything else: a second tap finds no amount and cannot bill twice.
  amountInput.value = '';
  description.value = '';
  updateBillButton();
  void app.bill(amount.minor, text);
});

async function boot(): Promise<void> {
  if ('serviceWorker' in navigator) {
    navigator.serviceWorker.register('/scanner/sw.js', { scope: '/scanner/' }).catch((err) => {
      console.warn('booth: service worker not registered', err);
    });
  }
  void navigator.storage?.persist?.().catch(() => false);
  const store = await openIndexedDbBills();
  app = new BoothApp(store, new StaffApi(), render);
  relabel();
  await app.start();
}

void boot();
