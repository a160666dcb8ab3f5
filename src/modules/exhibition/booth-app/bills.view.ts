import { byId, fill, h } from '../../../../web/kit/dom.ts';
import type { QueuedBill } from './queue.ts';
import type { BoothState } from './state.ts';
import { type BoothView, formatCode } from './view.ts';

/** What became of the bill: sent, refused, waiting, or voided since. */
function lastBillText(view: BoothView, bill: QueuedBill): string {
  const { t } = view.words;
  const amount = view.money(bill.amountMinor, bill.currency);
  const name = bill.customer.name ?? '';
  if (bill.voidedAt) return t('bill.voided', { amount, name });
  if (bill.state === 'sent') return t('bill.sent', { amount, name });
  if (bill.state === 'refused') return t('bill.refused', { detail: bill.error ?? '' });
  return t('bill.queued', { amount });
}

/** The bill just made, what became of it, and its void while the window is open. */
export function renderLastBill(view: BoothView, state: BoothState): void {
  const { t } = view.words;
  const bill = state.lastBill;
  const panel = byId('last-bill');
  if (!bill) {
    panel.className = 'last-bill';
    fill(panel);
    return;
  }
  panel.className = bill.voidedAt ? 'last-bill voided' : `last-bill ${bill.state}`;
  panel.dataset.state = bill.state;
  panel.dataset.key = bill.key;
  panel.dataset.voided = bill.voidedAt ? 'true' : 'false';
  const voidable = bill.state === 'sent' && bill.billId !== undefined && !bill.voidedAt;
  const minutes = Math.round((view.app.booth?.voidWindowSeconds ?? 120) / 60);
  fill(
    panel,
    h('div', {}, lastBillText(view, bill)),
    voidable &&
      h(
        'div',
        { class: 'void-row' },
        h('span', { class: 'small' }, t('bill.voidHint', { minutes })),
        h(
          'button',
          {
            type: 'button',
            class: 'link-dark',
            'data-testid': 'void-last',
            onclick: () => void view.app.voidLastBill(t('bill.voidReason')),
          },
          t('bill.void'),
        ),
      ),
    state.voidError &&
      h(
        'p',
        { class: 'void-error', role: 'alert', 'data-testid': 'void-error' },
        t('bill.voidRefused', { detail: state.voidError }),
      ),
  );
}

/** The mark beside a recent bill: billed ✓, refused ✕, waiting …; a voided one is no longer billed (⊘, never ✓). */
const recentMark = (b: QueuedBill): string =>
  b.voidedAt ? '⊘' : b.state === 'sent' ? '✓' : b.state === 'refused' ? '✕' : '…';

/** One of the phone's recent bills: who, what for, the amount (struck through once voided) and its state. */
function recentRow(view: BoothView, b: QueuedBill): HTMLElement {
  const { t } = view.words;
  const amount = view.money(b.amountMinor, b.currency);
  return h(
    'li',
    { class: b.voidedAt ? 'voided' : b.state, 'data-testid': 'recent-bill' },
    h('span', { class: 'dot', 'aria-hidden': 'true' }, recentMark(b)),
    h(
      'span',
      { class: 'grow' },
      b.customer.name ?? (b.customer.code ? formatCode(b.customer.code) : t('customer.scanned')),
      b.description ? ` · ${b.description}` : '',
    ),
    // Off the tab: struck through, and said so in words beside it.
    b.voidedAt ? h('s', {}, amount) : h('span', {}, amount),
    b.state !== 'sent' &&
      h('span', { class: `badge ${b.state === 'queued' ? 'queued' : 'conflict'}` }, t(`recent.${b.state}`)),
    b.voidedAt && h('span', { class: 'badge conflict' }, t('recent.voided')),
  );
}

/** The bills this phone made lately, newest first. */
export function renderRecent(view: BoothView, state: BoothState): void {
  fill(
    byId('recent'),
    state.recent.length > 0 && h('h2', {}, view.words.t('recent.heading')),
    state.recent.length > 0 && h('ul', {}, ...state.recent.map((b) => recentRow(view, b))),
  );
}
