import DownloadIcon from '@mui/icons-material/Download';
import { Button } from '@mui/material';
import { useListContext, useTranslate } from 'react-admin';
import { resourceListQuery, sortableOf } from '../api/data-provider.ts';
import type { ResourceMeta } from './resource-meta.ts';

/** Downloads the whole filtered set as CSV, streamed by the server (not just the visible page). */
export function ExportCsvButton({ meta }: { meta: ResourceMeta }) {
  const translate = useTranslate();
  const { filterValues, sort, total } = useListContext();
  const href = `${meta.path}/export.csv${resourceListQuery({ filter: filterValues, sort }, sortableOf(meta))}`;
  return (
    <Button
      size="small"
      startIcon={<DownloadIcon />}
      href={href}
      download
      disabled={total === 0}
      data-testid="export-button"
    >
      {translate('od.resource.export')}
    </Button>
  );
}
