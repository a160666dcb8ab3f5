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
                : purchase.refunded.amountMinor > 0
                  ? null
                  : notPaid(p, purchase.status),
              refundedLine(
                p,
                purchase.refunded,
                p.money(
                  Math.max(0, purchase.amount.amountMinor - purchase.refunded.amountMinor),
                  purchase.amount.currency,
                ),
              ),
            ),
          ),
        ),
  );
}

/**
 * What went back for a purchase (issue 62), whichever way staff refunded it, and what it cost in the
 * end; nothing when nothing went back.
 */
function refundedLine(p: Portal, refunded: { amountMinor: number; currency: string }, net: string) {
  if (refunded.amountMinor <= 0) return null;
  return h(
    'div',
    { class: 'refunded', 'data-testid': 'history-refunded' },
    p.t('history.refunded', { amount: p.money(refunded.amountMinor, refunded.currency), net }),
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
            h('strong', {}, centsIn(purchase.amount.amountCents, purchase.amount.currency, locale)),
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
          refundedLine(
            p,
            purchase.refunded,
            centsIn(
              Math.max(0, purchase.amount.amountCents - purchase.refunded.amountMinor * 100),
              purchase.amount.currency,
              locale,
            ),
          ),
        ),
      ),
    ),
  );
}

/** Hundredths of a currency as the original wrote them: with cents when there are any. */
const centsIn = (cents: number, currency: string, locale: string) =>
  `${numberIn(cents / 100, locale, { minimumFractionDigits: cents % 100 ? 2 : 0 })} ${currency}`;
