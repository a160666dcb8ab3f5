import { Typography } from '@mui/material';
import { useCallback, useEffect, useState } from 'react';
import { useLocale, useTranslate } from 'react-admin';
import {
  api,
  formatMoney,
  RecordPanelCard,
  type RecordPanelProps,
  useLiveTopic,
} from '../../../../web/console/src/extensions/index.ts';
import { tabDueMinor } from './bill-money-words.ts';
import type { Bill } from './desk-model.ts';
import { TakePayment } from './TakePayment.tsx';

/** On a customer's page: the tab's money (paid, returned, due) and "Take payment" for what it owes. */
export default function CustomerTabPanel({ id, record }: RecordPanelProps) {
  const translate = useTranslate();
  const locale = useLocale();
  const [bills, setBills] = useState<Bill[]>();
  const load = useCallback(
    () => api<Bill[]>(`/api/exhibition/customers/${encodeURIComponent(id)}/bills`).then(setBills),
    [id],
  );
  useEffect(() => void load().catch(() => undefined), [load]);
  useLiveTopic(
    ['exhibition.bills'],
    (m) => m.id === id && void load(),
    () => void load(),
  );
  if (!bills) return null;
  const currency = String(record.currency ?? bills[0]?.currency ?? '');
  if (!currency) return null;
  const sum = (pick: (b: Bill) => number) => bills.reduce((n, b) => n + pick(b), 0);
  const money = (minor: number) => formatMoney(minor, currency, locale);
  return (
    <RecordPanelCard testId="exhibition-tab-money" title={translate('exhibition.money.title')}>
      <Typography data-testid="tab-money-summary">
        {translate('exhibition.money.summary', {
          paid: money(sum((b) => b.money?.paidMinor ?? 0)),
          refunded: money(sum((b) => b.money?.refundedMinor ?? 0)),
          due: money(tabDueMinor(bills)),
        })}
      </Typography>
      <TakePayment
        customerId={id}
        phone={String(record.phone ?? '')}
        currency={currency}
        dueMinor={tabDueMinor(bills)}
        onTaken={(r) => setBills(r.bills)}
      />
    </RecordPanelCard>
  );
}
