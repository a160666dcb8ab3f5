import { type Theme, useMediaQuery } from '@mui/material';
import {
  ColumnsButton,
  CreateButton,
  DataTable,
  FilterButton,
  List,
  SimpleList,
  TopToolbar,
  useResourceContext,
  useTranslate,
} from 'react-admin';
import { type ResourceMeta, resourceMeta } from '../api/resource-meta.ts';
import { isReadOnlyRole } from '../api/session.ts';
import { useSession } from '../api/use-session.ts';
import { EmptyRows } from '../extensions/EmptyRows.tsx';
import { tableScrollsInItsFrame } from '../extensions/table-frame.ts';
import { labelOf } from '../i18n/labels.ts';
import { BulkActionButtons, usableActions, usableDownloads } from './ActionButtons.tsx';
import { CellValue } from './CellValue.tsx';
import { ExportCsvButton } from './ExportCsvButton.tsx';
import { ImportButton } from './ImportDialog.tsx';
import { LabelledRowBody } from './LabelledRowBody.tsx';
import { ListPagination } from './ListPagination.tsx';
import { filtersFor } from './resource-filters.tsx';
import { defaultHidden, SavedViews } from './SavedViews.tsx';

function ListActions({ meta }: { meta: ResourceMeta }) {
  const session = useSession();
  const canImport = !!meta.importable && (meta.importable.allowed ?? !isReadOnlyRole(session));
  const hasFilters = meta.columns.some((c) => c.filter);
  return (
    <TopToolbar sx={{ flexWrap: 'wrap' }}>
      {hasFilters && <FilterButton disableSaveQuery />}
      {meta.form?.creatable && <CreateButton />}
      <SavedViews meta={meta} />
      <ColumnsButton />
      {meta.exportable && <ExportCsvButton meta={meta} />}
      {canImport && <ImportButton meta={meta} />}
    </TopToolbar>
  );
}

/** The one list screen of every generic resource, built from its metadata. */
export default function ResourceList() {
  const name = useResourceContext()!;
  const translate = useTranslate();
  const session = useSession();
  const meta = resourceMeta(name);
  const phone = useMediaQuery((theme: Theme) => theme.breakpoints.down('sm'));
  if (!meta) return null;
  const bulk = usableActions(meta, session, true).length > 0 || usableDownloads(meta).length > 0;
  const list = (children: React.ReactElement) => (
    <List
      title={labelOf(translate, meta.label)}
      filters={filtersFor(meta, translate)}
      actions={<ListActions meta={meta} />}
      perPage={25}
      pagination={<ListPagination />}
      sort={{ field: '', order: 'ASC' }}
      empty={false}
    >
      {children}
    </List>
  );
  if (phone) return list(<PhoneCards meta={meta} />);
  return list(
    <DataTable
      rowClick="show"
      empty={<EmptyRows />}
      sx={tableScrollsInItsFrame}
      hiddenColumns={defaultHidden(meta)}
      bulkActionButtons={bulk ? <BulkActionButtons meta={meta} /> : false}
      body={LabelledRowBody}
    >
      {meta.columns.map((column) => (
        <DataTable.Col
          key={column.name}
          source={column.name}
          label={labelOf(translate, column.label)}
          disableSort={!column.sortable}
          align={column.type === 'number' || column.type === 'money' ? 'right' : undefined}
          render={(record) => <CellValue column={column} value={record[column.name]} record={record} />}
        />
      ))}
    </DataTable>,
  );
}

/**
 * Under the phone breakpoint a list is a column of cards: the record's title on top, the other
 * default columns below as "label: value" lines, instead of a table cut off at the right.
 */
function PhoneCards({ meta }: { meta: ResourceMeta }) {
  const translate = useTranslate();
  const title = meta.columns.find((c) => c.name === meta.titleColumn);
  const rest = meta.columns.filter((c) => c.defaultVisible && c !== title && c.type !== 'id').slice(0, 4);
  return (
    <SimpleList
      linkType="show"
      empty={<EmptyRows />}
      primaryText={(record) =>
        title ? <CellValue column={title} value={record[title.name]} record={record} /> : String(record.id)
      }
      secondaryText={(record) => (
        <>
          {rest.map((c) => (
            <span key={c.name} style={{ display: 'block' }}>
              {labelOf(translate, c.label)}: <CellValue column={c} value={record[c.name]} record={record} />
            </span>
          ))}
        </>
      )}
    />
  );
}
