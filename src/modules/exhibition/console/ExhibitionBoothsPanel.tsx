import AddIcon from '@mui/icons-material/Add';
import { Button, Link, Table, TableBody, TableCell, TableRow, Typography } from '@mui/material';
import { useGetList, useTranslate } from 'react-admin';
import { Link as RouterLink } from 'react-router-dom';
import {
  RecordPanelCard,
  type RecordPanelProps,
  TableHeadings,
} from '../../../../web/console/src/extensions/index.ts';

interface BoothRow {
  id: string;
  name: string;
  staffCount: number;
}

/**
 * On an exhibition's page: its booths with how many staff bill at each, each a link to the booth's
 * page (where staff are assigned), and a button that adds a booth to this exhibition.
 */
export default function ExhibitionBoothsPanel({ id, record }: RecordPanelProps) {
  const translate = useTranslate();
  const { data, isPending } = useGetList<BoothRow>('exhibition.booths', {
    filter: { exhibitionId: id },
    pagination: { page: 1, perPage: 200 },
    sort: { field: 'name', order: 'ASC' },
  });
  const open = record.status === 'open';
  return (
    <RecordPanelCard
      testId="exhibition-booths"
      title={translate('exhibition.booths.title')}
      action={
        open && (
          <Button
            component={RouterLink}
            to="/exhibition.booths/create"
            state={{ record: { exhibitionId: id } }}
            startIcon={<AddIcon />}
          >
            {translate('exhibition.booths.add')}
          </Button>
        )
      }
    >
      {!isPending && (data ?? []).length === 0 ? (
        <Typography>{translate('exhibition.booths.none')}</Typography>
      ) : (
        <Table size="small" aria-label={translate('exhibition.booths.title')}>
          <TableHeadings
            headings={['exhibition.fields.booth', { label: 'exhibition.fields.staffCount', align: 'right' }]}
          />
          <TableBody>
            {(data ?? []).map((b) => (
              <TableRow key={b.id} data-testid="exhibition-booth">
                <TableCell>
                  <Link component={RouterLink} to={`/exhibition.booths/${b.id}/show`}>
                    {b.name}
                  </Link>
                </TableCell>
                <TableCell align="right">{b.staffCount}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
    </RecordPanelCard>
  );
}
