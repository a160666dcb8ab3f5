import { Box, Button, Card, CardContent, CardHeader, Chip, Skeleton, Typography } from '@mui/material';
import { useInfiniteQuery } from '@tanstack/react-query';
import { useTranslate } from 'react-admin';
import { api, toQuery } from '../api/http.ts';
import type { ResourceMeta } from '../api/resource-meta.ts';
import { useFormat } from '../format/useFormat.ts';
import { AuditChanges } from '../pages/audit/AuditChanges.tsx';
import {
  type AuditPage,
  actionKey,
  actorName,
  historyChanges,
  humanizeAction,
} from '../pages/audit/audit-types.ts';

/** Who did what to this record, newest first (`GET {path}/{id}/audit`). */
export function AuditTimeline({ meta, id }: { meta: ResourceMeta; id: string | number }) {
  const translate = useTranslate();
  const format = useFormat();
  const { data, isPending, error, fetchNextPage, hasNextPage, isFetchingNextPage } = useInfiniteQuery({
    queryKey: ['opsdesk', 'record-audit', meta.name, id],
    initialPageParam: null as string | null,
    queryFn: ({ pageParam }) =>
      api<AuditPage>(`${meta.path}/${encodeURIComponent(String(id))}/audit${toQuery({ cursor: pageParam })}`),
    getNextPageParam: (last) => last.nextCursor,
  });
  const items = data?.pages.flatMap((p) => p.items) ?? [];
  const changes = historyChanges(items);
  return (
    <Card sx={{ mt: 2 }}>
      <CardHeader title={translate('od.resource.history')} titleTypographyProps={{ variant: 'subtitle1' }} />
      <CardContent sx={{ pt: 0 }}>
        {isPending && <Skeleton variant="rounded" height={60} />}
        {error && <Typography color="error">{(error as Error).message}</Typography>}
        {!isPending && !error && items.length === 0 && (
          <Typography color="text.secondary">{translate('od.resource.no_history')}</Typography>
        )}
        <Box component="ol" sx={{ listStyle: 'none', m: 0, p: 0 }} data-testid="audit-timeline">
          {items.map((item, i) => (
            <Box
              component="li"
              key={item.id}
              sx={{ borderLeft: 2, borderColor: 'primary.main', pl: 2, pb: 2, position: 'relative' }}
            >
              <Box sx={{ display: 'flex', gap: 1, alignItems: 'center', flexWrap: 'wrap' }}>
                <Chip
                  size="small"
                  label={translate(actionKey(item.action), { _: humanizeAction(item.action) })}
                  title={item.action}
                />
                <Typography variant="body2">{actorName(item.actor, translate)}</Typography>
                <Typography variant="caption" color="text.secondary">
                  {format.dateTime(item.at)}
                </Typography>
              </Box>
              <AuditChanges
                before={changes[i]!.before}
                after={changes[i]!.after}
                meta={meta}
                recordId={String(id)}
              />
            </Box>
          ))}
        </Box>
        {hasNextPage && (
          <Button onClick={() => fetchNextPage()} disabled={isFetchingNextPage}>
            {translate('od.audit.load_more')}
          </Button>
        )}
      </CardContent>
    </Card>
  );
}
