import { Checkbox, TableCell } from '@mui/material';
import type { MouseEvent, ReactNode } from 'react';
import {
  DataTableBody,
  type DataTableBodyProps,
  DataTableConfigContext,
  DataTableRow,
  type DataTableRowProps,
  useDataTableCallbacksContext,
  useDataTableConfigContext,
  useDataTableSelectedIdsContext,
  useRecordContext,
  useTranslate,
} from 'react-admin';

/**
 * The body of a list with bulk actions. react-admin's row checkbox puts its `aria-label` on MUI's
 * root `<span>` (axe: aria-prohibited-attr, serious) where its header checkbox labels the `<input>`:
 * each row here draws its own checkbox, labelled on the input, and react-admin's row draws none.
 */
export function LabelledRowBody(props: DataTableBodyProps) {
  return <DataTableBody {...props} row={LabelledRow} />;
}

function LabelledRow({ children, ...rest }: DataTableRowProps & { children?: ReactNode }) {
  const config = useDataTableConfigContext();
  const { handleToggleItem } = useDataTableCallbacksContext();
  const selectable = config.hasBulkActions && !!handleToggleItem;
  return (
    <DataTableConfigContext.Provider value={{ ...config, hasBulkActions: false }}>
      <DataTableRow {...rest}>
        {selectable && (
          <TableCell padding="checkbox">
            <RowCheckbox />
          </TableCell>
        )}
        {children}
      </DataTableRow>
    </DataTableConfigContext.Provider>
  );
}

function RowCheckbox() {
  const { handleToggleItem, isRowSelectable } = useDataTableCallbacksContext();
  const selectedIds = useDataTableSelectedIdsContext();
  const translate = useTranslate();
  const record = useRecordContext();
  if (!record) return null;
  const selectable = !isRowSelectable || isRowSelectable(record);
  return (
    <Checkbox
      slotProps={{ input: { 'aria-label': translate('ra.action.select_row', { _: 'Select this row' }) } }}
      color="primary"
      className="select-item"
      checked={selectable && !!selectedIds?.includes(record.id)}
      disabled={!selectable}
      onClick={(event: MouseEvent<HTMLButtonElement>) => {
        if (!selectable) return;
        handleToggleItem?.(record.id, event);
        event.stopPropagation(); // a click on the box selects; it does not open the record
      }}
    />
  );
}
