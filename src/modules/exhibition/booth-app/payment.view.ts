import { h } from '../../../../web/kit/dom.ts';
import { mayTakePayment } from './state.ts';
import type { BoothView } from './view.ts';

/**
 * The tab's "Take payment" on the customer card, for staff who may take payment (the desk's
 * permission): the amount owed to confirm once the cash is in hand, then what was taken. Nothing is
 * recorded before "Cash received"; a lost answer says so and the same tap takes the money once.
 */
export function paymentPanel(view: BoothView): HTMLElement | null {
  const { app } = view;
  const { t } = view.words;
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
          t('pay.open'),
        )
      : null;
  const close = (label: string) =>
    h('button', { type: 'button', 'data-testid': 'payment-close', onclick: () => app.closePayment() }, label);
  const due = view.money(payment.dueMinor, payment.currency);
  const body: Array<HTMLElement | null> = [];
  if (payment.step === 'loading') body.push(h('p', { class: 'muted' }, t('pay.loading')));
  else if (payment.step === 'nothing') body.push(h('p', {}, t('pay.nothing')), close(t('pay.close')));
  else if (payment.step === 'done') {
    const left = payment.leftMinor ?? 0;
    body.push(
      h(
        'p',
        { role: 'status' },
        t(left > 0 ? 'pay.doneLeft' : 'pay.done', {
          amount: view.money(payment.tookMinor ?? 0, payment.currency),
          left: view.money(left, payment.currency),
        }),
      ),
      close(t('pay.close')),
    );
  } else
    body.push(
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
            onclick: () => void app.confirmPayment(),
          },
          t('pay.cash', { amount: due }),
        ),
        close(t('pay.cancel')),
      ),
    );
  return h('div', { class: 'tab-payment', 'data-testid': 'tab-payment', 'data-step': payment.step }, ...body);
}
