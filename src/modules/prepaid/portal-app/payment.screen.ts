import { h } from '../../../../web/kit/dom.ts';
import { type PurchaseJson, paymentFailureKind } from '../browser.ts';
import type { Portal } from './portal.ts';

/**
 * A purchase waiting for the payer to approve on their phone: asks the server until it is paid (the
 * token screen) or failed (why, in words). Leaving does not cancel: the token shows in the history.
 */
export function paymentScreen(p: Portal, purchase: PurchaseJson, phone: string): void {
  if (purchase.status === 'paid') {
    p.go.token(purchase);
    return;
  }
  const redraw = () => paymentScreen(p, purchase, phone);
  const back = (primary: boolean) =>
    h(
      'button',
      { type: 'button', class: primary ? 'primary' : 'link-dark', onclick: () => void p.go.home() },
      p.t('buy.back'),
    );
  if (purchase.status === 'failed') {
    const reason = p.t(`pay.failure.${paymentFailureKind(purchase.failureReason)}`);
    p.show(
      redraw,
      h(
        'section',
        { class: 'panel' },
        h('h1', {}, p.t('buy.heading', { meter: purchase.meterNumber })),
        h('p', { class: 'error', role: 'alert' }, p.t('pay.failed', { reason })),
        back(true),
      ),
    );
    return;
  }
  const amount = p.money(purchase.amount.amountMinor, purchase.amount.currency);
  const shown = p.show(
    redraw,
    h(
      'section',
      { class: 'panel center' },
      h('h1', {}, p.t('buy.heading', { meter: purchase.meterNumber })),
      h('div', { class: 'spinner', 'aria-hidden': 'true' }),
      h('p', { class: 'big', role: 'status' }, p.t('pay.waiting', { amount })),
      h('p', { class: 'muted mono' }, phone),
      back(false),
    ),
  );
  const poll = async () => {
    if (!p.showing(shown)) return;
    try {
      const next = await p.api.purchase(purchase.id);
      if (!p.showing(shown)) return;
      if (next.status !== 'pending') return paymentScreen(p, next, phone);
    } catch {
      // a dropped connection: keep asking
    }
    setTimeout(poll, 1500);
  };
  setTimeout(poll, 1000);
}
