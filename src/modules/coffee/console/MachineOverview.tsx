import { LinearProgress, Stack } from '@mui/material';
import { type TranslateFunction, useTranslate } from 'react-admin';
import { RowsSection, useFormat } from '../../../../web/console/src/extensions/index.ts';
import type { MachineOverviewJson } from '../browser.ts';
import { SeverityChip } from './SeverityChip.tsx';

/** What `GET /api/coffee/devices/:id/overview` answers. */
export type Overview = MachineOverviewJson;
type Message = Overview['alarms'][number]['title'];

const isMessage = (v: unknown): v is Message =>
  typeof v === 'object' && v !== null && typeof (v as Message).key === 'string';

/** An alarm's title in the reader's words, as the alarm list words it (values may be words too). */
function words(translate: TranslateFunction, m: Message): string {
  const params = Object.fromEntries(
    Object.entries(m.params ?? {}).map(([k, v]) => [
      k,
      Array.isArray(v)
        ? v.map((x) => (isMessage(x) ? words(translate, x) : String(x))).join(', ')
        : isMessage(v)
          ? words(translate, v)
          : v,
    ]),
  );
  return translate(m.key, { ...params, _: m.text ?? m.key });
}

const BAR = { empty: 'error', critical: 'error', low: 'warning', normal: 'success' } as const;

/** A machine's bins with their level, its alarms most severe first, and its latest sales. */
export function MachineOverview({ data }: { data: Overview }) {
  const translate = useTranslate();
  const format = useFormat();
  return (
    <Stack spacing={2}>
      <RowsSection
        title={translate('coffee.machine.bins')}
        testId="machine-bins"
        empty={translate('coffee.machine.no_bins')}
        rows={data.bins}
        columns={[
          { label: 'coffee.fields.binIndex', cell: (b) => b.binIndex },
          { label: 'coffee.fields.material', cell: (b) => b.materialCode },
          {
            label: 'coffee.fields.levelPct',
            sx: { minWidth: 180 },
            cell: (b) => (
              <>
                <LinearProgress
                  variant="determinate"
                  value={Math.min(100, b.levelPct)}
                  color={BAR[b.level]}
                  aria-label={`${b.materialCode} ${b.levelPct}%`}
                  sx={{ mb: 0.5 }}
                />
                {translate('coffee.machine.bin_level', {
                  pct: b.levelPct,
                  remaining: b.remaining,
                  capacity: b.capacity,
                })}{' '}
                · {translate(`coffee.options.${b.level}`)}
              </>
            ),
          },
        ]}
        rowKey={(b) => b.id}
        rowData={(b) => ({ 'data-material': b.materialCode, 'data-level': b.level })}
      />
      <RowsSection
        title={translate('coffee.machine.alarms')}
        testId="machine-alarms"
        empty={translate('coffee.machine.no_alarms')}
        rows={data.alarms}
        columns={[
          { label: 'coffee.fields.severity', cell: (a) => <SeverityChip severity={a.severity} /> },
          { label: 'coffee.fields.title', cell: (a) => words(translate, a.title) },
          { label: 'coffee.fields.status', cell: (a) => translate(`coffee.options.${a.status}`) },
          { label: 'coffee.fields.raisedAt', cell: (a) => format.dateTime(a.raisedAt) },
        ]}
        rowKey={(a) => a.id}
        rowData={(a) => ({ 'data-severity': a.severity })}
      />
      <RowsSection
        title={translate('coffee.machine.sales')}
        testId="machine-sales"
        empty={translate('coffee.machine.no_sales')}
        rows={data.sales}
        columns={[
          { label: 'coffee.fields.orderedAt', cell: (o) => format.dateTime(o.orderedAt) },
          {
            label: 'coffee.fields.items',
            cell: (o) => o.items.map((i) => `${i.qty} × ${i.name}`).join(', '),
          },
          { label: 'coffee.fields.total', cell: (o) => format.money(o.totalMinor, o.currency) },
          {
            label: 'coffee.fields.refundedAmount',
            cell: (o) => (o.refundedMinor > 0 ? format.money(o.refundedMinor, o.currency) : '—'),
          },
          {
            label: 'coffee.fields.paymentStatus',
            cell: (o) => translate(`coffee.options.${o.paymentStatus}`),
          },
          { label: 'coffee.fields.vendStatus', cell: (o) => translate(`coffee.options.${o.vendStatus}`) },
        ]}
        rowKey={(o) => o.id}
      />
    </Stack>
  );
}
