import { Button, Stack, Table, TableBody, TableCell, TableRow, Typography } from '@mui/material';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useNotify, useTranslate } from 'react-admin';
import { Link } from 'react-router-dom';
import { ApiError, api, TableHeadings } from '../../../../web/console/src/extensions/index.ts';
import type { Defaulters } from '../browser.ts';
import { Section } from './Section.tsx';

/** Students who still owe for the current cycle, largest balance first, with "remind all" on Telegram. */
export function DefaultersSection({ money }: { money: (minor: number, currency: string) => string }) {
  const translate = useTranslate();
  const notify = useNotify();
  const client = useQueryClient();
  const defaulters = useQuery({
    queryKey: ['mess', 'defaulters'],
    queryFn: () => api<Defaulters>('/api/mess/reports/defaulters'),
  });
  const [reminding, setReminding] = useState(false);
  const remindAll = async () => {
    setReminding(true);
    try {
      const r = await api<{ reminded: number; unreachable: number }>('/api/mess/defaulters/remind', {
        method: 'POST',
      });
      notify('mess.reports.reminded', {
        type: 'success',
        messageArgs: { reminded: r.reminded, unreachable: r.unreachable },
      });
      await client.invalidateQueries({ queryKey: ['mess', 'defaulters'] });
    } catch (err) {
      if (!(err instanceof ApiError)) throw err;
      notify(err.message, { type: 'error' });
    } finally {
      setReminding(false);
    }
  };
  return (
    <Section
      title={translate('mess.reports.defaulters', { cycle: defaulters.data?.cycle?.name ?? '—' })}
      testId="mess-defaulters"
    >
      <Stack direction="row" spacing={1} sx={{ mb: 1, alignItems: 'center' }}>
        <Typography variant="body2" sx={{ flex: 1 }}>
          {translate('mess.reports.defaulters_count', {
            smart_count: defaulters.data?.items.length ?? 0,
          })}
        </Typography>
        <Button
          variant="contained"
          onClick={() => void remindAll()}
          disabled={reminding || !defaulters.data?.items.some((d) => d.reachable)}
        >
          {translate('mess.reports.remind_all')}
        </Button>
      </Stack>
      <Table size="small">
        <TableHeadings
          headings={[
            'mess.fields.rollNumber',
            'mess.fields.name',
            { label: 'mess.student.paid', align: 'right' },
            { label: 'mess.student.balance', align: 'right' },
          ]}
        />
        <TableBody>
          {(defaulters.data?.items ?? []).map((d) => (
            <TableRow key={d.id} data-defaulter={d.rollNumber}>
              <TableCell>{d.rollNumber}</TableCell>
              <TableCell>
                <Link to={`/mess.students/${d.id}/show`}>{d.name}</Link>
                {!d.reachable && (
                  <Typography component="span" variant="caption" color="text.secondary">
                    {' '}
                    · {translate('mess.reports.no_telegram')}
                  </Typography>
                )}
              </TableCell>
              <TableCell align="right">{money(d.paidMinor, defaulters.data!.currency)}</TableCell>
              <TableCell align="right">
                <strong>{money(d.balanceMinor, defaulters.data!.currency)}</strong>
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </Section>
  );
}
