import { useTranslate } from 'react-admin';
import { useNavigate } from 'react-router-dom';
import { type Column, RowsTable, useFormat } from '../../../../web/console/src/extensions/index.ts';
import type { BatchMachinesJson } from '../browser.ts';
import { commandDetail } from './command-detail.ts';

type MachineResult = BatchMachinesJson['items'][number];

/**
 * What each machine answered to one command sent to many (a batch's machines, a rollout's failed
 * ones): serial, name, status, its answer in words and when it finished; a row opens the machine.
 */
export function MachineResults(props: {
  rows: ReadonlyArray<MachineResult>;
  /** The command's type, which names it in a reason ("cannot run <command>"). */
  type: string;
  /** With a column of how many times each machine was sent the command. */
  attempts?: boolean;
  empty: string;
  testId: string;
}) {
  const translate = useTranslate();
  const navigate = useNavigate();
  const format = useFormat();
  const columns: Column<MachineResult>[] = [
    { label: 'coffee.fields.serial', cell: (m) => m.serial },
    { label: 'coffee.fields.name', cell: (m) => m.name },
    { label: 'coffee.fields.status', cell: (m) => translate(`coffee.options.${m.status}`) },
    { label: 'coffee.rollout.answered', cell: (m) => commandDetail(translate, { ...m, type: props.type }) },
    ...(props.attempts ? [{ label: 'coffee.machine.attempts', cell: (m: MachineResult) => m.attempts }] : []),
    { label: 'coffee.fields.finishedAt', cell: (m) => (m.finishedAt ? format.dateTime(m.finishedAt) : '') },
  ];
  return (
    <RowsTable
      rows={props.rows}
      columns={columns}
      rowKey={(m) => m.deviceId}
      rowData={(m) => ({ 'data-serial': m.serial, 'data-status': m.status })}
      onRowClick={(m) => navigate(`/coffee.devices/${m.deviceId}/show`)}
      empty={props.empty}
      testId={props.testId}
    />
  );
}
