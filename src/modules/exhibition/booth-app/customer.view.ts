import { byId, fill, h } from '../../../../web/kit/dom.ts';
import { renderConfirm, updateBillButton } from './bill-form.view.ts';
import { paymentPanel } from './payment.view.ts';
import type { BoothState } from './state.ts';
import { type BoothView, formatCode, initials } from './view.ts';

/** Several customers a name or phone search found: staff pick one. */
function matchList(view: BoothView, matches: NonNullable<BoothState['matches']>): HTMLElement[] {
  return [
    h('p', { class: 'muted' }, view.words.t('customer.pick')),
    h(
      'ul',
      { class: 'matches', 'data-testid': 'matches' },
      ...matches.map((m) =>
        h(
          'li',
          {},
          h(
            'button',
            { type: 'button', onclick: () => view.app.pick(m) },
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
function customerCard(view: BoothView, c: NonNullable<BoothState['customer']>): HTMLElement[] {
  const { t, billCount } = view.words;
  const code = c.code ? formatCode(c.code) : undefined;
  const label = c.name ?? (code ? t('customer.unknown', { code }) : t('customer.scanned'));
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
        h('div', { class: 'muted small' }, t('customer.tab')),
        h(
          'div',
          { class: 'figure', 'data-testid': 'customer-total' },
          view.money(c.totalMinor, c.currency ?? view.app.booth?.currency ?? 'USD'),
        ),
        h('div', { class: 'muted small' }, billCount(c.billCount ?? 0)),
      ),
  );
  const clear = h(
    'button',
    { type: 'button', class: 'link-dark', onclick: () => view.app.clearCustomer() },
    t('customer.clear'),
  );
  return c.offline ? [who, h('p', { class: 'muted small' }, t('customer.offline')), clear] : [who, clear];
}

/** Why a lookup found no one, in words. */
function lookupErrorText(view: BoothView, error: string | undefined): string {
  if (error === 'no-match') return view.words.t('customer.noMatch');
  if (error === 'offline-search') return view.words.t('customer.offlineSearch');
  return error ?? '';
}

/** The customer on screen (or the matches to pick from), and the bill form under them. */
export function renderCustomer(view: BoothView, state: BoothState): void {
  const { app, amountInput } = view;
  const c = state.customer;
  const panel = byId('customer');
  panel.className = `customer${c?.offline ? ' offline' : ''}${state.matches ? ' picking' : ''}`;
  byId('lookup-error').textContent = lookupErrorText(view, state.lookupError);
  if (!c && state.matches) fill(panel, ...matchList(view, state.matches));
  else if (!c) fill(panel);
  else if (c.looking) fill(panel, h('p', { class: 'muted' }, view.words.t('customer.looking')));
  else fill(panel, ...customerCard(view, c), paymentPanel(view));
  const form = byId<HTMLFormElement>('bill-form');
  const wasHidden = form.hidden;
  form.hidden = !c || c.looking || !app.booth;
  byId('hint').hidden = c !== undefined || state.matches !== undefined;
  // A customer just found: the amount is what staff type next (on a phone this opens the keypad).
  if (wasHidden && !form.hidden) amountInput.focus();
  if (app.booth)
    byId('amount-label').textContent = view.words.t('bill.amount', { currency: app.booth.currency });
  byId('bill-error').textContent = state.billError ?? '';
  renderConfirm(view, state);
  updateBillButton(view);
}
