import { Box, Chip, Typography } from '@mui/material';
import { useTranslate } from 'react-admin';
import { Link } from 'react-router-dom';
import { useSession } from '../../../../web/console/src/extensions/index.ts';
import { CashFeeForm } from './CashFeeForm.tsx';
import { Line } from './Line.tsx';
import { Section } from './Section.tsx';
import { type Overview, STATUS_COLOUR } from './student-overview.ts';

/** How a refund of a fee payment reads: gone back, turned down, or still on its way (waiting, at a provider). */
const REFUND_COLOUR: Record<string, 'success' | 'default' | 'error'> = {
  succeeded: 'success',
  rejected: 'default',
  failed: 'error',
};

/**
 * Fee payments of a student, each linked to its payment's page (to verify a proof) with its refunds (one
 * awaiting approval says so, one turned down says why); cash recorded here.
 */
export function StudentPayments({
  id,
  data,
  money,
  when,
  word,
  refresh,
}: {
  id: string;
  data: Overview;
  money: (minor: number, currency: string) => string;
  when: (iso: string) => string;
  word: (group: string, value: string) => string;
  refresh: () => Promise<unknown>;
}) {
  const translate = useTranslate();
  const session = useSession();
  return (
    <Section title={translate('mess.student.payments')} testId="mess-payments">
      {session?.permissions.includes('mess.payment.create') && (
        <CashFeeForm
          studentId={id}
          cycles={data.dues.cycles}
          currency={data.dues.currency}
          timeZone={data.timeZone}
          onRecorded={refresh}
        />
      )}
      {data.payments.length === 0 ? (
        <Typography color="text.secondary">{translate('mess.student.none')}</Typography>
      ) : (
        data.payments.map((p) => (
          <Line key={p.id} data-payment={p.id}>
            <Typography sx={{ fontWeight: 500 }}>{money(p.amountMinor, p.currency)}</Typography>
            <Chip
              size="small"
              color={STATUS_COLOUR[p.status] ?? 'default'}
              label={word('payment', p.status)}
            />
            <Typography variant="body2">{p.cycle}</Typography>
            <Typography variant="body2">{word('method', p.method)}</Typography>
            {p.reference && (
              <Typography variant="body2" sx={{ fontFamily: 'monospace' }}>
                {p.reference}
              </Typography>
            )}
            {p.note && <Typography variant="body2">“{p.note}”</Typography>}
            {p.refunds.map((r) => (
              <Chip
                key={r.id}
                size="small"
                variant="outlined"
                data-refund={r.status}
                color={REFUND_COLOUR[r.status] ?? 'warning'}
                label={translate(`mess.student.refund_${r.status}`, {
                  amount: money(r.amountMinor, r.currency),
                  reason: r.rejectionReason ?? '',
                })}
                title={r.reason}
              />
            ))}
            <Typography variant="body2" color="text.secondary">
              {p.receivedOn
                ? translate('mess.student.cash_received_on', { date: p.receivedOn })
                : when(p.createdAt)}
            </Typography>
            <Box sx={{ ml: 'auto' }}>
              <Link to={`/payments.payments/${p.id}/show`}>
                {p.status === 'submitted' ? translate('mess.student.review') : translate('mess.student.open')}
              </Link>
            </Box>
          </Line>
        ))
      )}
    </Section>
  );
}
