import { h } from '../../../../web/kit/dom.ts';
import { mayTakePayment } from './state.ts';
import type { TabPaymentStep } from './tab-payment.ts';
import type { BoothView } from './view.ts';

/** A button that closes the step without taking (more) money. */
const closeButton = (view: BoothView, label: string) =>
  h(
    'button',
    { type: 'button', 'data-testid': 'payment-close', onclick: () => view.app.closePayment() },
    label,
  );

/** The step's words and buttons: reading, nothing owed, what was taken, or the amount to confirm. */
function paymentBody(view: BoothView, payment: TabPaymentStep): Array<HTMLElement | null> {
  const { t } = view.words;
  if (payment.step === 'loading') return [h('p', { class: 'muted' }, t('pay.loading'))];
  if (payment.step === 'nothing') return [h('p', {}, t('pay.nothing')), closeButton(view, t('pay.close'))];
  if (payment.step === 'done') {
    const left = payment.leftMinor ?? 0;
    return [
      h(
        'p',
        { role: 'status' },
        t(left > 0 ? 'pay.doneLeft' : 'pay.done', {
          amount: view.money(payment.tookMinor ?? 0, payment.currency),
          left: view.money(left, payment.currency),
        }),
      ),
      closeButton(view, t('pay.close')),
    ];
  }
  const due = view.money(payment.dueMinor, payment.currency);
  return [
    h('p', {}, t('pay.confirm', { amount: due })),
    payment.error
      ? h(
          'p',
          { class: 'void-error', role: 'alert', 'data-testid': 'payment-error' },
          payment.error === 'offline' ? t('pay.offline') : t('pay.refused', { detail: payment.error }),
        )
      : null,
    h(
      'div',
      { class: 'confirm-row' },
      h(
        'button',
        {
          type: 'button',
          class: 'primary',
          'data-testid': 'payment-cash',
          disabled: payment.step === 'sending',
          onclick: () => void view.app.confirmPayment(),
        },
        t('pay.cash', { amount: due }),
      ),
      closeButton(view, t('pay.cancel')),
    ),
  ];
}

/**
 * The tab's "Take payment" on the customer card, for staff who may take payment (the desk's
 * permission): the amount owed to confirm once the cash is in hand, then what was taken. Nothing is
 * recorded before "Cash received"; a lost answer says so and the same tap takes the money once.
 */
export function paymentPanel(view: BoothView): HTMLElement | null {
  const { app } = view;
  const payment = app.state.payment;
  if (!payment)
    return mayTakePayment(app.state)
      ? h(
          'button',
          {
            type: 'button',
            class: 'take-payment',
            'data-testid': 'take-payment',
            onclick: () => void app.startPayment(),
          },
          view.words.t('pay.open'),
        )
      : null;
  return h(
    'div',
    { class: 'tab-payment', 'data-testid': 'tab-payment', 'data-step': payment.step },
    ...paymentBody(view, payment),
  );
}
