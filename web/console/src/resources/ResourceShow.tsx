import { Box, Card, CardContent, CardHeader, Typography } from '@mui/material';
import { Suspense } from 'react';
import {
  EditButton,
  ListButton,
  ShowBase,
  Title,
  TopToolbar,
  type TranslateFunction,
  useRecordContext,
  useResourceContext,
  useTranslate,
} from 'react-admin';
import { type ResourceMeta, resourceMeta, titleWords } from '../api/resource-meta.ts';
import { useSession } from '../api/use-session.ts';
import { shortReference } from '../format/format.ts';
import { labelOf } from '../i18n/labels.ts';
import { recordPanelsFor } from '../registry/registry.ts';
import { RecordActionButtons } from './ActionButtons.tsx';
import { AuditTimeline } from './AuditTimeline.tsx';
import { CellValue, FilePreview } from './CellValue.tsx';

function Details({ meta }: { meta: ResourceMeta }) {
  const record = useRecordContext();
  const translate = useTranslate();
  const session = useSession();
  if (!record) return null;
  // A record named by its title needs no raw id on its page (the id stays in the address), nor a key
  // that another column says in words (`recordPage: false`).
  const shown = meta.columns.filter(
    (c) => c.recordPage !== false && !(c.type === 'id' && !c.defaultVisible && meta.titleColumn),
  );
  return (
    <>
      <Title title={recordTitle(meta, record, labelOf(translate, meta.label), translate)} />
      <TopToolbar sx={{ justifyContent: 'space-between', flexWrap: 'wrap' }}>
        <ListButton />
        {/* Wraps on a phone instead of pushing the page wider than the screen. */}
        <Box sx={{ display: 'flex', flexWrap: 'wrap', justifyContent: 'flex-end' }}>
          {meta.form?.editable && <EditButton />}
          <RecordActionButtons meta={meta} record={record} />
        </Box>
      </TopToolbar>
      <Card>
        <CardHeader
          title={translate('od.resource.details')}
          titleTypographyProps={{ variant: 'subtitle1' }}
        />
        <CardContent
          component="dl"
          sx={{
            m: 0,
            pt: 0,
            display: 'grid',
            gap: 2,
            // minmax(0, …): a long value (a draw commitment hash) wraps instead of widening its column.
            gridTemplateColumns: {
              xs: '1fr',
              sm: 'repeat(2, minmax(0, 1fr))',
              md: 'repeat(3, minmax(0, 1fr))',
            },
          }}
        >
          {shown.map((column) => {
            const value = record[column.name];
            // A file (a payment proof) is shown large across the card, so staff never verify blind.
            const large = column.type === 'file' && typeof value === 'string' && value !== '';
            return (
              <Box key={column.name} sx={large ? { gridColumn: '1 / -1', order: -1 } : undefined}>
                <Typography component="dt" variant="caption" color="text.secondary">
                  {labelOf(translate, column.label)}
                </Typography>
                <Typography component="dd" sx={{ m: 0, overflowWrap: 'anywhere' }}>
                  {large ? (
                    <FilePreview url={value} large />
                  ) : (
                    <CellValue column={column} value={value} record={record} />
                  )}
                </Typography>
              </Box>
            );
          })}
        </CardContent>
      </Card>
      {recordPanelsFor(session, meta.name).map(({ id, component: Panel }) => (
        <Suspense key={id} fallback={null}>
          <Panel id={String(record.id)} record={record} />
        </Suspense>
      ))}
      <AuditTimeline meta={meta} id={record.id} />
    </>
  );
}

/** A record is named by its title column; by a short reference where the resource has no title. */
export function recordTitle(
  meta: ResourceMeta,
  record: Record<string, unknown>,
  area: string,
  translate: TranslateFunction,
): string {
  const title = titleWords(meta, record, translate);
  return title !== undefined ? `${area} · ${title}` : `${area} ${shortReference(record.id)}`;
}

/** Detail page of a generic resource: every column, the allowed actions, and its audit history. */
export default function ResourceShow() {
  const name = useResourceContext()!;
  const meta = resourceMeta(name);
  if (!meta) return null;
  return (
    <Box sx={{ pb: 2 }}>
      <ShowBase>
        <Details meta={meta} />
      </ShowBase>
    </Box>
  );
}
