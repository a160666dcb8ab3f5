import type { RefObject } from 'react';
import { useLocale, useTranslate } from 'react-admin';
import { formatMoney, useFormat } from '../../../../web/console/src/extensions/index.ts';
import { billMoneyWord, tabDueMinor } from './bill-money-words.ts';
import { type Bill, type Customer, codeOf, DESK_FIELD } from './desk-model.ts';
import { TakePayment } from './TakePayment.tsx';

/**
 * An open tab: the customer's total, the amount and description being typed, the last five bills with
 * how each stands for its money, and "Take payment" for what the tab owes.
 */
export function DeskTab(props: {
  customer: Customer;
  bills: Bill[];
  amount: string;
  description: string;
  amountRef: RefObject<HTMLInputElement | null>;
  onAmount(value: string): void;
  onDescription(value: string): void;
}) {
  const { customer, bills } = props;
  const translate = useTranslate();
  const locale = useLocale();
  const format = useFormat();
  const money = (minor: number) => formatMoney(minor, customer.currency, locale);
  return (
    <section data-testid="desk-tab" aria-label={customer.name}>
      <h2 style={{ margin: '4px 0' }}>
        {customer.name} <small style={{ letterSpacing: 2 }}>{codeOf(customer.code)}</small>
      </h2>
      <p data-testid="desk-total" style={{ fontSize: 20, margin: '4px 0 12px' }}>
        {translate('exhibition.desk.tab', {
          total: money(customer.totalMinor),
          smart_count: customer.billCount,
        })}
      </p>
      <div style={{ display: 'flex', gap: 8 }}>
        <input
          ref={props.amountRef}
          aria-label={translate('exhibition.desk.amount', { currency: customer.currency })}
          placeholder={translate('exhibition.desk.amount', { currency: customer.currency })}
          data-testid="desk-amount"
          inputMode="decimal"
          value={props.amount}
          onChange={(e) => props.onAmount(e.target.value)}
          autoComplete="off"
          style={{ ...DESK_FIELD, fontSize: 28, flex: '0 0 40%' }}
        />
        <input
          aria-label={translate('exhibition.fields.description')}
          placeholder={translate('exhibition.fields.description')}
          value={props.description}
          onChange={(e) => props.onDescription(e.target.value)}
          autoComplete="off"
          style={DESK_FIELD}
        />
      </div>
      {bills.length > 0 && (
        <table style={{ marginTop: 12, width: '100%', borderCollapse: 'collapse' }} data-testid="desk-bills">
          <tbody>
            {bills.slice(-5).map((b) => (
              <tr key={b.id} data-testid="desk-bill" data-status={b.status}>
                <td>{format.time(b.createdAt)}</td>
                <td>{b.boothName}</td>
                <td>{b.description}</td>
                {/* A voided bill is off the tab: said in words, its amount struck through (not only grey). */}
                <td data-testid="desk-bill-status">
                  {b.status === 'void' &&
                    (b.voidReason
                      ? translate('exhibition.desk.voidedBecause', { reason: b.voidReason })
                      : translate('exhibition.desk.voided'))}
                </td>
                <td style={{ textAlign: 'right' }}>
                  {b.status === 'void' ? <s>{money(b.amountMinor)}</s> : money(b.amountMinor)}
                </td>
                <BillMoneyCell bill={b} money={money} />
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <TakePayment
        customerId={customer.id}
        phone={customer.phone}
        currency={customer.currency}
        dueMinor={tabDueMinor(bills)}
      />
    </section>
  );
}

/** A bill's money on the desk: paid, due, waiting for the payer or returned. */
function BillMoneyCell({ bill, money }: { bill: Bill; money: (minor: number) => string }) {
  const translate = useTranslate();
  const word = billMoneyWord(bill);
  return (
    <td data-testid="desk-bill-money" style={{ paddingLeft: 12 }}>
      {word && translate(word.key, { amount: word.amountMinor === undefined ? '' : money(word.amountMinor) })}
    </td>
  );
}
