import { h } from '../../../../web/kit/dom.ts';
import type { OriginalPurchaseJson, PurchaseJson } from '../browser.ts';
import { groupToken, numberIn } from './format.ts';
import type { Portal } from './portal.ts';

/** The account's purchases on the home screen, newest first, each with its token once paid. */
export function historySection(p: Portal, items: PurchaseJson[]) {
  return h(
    'section',
    { class: 'panel' },
    h('h2', {}, p.t('home.history')),
    items.length === 0
      ? h('p', { class: 'muted' }, p.t('history.empty'))
      : h(
          'ul',
          { class: 'history', 'data-testid': 'history' },
          ...items.map((purchase) =>
            h(
              'li',
              {},
              h(
                'div',
                { class: 'row-between' },
                h('span', {}, `${p.day(purchase.createdAt)} · ${purchase.meterNumber}`),
                h('strong', {}, p.money(purchase.amount.amountMinor, purchase.amount.currency)),
              ),
              purchase.status === 'paid' && purchase.token
                ? h(
                    'div',
                    { class: 'row-between' },
                    h('span', { class: 'mono' }, groupToken(purchase.token).join(' ')),
                    h('span', { class: 'muted' }, `${p.kwh(purchase.unitsTenths ?? 0)} kWh`),
                  )
                : notPaid(p, purchase.status),
            ),
          ),
        ),
  );
}

const notPaid = (p: Portal, status: string) =>
  h(
    'div',
    { class: status === 'failed' ? 'error' : 'muted' },
    status === 'failed' ? p.t('history.failed') : p.t('history.pending'),
  );

/** What the former system sold before the switch, marked as its own: amounts to the cent, tokens in fives. */
export function originalHistorySection(p: Portal, items: OriginalPurchaseJson[]) {
  const locale = p.locale();
  return h(
    'section',
    { class: 'panel', 'data-testid': 'history-original' },
    h('h2', {}, p.t('history.original')),
    h('p', { class: 'muted' }, p.t('history.originalNote')),
    h(
      'ul',
      { class: 'history' },
      ...items.map((purchase) =>
        h(
          'li',
          {},
          h(
            'div',
            { class: 'row-between' },
            h('span', {}, `${p.day(purchase.createdAt)} · ${purchase.meterNumber ?? ''}`),
            h(
              'strong',
              {},
              `${numberIn(purchase.amount.amountCents / 100, locale, { minimumFractionDigits: purchase.amount.amountCents % 100 ? 2 : 0 })} ${purchase.amount.currency}`,
            ),
          ),
          purchase.token
            ? h(
                'div',
                { class: 'row-between' },
                h('span', { class: 'mono' }, (purchase.token.match(/.{1,5}/g) ?? []).join('-')),
                h(
                  'span',
                  { class: 'muted' },
                  `${numberIn((purchase.unitsMilli ?? 0) / 1000, locale, { minimumFractionDigits: 3 })} kWh`,
                ),
              )
            : notPaid(p, purchase.status),
        ),
      ),
    ),
  );
}
