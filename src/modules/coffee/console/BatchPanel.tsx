import {
  Card,
  CardContent,
  CardHeader,
  Table,
  TableBody,
  TableCell,
  TableRow,
  Typography,
} from '@mui/material';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslate } from 'react-admin';
import { useNavigate } from 'react-router-dom';
import {
  api,
  type RecordPanelProps,
  TableHeadings,
  useFormat,
  useLiveTopic,
} from '../../../../web/console/src/extensions/index.ts';
import type { BatchMachinesJson } from '../browser.ts';
import { commandDetail } from './command-detail.ts';

/**
 * A batch's page lists its machines with what each answered (issue 41, item 17): those that failed
 * first, each row opening the machine's page; it follows live as machines answer.
 */
export default function BatchPanel({ id, record }: RecordPanelProps) {
  const translate = useTranslate();
  const navigate = useNavigate();
  const format = useFormat();
  const client = useQueryClient();
  const key = ['coffee', 'batch', id];
  const machines = useQuery({
    queryKey: key,
    queryFn: () => api<BatchMachinesJson>(`/api/coffee/batches/${id}/machines`),
  });
  const refetch = () => void client.invalidateQueries({ queryKey: key });
  useLiveTopic(['coffee.batches', 'coffee.devices'], refetch, refetch);
  const items = machines.data?.items;
  if (!items) return null;
  const type = String(record.commandType ?? '');
  return (
    <Card variant="outlined" data-testid="coffee-batch-panel">
      <CardHeader title={translate('coffee.machine.batch_machines')} />
      <CardContent>
        {items.length === 0 ? (
          <Typography variant="body2" color="text.secondary">
            {translate('coffee.machine.batch_none')}
          </Typography>
        ) : (
          <Table size="small" data-testid="batch-machines">
            <TableHeadings
              headings={[
                'coffee.fields.serial',
                'coffee.fields.name',
                'coffee.fields.status',
                'coffee.rollout.answered',
                'coffee.machine.attempts',
                'coffee.fields.finishedAt',
              ]}
            />
            <TableBody>
              {items.map((m) => (
                <TableRow
                  key={m.deviceId}
                  hover
                  sx={{ cursor: 'pointer' }}
                  data-serial={m.serial}
                  data-status={m.status}
                  onClick={() => navigate(`/coffee.devices/${m.deviceId}/show`)}
                >
                  <TableCell>{m.serial}</TableCell>
                  <TableCell>{m.name}</TableCell>
                  <TableCell>{translate(`coffee.options.${m.status}`)}</TableCell>
                  <TableCell>{commandDetail(translate, { ...m, type })}</TableCell>
                  <TableCell>{m.attempts}</TableCell>
                  <TableCell>{m.finishedAt ? format.dateTime(m.finishedAt) : ''}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        )}
      </CardContent>
    </Card>
  );
}
