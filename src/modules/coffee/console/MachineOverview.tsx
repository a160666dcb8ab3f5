import { Box, LinearProgress, Stack, Table, TableBody, TableCell, TableRow, Typography } from '@mui/material';
import type { ReactNode } from 'react';
import { type TranslateFunction, useTranslate } from 'react-admin';
import { TableHeadings, useFormat } from '../../../../web/console/src/extensions/index.ts';
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

function Section({
  title,
  empty,
  testId,
  children,
}: {
  title: string;
  empty?: string;
  testId: string;
  children: ReactNode;
}) {
  const translate = useTranslate();
  return (
    <Box data-testid={testId}>
      <Typography variant="subtitle1" component="h3">
        {translate(title)}
      </Typography>
      {empty ? (
        <Typography variant="body2" color="text.secondary">
          {translate(empty)}
        </Typography>
      ) : (
        children
      )}
    </Box>
  );
}

/** A machine's bins with their level, its alarms most severe first, and its latest sales. */
export function MachineOverview({ data }: { data: Overview }) {
  const translate = useTranslate();
  const format = useFormat();
  return (
    <Stack spacing={2}>
      <Section
        title="coffee.machine.bins"
        testId="machine-bins"
        empty={data.bins.length ? undefined : 'coffee.machine.no_bins'}
      >
        <Table size="small">
          <TableHeadings
            headings={['coffee.fields.binIndex', 'coffee.fields.material', 'coffee.fields.levelPct']}
          />
          <TableBody>
            {data.bins.map((b) => (
              <TableRow key={b.id} data-material={b.materialCode} data-level={b.level}>
                <TableCell>{b.binIndex}</TableCell>
                <TableCell>{b.materialCode}</TableCell>
                <TableCell sx={{ minWidth: 180 }}>
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
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </Section>
      <Section
        title="coffee.machine.alarms"
        testId="machine-alarms"
        empty={data.alarms.length ? undefined : 'coffee.machine.no_alarms'}
      >
        <Table size="small">
          <TableHeadings
            headings={[
              'coffee.fields.severity',
              'coffee.fields.title',
              'coffee.fields.status',
              'coffee.fields.raisedAt',
            ]}
          />
          <TableBody>
            {data.alarms.map((a) => (
              <TableRow key={a.id} data-severity={a.severity}>
                <TableCell>
                  <SeverityChip severity={a.severity} />
                </TableCell>
                <TableCell>{words(translate, a.title)}</TableCell>
                <TableCell>{translate(`coffee.options.${a.status}`)}</TableCell>
                <TableCell>{format.dateTime(a.raisedAt)}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </Section>
      <Section
        title="coffee.machine.sales"
        testId="machine-sales"
        empty={data.sales.length ? undefined : 'coffee.machine.no_sales'}
      >
        <Table size="small">
          <TableHeadings
            headings={[
              'coffee.fields.orderedAt',
              'coffee.fields.items',
              'coffee.fields.total',
              'coffee.fields.paymentStatus',
              'coffee.fields.vendStatus',
            ]}
          />
          <TableBody>
            {data.sales.map((o) => (
              <TableRow key={o.id}>
                <TableCell>{format.dateTime(o.orderedAt)}</TableCell>
                <TableCell>{o.items.map((i) => `${i.qty} × ${i.name}`).join(', ')}</TableCell>
                <TableCell>{format.money(o.totalMinor, o.currency)}</TableCell>
                <TableCell>{translate(`coffee.options.${o.paymentStatus}`)}</TableCell>
                <TableCell>{translate(`coffee.options.${o.vendStatus}`)}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </Section>
    </Stack>
  );
}
