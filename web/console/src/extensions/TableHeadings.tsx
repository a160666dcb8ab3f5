import { TableCell, TableHead, TableRow } from '@mui/material';
import { useTranslate } from 'react-admin';

/** A column's title: its i18n key, or the key with the column's alignment (amounts align right). */
export type Heading = string | { label: string; align: 'right' };

/** A table's head: one row of column titles, each translated. */
export function TableHeadings({ headings }: { headings: ReadonlyArray<Heading> }) {
  const translate = useTranslate();
  return (
    <TableHead>
      <TableRow>
        {headings.map((h) => {
          const { label, align } = typeof h === 'string' ? { label: h, align: undefined } : h;
          return (
            <TableCell key={label} align={align}>
              {translate(label)}
            </TableCell>
          );
        })}
      </TableRow>
    </TableHead>
  );
}
