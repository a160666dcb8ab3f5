import { h } from '../../../../web/kit/dom.ts';
import type { PurchaseJson } from '../browser.ts';
import { groupToken } from './format.ts';
import type { Portal } from './portal.ts';

/** A paid purchase's token, grouped as the receipt prints it, with Copy. */
export function tokenScreen(p: Portal, purchase: PurchaseJson): void {
  const token = purchase.token ?? '';
  const copied = h('span', { class: 'copied', role: 'status' });
  p.show(
    () => tokenScreen(p, purchase),
    h(
      'section',
      { class: 'panel center' },
      h('h1', {}, p.t('token.heading')),
      h(
        'p',
        { class: 'token', 'data-testid': 'token', 'aria-label': token },
        ...groupToken(token).map((g) => h('span', {}, g)),
      ),
      h(
        'p',
        { class: 'big' },
        p.t('token.units', {
          units: p.kwh(purchase.unitsTenths ?? 0),
          amount: p.money(purchase.amount.amountMinor, purchase.amount.currency),
        }),
      ),
      h('p', { class: 'muted' }, p.t('token.enter')),
      h(
        'div',
        { class: 'row-center' },
        h(
          'button',
          {
            type: 'button',
            class: 'primary',
            onclick: async () => {
              await navigator.clipboard?.writeText(token).catch(() => undefined);
              copied.textContent = p.t('token.copied');
            },
          },
          p.t('token.copy'),
        ),
        copied,
      ),
      h('button', { type: 'button', class: 'link-dark', onclick: () => void p.go.home() }, p.t('buy.back')),
    ),
  );
}
