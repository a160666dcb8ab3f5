import { Stack, Typography, useMediaQuery, useTheme } from '@mui/material';
import type { ReactNode } from 'react';
import { useTranslate } from 'react-admin';
import { RowsTable } from '../../../../web/console/src/extensions/index.ts';
import { Line } from './Line.tsx';
import { Section } from './Section.tsx';
import type { CycleDuesRow } from './student-overview.ts';

/** Where each over-payment went: carried as credit to the next cycle, or waiting for it. */
function creditLines(
  cycles: CycleDuesRow[],
  money: (minor: number) => string,
  translate: (key: string, options?: object) => string,
): string[] {
  // Newest first: the cycle after c is the one before it in the list.
  return cycles.flatMap((c, i) => {
    if (c.creditOutMinor > 0)
      return [
        translate('mess.student.credit_carried', {
          amount: money(c.creditOutMinor),
          cycle: c.name,
          next: cycles[i - 1]?.name ?? '',
        }),
      ];
    if (c.balanceMinor < 0)
      return [translate('mess.student.credit_waiting', { amount: money(-c.balanceMinor), cycle: c.name })];
    return [];
  });
}

/**
 * Dues per cycle: fee, rebate (cut days and days the mess was closed), paid, balance; an
 * over-payment reads as a credit carried to the next cycle (or waiting for it), never as a bare
 * negative balance; below them, what may be paid back (`children`).
 */
export function StudentDues({
  cycles,
  money,
  children,
}: {
  cycles: CycleDuesRow[];
  money: (minor: number) => string;
  children?: ReactNode;
}) {
  const translate = useTranslate();
  const phone = useMediaQuery(useTheme().breakpoints.down('sm'));
  const rebate = (c: CycleDuesRow) =>
    `${money(c.rebateMinor)} (${translate('mess.student.rebate_days', { cut: c.cutDays, closed: c.closedDays })})`;
  const balance = (c: CycleDuesRow) =>
    c.balanceMinor < 0
      ? translate('mess.student.credit', { amount: money(-c.balanceMinor) })
      : money(c.balanceMinor);
  const credits = creditLines(cycles, money, translate);
  return (
    <Section title={translate('mess.student.dues')} testId="mess-dues">
      {phone ? (
        cycles.map((c) => (
          <Line key={c.cycleId}>
            <Typography sx={{ width: '100%', fontWeight: 500 }}>{c.name}</Typography>
            <Typography variant="body2">
              {translate('mess.fields.fee')}: {money(c.feeMinor)}
            </Typography>
            <Typography variant="body2">
              {translate('mess.student.rebate')}: {rebate(c)}
            </Typography>
            <Typography variant="body2">
              {translate('mess.student.paid')}: {money(c.paidMinor + c.creditInMinor)}
            </Typography>
            <Typography variant="body2" sx={{ fontWeight: 700 }}>
              {translate('mess.student.balance')}: {balance(c)}
            </Typography>
          </Line>
        ))
      ) : (
        <RowsTable
          rows={cycles}
          columns={[
            { label: 'mess.fields.cycle', cell: (c) => c.name },
            { label: 'mess.fields.fee', align: 'right', cell: (c) => money(c.feeMinor) },
            { label: 'mess.student.rebate', align: 'right', cell: rebate },
            {
              label: 'mess.student.paid',
              align: 'right',
              cell: (c) =>
                money(c.paidMinor) +
                (c.creditInMinor > 0
                  ? ` + ${translate('mess.student.credit', { amount: money(c.creditInMinor) })}`
                  : ''),
            },
            { label: 'mess.student.balance', align: 'right', cell: (c) => <strong>{balance(c)}</strong> },
          ]}
          rowKey={(c) => c.cycleId}
        />
      )}
      {credits.length > 0 && (
        <Stack spacing={0.5} sx={{ mt: 1 }} data-testid="mess-credit">
          {credits.map((line) => (
            <Typography key={line} variant="body2" color="text.secondary">
              {line}
            </Typography>
          ))}
        </Stack>
      )}
      {children}
    </Section>
  );
}
