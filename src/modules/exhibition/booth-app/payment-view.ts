import { h } from '../../../../web/kit/dom.ts';
import type { BoothApp } from './app.ts';
import { bt } from './i18n.ts';

type Money = (minor: number, currency: string) => string;

/**
 * The tab's "Take payment" on the customer card, for staff who may take payment (the desk's
 * permission): the amount owed to confirm once the cash is in hand, then what was taken. Nothing is
 * recorded before "Cash received"; a lost answer says so and the same tap takes the money once.
 */
export function paymentPanel(app: BoothApp, money: Money): HTMLElement | null {
  const payment = app.state.payment;
  if (!payment)
    return app.mayTakePayment
      ? h(
          'button',
          {
            type: 'button',
            class: 'take-payment',
            'data-testid': 'take-payment',
            onclick: () => void app.startPayment(),
          },
          bt('pay.open'),
        )
      : null;
  const close = (label: string) =>
    h('button', { type: 'button', 'data-testid': 'payment-close', onclick: () => app.closePayment() }, label);
  const due = money(payment.dueMinor, payment.currency);
  const body: Array<HTMLElement | null> = [];
  if (payment.step === 'loading') body.push(h('p', { class: 'muted' }, bt('pay.loading')));
  else if (payment.step === 'nothing') body.push(h('p', {}, bt('pay.nothing')), close(bt('pay.close')));
  else if (payment.step === 'done') {
    const left = payment.leftMinor ?? 0;
    body.push(
      h(
        'p',
        { role: 'status' },
        bt(left > 0 ? 'pay.doneLeft' : 'pay.done', {
          amount: money(payment.tookMinor ?? 0, payment.currency),
          left: money(left, payment.currency),
        }),
      ),
      close(bt('pay.close')),
    );
  } else
    body.push(
      h('p', {}, bt('pay.confirm', { amount: due })),
      payment.error
        ? h(
            'p',
            { class: 'void-error', role: 'alert', 'data-testid': 'payment-error' },
            payment.error === 'offline' ? bt('pay.offline') : bt('pay.refused', { detail: payment.error }),
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
          bt('pay.cash', { amount: due }),
        ),
        close(bt('pay.cancel')),
      ),
    );
  return h('div', { class: 'tab-payment', 'data-testid': 'tab-payment', 'data-step': payment.step }, ...body);
}
