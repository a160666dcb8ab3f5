import { type SxProps, Table, TableBody, TableCell, TableRow, type Theme, Typography } from '@mui/material';
import type { ReactNode } from 'react';
import { TableHeadings } from './TableHeadings.tsx';

/** One column of a `RowsTable`: its title (an i18n key), its alignment, and what a row shows in it. */
export interface Column<T> {
  label: string;
  /** Amounts and counts align right. */
  align?: 'right';
  cell: (row: T) => ReactNode;
  /** The cell's style where it reads differently (a token in monospace). */
  sx?: SxProps<Theme>;
}

/** What a row carries for the page's tests and styles: `data-*` attributes. */
export type RowData = Record<`data-${string}`, string | number | undefined>;

export interface RowsTableProps<T> {
  rows: ReadonlyArray<T>;
  columns: ReadonlyArray<Column<T>>;
  rowKey: (row: T) => string | number;
  rowData?: (row: T) => RowData;
  onRowClick?: (row: T) => void;
  /** Shown instead of the table when there are no rows; without it an empty table shows its headings. */
  empty?: string;
  testId?: string;
  ariaLabel?: string;
}

/**
 * A small table of the rows an API answered, as a module's panel shows them: translated headings,
 * one row per item, and a line in place of the table when there is none. A row with `onRowClick`
 * highlights under the pointer and opens what it names.
 */
export function RowsTable<T>(props: RowsTableProps<T>) {
  const { rows, columns, onRowClick } = props;
  if (rows.length === 0 && props.empty !== undefined)
    return (
      <Typography variant="body2" color="text.secondary">
        {props.empty}
      </Typography>
    );
  return (
    <Table size="small" data-testid={props.testId} aria-label={props.ariaLabel}>
      <TableHeadings
        headings={columns.map((c) => (c.align ? { label: c.label, align: c.align } : c.label))}
      />
      <TableBody>
        {rows.map((row) => (
          <TableRow
            key={props.rowKey(row)}
            hover={Boolean(onRowClick)}
            sx={onRowClick ? { cursor: 'pointer' } : undefined}
            onClick={onRowClick ? () => onRowClick(row) : undefined}
            {...props.rowData?.(row)}
          >
            {columns.map((c) => (
              <TableCell key={c.label} align={c.align} sx={c.sx}>
                {c.cell(row)}
              </TableCell>
            ))}
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}

/**
 * One titled part of a panel that holds a `RowsTable` (a machine's bins, a meter's readings): the
 * title reads as a heading and names the part and its table for a screen reader.
 */
export function RowsSection<T>({ title, ...table }: RowsTableProps<T> & { title: string }) {
  return (
    <section aria-label={title}>
      <Typography variant="subtitle1" component="h3">
        {title}
      </Typography>
      <RowsTable ariaLabel={title} {...table} />
    </section>
  );
}
