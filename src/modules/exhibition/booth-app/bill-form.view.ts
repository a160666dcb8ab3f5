import { byId, fill, h } from '../../../../web/kit/dom.ts';
import { type AmountProblem, currencyDigits, readAmount } from '../../../../web/kit/money.ts';
import type { BoothState } from './state.ts';
import type { BoothView } from './view.ts';

/*
 * The bill form under the customer on screen: the amount (in the booth's currency, refused in words
 * when it cannot be billed), what for, and the confirmation an amount above the exhibition's limit
 * waits for.
 */

/** The amount typed, in minor units of the booth's currency, or what is wrong with it. */
function typedAmount(view: BoothView): { minor: number } | { problem: AmountProblem } {
  const booth = view.app.booth;
  return booth ? readAmount(view.amountInput.value, currencyDigits(booth.currency)) : { problem: 'empty' };
}

/** What staff read about an amount that cannot be billed ("12.345": USD has at most 2 digits…). */
function amountProblemText(view: BoothView, problem: AmountProblem): string {
  const { t, locale } = view.words;
  const currency = view.app.booth?.currency ?? 'USD';
  const digits = currencyDigits(currency);
  const example = (12.5).toLocaleString(locale, {
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
  });
  if (problem === 'zero') return t('bill.zero');
  if (problem === 'negative') return t('bill.negative');
  if (problem === 'digits')
    return digits === 0
      ? t('bill.noDecimals', { currency, example: '1200' })
      : t('bill.digits', { currency, digits, example });
  return t('bill.format', { example });
}

/** An amount above the exhibition's limit: nothing is billed until staff say yes. */
export function renderConfirm(view: BoothView, state: BoothState): void {
  const { app, amountInput } = view;
  const { t } = view.words;
  const pending = state.confirming;
  const panel = byId('bill-confirm');
  byId<HTMLFormElement>('bill-form').classList.toggle('confirming', pending !== undefined);
  if (!pending) {
    fill(panel);
    return;
  }
  const amount = view.money(pending.amountMinor, pending.currency);
  const change = () => {
    const digits = currencyDigits(pending.currency);
    amountInput.value = (pending.amountMinor / 10 ** digits).toFixed(digits);
    byId<HTMLInputElement>('bill-description').value = pending.description;
    app.cancelConfirmation();
    amountInput.focus();
  };
  fill(
    panel,
    h(
      'p',
      { role: 'alert' },
      t('bill.confirmLarge', { amount, limit: view.money(pending.limitMinor, pending.currency) }),
    ),
    h(
      'div',
      { class: 'confirm-row' },
      h(
        'button',
        {
          type: 'button',
          class: 'primary',
          onclick: () => void app.bill(pending.amountMinor, pending.description, true),
        },
        t('bill.confirm', { amount }),
      ),
      h('button', { type: 'button', onclick: change }, t('bill.change')),
    ),
  );
}

/** The bill button names the amount once it is one; it is enabled as soon as anything is typed. */
export function updateBillButton(view: BoothView): void {
  const amount = typedAmount(view);
  const booth = view.app.booth;
  const button = byId<HTMLButtonElement>('bill-submit');
  button.disabled = view.amountInput.value.trim() === '';
  button.textContent =
    'minor' in amount && booth
      ? view.words.t('bill.submit', { amount: view.money(amount.minor, booth.currency) })
      : view.words.t('bill.submitEmpty');
}

/** What the form does as staff type and submit: a refused amount says why, a good one is billed once. */
export function wireBillForm(view: BoothView): void {
  const { amountInput } = view;
  amountInput.addEventListener('input', () => {
    byId('amount-problem').textContent = '';
    updateBillButton(view);
  });
  byId<HTMLFormElement>('bill-form').addEventListener('submit', (event) => {
    event.preventDefault();
    const amount = typedAmount(view);
    if ('problem' in amount) {
      // Nothing is billed, and staff read why (zero, a negative amount, too many decimals).
      byId('amount-problem').textContent = amountProblemText(view, amount.problem);
      amountInput.focus();
      return;
    }
    const description = byId<HTMLInputElement>('bill-description');
    const text = description.value;
    // Cleared before anything else: a second tap finds no amount and cannot bill twice.
    amountInput.value = '';
    description.value = '';
    updateBillButton(view);
    void view.app.bill(amount.minor, text);
  });
}
