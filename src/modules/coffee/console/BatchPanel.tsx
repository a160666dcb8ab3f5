import { useQuery } from '@tanstack/react-query';
import { useTranslate } from 'react-admin';
import {
  api,
  RecordPanelCard,
  type RecordPanelProps,
  useLiveRefetch,
} from '../../../../web/console/src/extensions/index.ts';
import type { BatchMachinesJson } from '../browser.ts';
import { MachineResults } from './MachineResults.tsx';

/**
 * A batch's page lists its machines with what each answered (issue 41, item 17): those that failed
 * first, each row opening the machine's page; it follows live as machines answer.
 */
export default function BatchPanel({ id, record }: RecordPanelProps) {
  const translate = useTranslate();
  const key = ['coffee', 'batch', id];
  const machines = useQuery({
    queryKey: key,
    queryFn: () => api<BatchMachinesJson>(`/api/coffee/batches/${id}/machines`),
  });
  useLiveRefetch(['coffee.batches', 'coffee.devices'], key);
  const items = machines.data?.items;
  if (!items) return null;
  return (
    <RecordPanelCard testId="coffee-batch-panel" title={translate('coffee.machine.batch_machines')}>
      <MachineResults
        rows={items}
        type={String(record.commandType ?? '')}
        attempts
        empty={translate('coffee.machine.batch_none')}
        testId="batch-machines"
      />
    </RecordPanelCard>
  );
}
