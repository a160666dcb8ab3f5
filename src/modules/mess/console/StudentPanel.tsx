import { Alert, Box, Button, Chip, Stack, Typography } from '@mui/material';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useLocaleState, useNotify, useTranslate } from 'react-admin';
import { api, formatDateTime, useSession } from '../../../../web/console/src/extensions/index.ts';
import { Line } from './Line.tsx';
import { PayBackAction } from './PayBackAction.tsx';
import { printPasses } from './print-passes.ts';
import { Section } from './Section.tsx';
import { StudentCuts } from './StudentCuts.tsx';
import { StudentDues } from './StudentDues.tsx';
import { StudentPayments } from './StudentPayments.tsx';
import { type Overview, STATUS_COLOUR } from './student-overview.ts';
import { useLocalWords } from './use-local-words.ts';

/**
 * A student's page below the record's details: the QR pass (approved students), dues per cycle with
 * the Pay back of a credit or an over-payment, fee payments with their refunds (linked to the payment's
 * page to verify; cash recorded here), mess cuts (book or cancel on the student's behalf, with the
 * cut-off and its time zone) and the last scans.
 */
export default function StudentPanel({ id }: { id: string }) {
  const translate = useTranslate();
  const words = useLocalWords();
  const [locale] = useLocaleState();
  const session = useSession();
  const timeZone = session?.organization.timeZone;
  const client = useQueryClient();
  const { data, error } = useQuery({
    queryKey: ['mess', 'student', id],
    queryFn: () => api<Overview>(`/api/mess/students/${id}/overview`),
  });
  if (error) return <Alert severity="error">{(error as Error).message}</Alert>;
  if (!data) return null;
  const money = (minor: number, currency: string) =>
    new Intl.NumberFormat(locale, { style: 'currency', currency }).format(minor / 100);
  // Like every date in the console (the record's details above): on the organization's clock.
  const when = (iso: string) => formatDateTime(iso, locale, timeZone);
  const word = (group: string, value: string) =>
    translate(`mess.${group}.${value}`, { _: value.replaceAll('_', ' ') });
  // Every query of the page: the record's details and its history above show what was just done too.
  const refresh = () => client.invalidateQueries();

  return (
    <Stack data-testid="mess-student-panel" spacing={2} sx={{ mt: 2, minWidth: 0 }}>
      <Stack direction={{ xs: 'column', md: 'row' }} spacing={2}>
        <Box sx={{ flex: { md: '0 0 260px' } }}>
          <StudentPass id={id} student={data.student} word={word} />
        </Box>
        <StudentDues cycles={data.dues.cycles} money={(minor) => money(minor, data.dues.currency)}>
          <PayBackAction
            studentId={id}
            payBack={data.payBack}
            mayPayBack={!!session?.permissions.includes('mess.payment.refund')}
            money={(minor) => money(minor, data.payBack.currency)}
            onSent={refresh}
          />
        </StudentDues>
      </Stack>
      <StudentPayments id={id} data={data} money={money} when={when} word={word} refresh={refresh} />
      <StudentCuts id={id} data={data} refresh={refresh} />
      <Section title={translate('mess.student.scans')} testId="mess-scans">
        {data.scans.length === 0 ? (
          <Typography color="text.secondary">{translate('mess.student.none')}</Typography>
        ) : (
          data.scans.map((x) => (
            <Line key={x.id}>
              <Chip
                size="small"
                color={STATUS_COLOUR[x.decision] ?? 'error'}
                label={word('options', x.decision)}
              />
              <Typography variant="body2">{x.meal ? words.meal(x.meal) : '—'}</Typography>
              {x.reason && <Typography variant="body2">{word('reasons', x.reason)}</Typography>}
              <Typography variant="body2" color="text.secondary">
                {when(x.at)}
              </Typography>
            </Line>
          ))
        )}
      </Section>
    </Stack>
  );
}

/** The student's QR meal pass (approved students) with Print, or why there is none. */
function StudentPass({
  id,
  student,
  word,
}: {
  id: string;
  student: Overview['student'];
  word: (group: string, value: string) => string;
}) {
  const translate = useTranslate();
  const notify = useNotify();
  return (
    <Section title={translate('mess.student.pass')} testId="mess-pass">
      {student.status === 'approved' ? (
        <Box sx={{ textAlign: 'center' }}>
          <img
            src={`/api/mess/students/${id}/pass.png`}
            alt={translate('mess.student.pass_alt', { name: student.name })}
            style={{
              width: 200,
              height: 200,
              imageRendering: 'pixelated',
              background: '#fff',
              padding: 8,
            }}
          />
          <Box>
            <Button
              size="small"
              onClick={() =>
                printPasses([id]).catch((err) => notify((err as Error).message, { type: 'error' }))
              }
            >
              {translate('mess.student.print_pass')}
            </Button>
          </Box>
        </Box>
      ) : (
        <Typography color="text.secondary">
          {translate('mess.student.no_pass', { status: word('options', student.status) })}
          {student.statusReason ? ` — ${student.statusReason}` : ''}
        </Typography>
      )}
    </Section>
  );
}
