import { h } from '../../../../web/kit/dom.ts';
import type { PortalMeJson, PortalMeterJson, QuoteJson } from '../browser.ts';
import { saleProblem } from '../browser.ts';
import { PortalError } from './api.ts';
import { parseAmount, parseKwh } from './format.ts';
import type { Portal } from './portal.ts';

/** Buying for a meter: by amount or by kWh, a quote with its lines, then the payer's phone and network. */
export function buyScreen(
  p: Portal,
  m: PortalMeterJson,
  me: PortalMeJson,
  mode: 'amount' | 'units' = 'amount',
) {
  const currency = m.currency ?? '';
  const quoteBox = h('div', { class: 'quote', 'aria-live': 'polite' });
  const value = p.input({ name: 'value', inputmode: 'decimal', required: true, autocomplete: 'off' });
  const tabs = h(
    'div',
    { class: 'tabs', role: 'tablist' },
    ...(['amount', 'units'] as const).map((kind) =>
      h(
        'button',
        {
          type: 'button',
          role: 'tab',
          'aria-selected': String(kind === mode),
          onclick: () => buyScreen(p, m, me, kind),
        },
        p.t(kind === 'amount' ? 'buy.byAmount' : 'buy.byUnits'),
      ),
    ),
  );
  p.show(
    () => buyScreen(p, m, me, mode),
    h(
      'section',
      { class: 'panel' },
      h('h1', {}, p.t('buy.heading', { meter: m.number })),
      tabs,
      p.form(
        [p.field(mode === 'amount' ? p.t('buy.amount', { currency }) : p.t('buy.units'), value)],
        p.t('buy.quote'),
        async () => {
          const ask = mode === 'amount' ? parseAmount(value.value, currency) : parseKwh(value.value);
          if (ask === null) throw new PortalError(422, p.t('error.generic'));
          const q = await p.api.quote(m.id, mode === 'amount' ? { amountMinor: ask } : { unitsTenths: ask });
          // Only what the purchase takes is offered (issue 66): the one sale range, said when outside it.
          if (saleProblem(q))
            throw new PortalError(
              422,
              p.t('buy.outOfRange', {
                min: p.money(q.minMinor, q.currency),
                max: p.money(q.maxMinor, q.currency),
              }),
            );
          quoteBox.replaceChildren(quoteView(p, q, m, me));
        },
      ),
      quoteBox,
      h('button', { type: 'button', class: 'link-dark', onclick: () => void p.go.home() }, p.t('buy.back')),
    ),
  );
  value.focus();
}

/** What the quote buys, tier by tier, and what it charges; the rest of a typed amount is not taken. */
function quoteLines(p: Portal, q: QuoteJson) {
  const line = (label: string, minor: number, strong = false) =>
    h(
      'div',
      { class: `row-between${strong ? ' total' : ''}` },
      h('span', {}, label),
      h('span', {}, p.money(minor, q.currency)),
    );
  return [
    h('p', { class: 'big' }, p.t('buy.youGet', { units: p.kwh(q.unitsTenths) })),
    h(
      'ul',
      { class: 'tiers' },
      ...q.tiers.map((tier) =>
        h(
          'li',
          {},
          p.t('buy.tier', {
            tier: String(tier.tier),
            units: p.kwh(tier.unitsTenths),
            price: p.money(tier.priceMinorPerKwh, q.currency),
          }),
        ),
      ),
    ),
    line(p.t('buy.energy'), q.energyMinor),
    line(p.t('buy.tax'), q.taxMinor),
    q.feeMinor > 0 && line(p.t('buy.fee'), q.feeMinor),
    line(p.t('buy.total'), q.chargeMinor, true),
    q.changeMinor > 0 &&
      h(
        'p',
        { class: 'muted', 'data-testid': 'quote-not-charged' },
        `${p.t('buy.notCharged', { asked: p.money(q.chargeMinor + q.changeMinor, q.currency) })}: ${p.money(q.changeMinor, q.currency)}`,
      ),
  ];
}

function quoteView(p: Portal, q: QuoteJson, m: PortalMeterJson, me: PortalMeJson) {
  const payer = p.input({
    name: 'payer',
    type: 'tel',
    inputmode: 'tel',
    required: true,
    value: me.user.phone ?? me.account.phone ?? '',
  });
  const provider = h(
    'select',
    { name: 'provider' },
    h('option', { value: 'momo' }, 'MTN MoMo'),
    h('option', { value: 'airtel' }, 'Airtel Money'),
  ) as HTMLSelectElement;
  // One key per quote shown: paying twice from it (a double tap, a retry) buys once.
  const key = crypto.randomUUID();
  return h(
    'div',
    { 'data-testid': 'quote' },
    ...quoteLines(p, q),
    p.form(
      [p.field(p.t('buy.payer'), payer), p.field(p.t('buy.provider'), provider)],
      p.t('buy.pay', { amount: p.money(q.chargeMinor, q.currency) }),
      async () => {
        const purchase = await p.api.buy(
          {
            meterId: m.id,
            method: provider.value as 'momo' | 'airtel',
            amount: { amountMinor: q.chargeMinor, currency: q.currency },
            msisdn: payer.value.trim(),
          },
          key,
        );
        p.go.waitForPayment(purchase, payer.value.trim());
      },
    ),
  );
}
