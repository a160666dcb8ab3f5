import ChevronLeftIcon from '@mui/icons-material/ChevronLeft';
import ChevronRightIcon from '@mui/icons-material/ChevronRight';
import {
  IconButton,
  Link,
  Stack,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  Typography,
} from '@mui/material';
import { type ComponentType, useCallback, useEffect, useState } from 'react';
import { type TranslateFunction, useTranslate } from 'react-admin';
import { Link as RouterLink } from 'react-router-dom';
import type { NotificationView } from '../../../../../src/core/notifications/index.ts';
import { api } from '../../api/http.ts';
import { can } from '../../api/session.ts';
import { useLiveTopic } from '../../api/use-live-topic.ts';
import { useSession } from '../../api/use-session.ts';
import { useFormat } from '../../format/useFormat.ts';
import type { RecordPanelProps } from '../console-extension.ts';
import { RecordPanelCard } from '../RecordPanelCard.tsx';
import { StatusChip, templateWords } from './message-words.tsx';

/** How many messages one page of the panel shows. */
const PAGE = 10;
/** How often a page with a message on its way is read again. */
const RECHECK_MS = 3_000;
/** How long a text the network accepted may wait for its delivery report before the panel stops asking. */
const REPORT_WAIT_MS = 5 * 60_000;

/** Queued or being sent, or a text accepted a short while ago whose delivery report may still come. */
function onItsWay(m: NotificationView): boolean {
  if (m.status === 'queued' || m.status === 'sending') return true;
  const waiting = m.sms?.network === 'claimed' || m.sms?.network === 'accepted';
  return waiting && !!m.sentAt && Date.now() - Date.parse(m.sentAt) < REPORT_WAIT_MS;
}

interface MessagesPage {
  items: NotificationView[];
  total: number;
  page: number;
  perPage: number;
}

/**
 * A person's messages on their record's page (issue 65: the record did not show the SMS sent to them):
 * every channel, newest first, each with where it stands, when it left and, for a text, its parts,
 * encoding, the network's word and its cost, linked to the message's own page. `url` is the person's
 * messages route (`/api/contacts/:id/messages`, `/api/mess/students/:id/messages`…), answering
 * `{ items, total, page, perPage }` a page at a time; `topics` are live topics whose change of this record reloads it.
 */
export function MessagesPanel(props: { url: string; recordId: string; topics?: ReadonlyArray<string> }) {
  const { url, recordId, topics } = props;
  const translate = useTranslate();
  const [pageNumber, setPageNumber] = useState(1);
  const [page, setPage] = useState<MessagesPage>();
  const load = useCallback(
    () => api<MessagesPage>(`${url}?page=${pageNumber}&perPage=${PAGE}`).then(setPage),
    [url, pageNumber],
  );
  useEffect(() => void load().catch(() => undefined), [load]);
  // A message still on its way is read again until it settles: the outbox tells the browser nothing.
  useEffect(() => {
    if (!page?.items.some(onItsWay)) return;
    const timer = setTimeout(() => void load().catch(() => undefined), RECHECK_MS);
    return () => clearTimeout(timer);
  }, [page, load]);
  useLiveTopic(
    topics ?? [],
    (m) => m.id === recordId && void load(),
    () => void load(),
  );
  if (!page) return null;
  return (
    <RecordPanelCard testId="person-messages" title={translate('od.messages.title')}>
      {page.total === 0 ? (
        <Typography color="text.secondary">{translate('od.messages.none')}</Typography>
      ) : (
        <>
          <MessagesTable items={page.items} />
          <Pager page={page} onPage={setPageNumber} />
        </>
      )}
    </RecordPanelCard>
  );
}

/**
 * A record panel of a person's messages, for an extension's `recordPanels`: `urlOf` names the person's
 * messages route from the record's id (`(id) => \`/api/mess/students/${id}/messages\``).
 */
export function messagesPanelOf(
  urlOf: (id: string) => string,
  topics?: ReadonlyArray<string>,
): ComponentType<RecordPanelProps> {
  return function PersonMessagesPanel({ id }: RecordPanelProps) {
    return <MessagesPanel url={urlOf(encodeURIComponent(id))} recordId={id} topics={topics} />;
  };
}

function MessagesTable({ items }: { items: NotificationView[] }) {
  const translate = useTranslate();
  const format = useFormat();
  const session = useSession();
  const linked = can(session, 'notifications.message.read');
  return (
    <Table size="small">
      <TableHead>
        <TableRow>
          <TableCell>{translate('od.messages.sent')}</TableCell>
          <TableCell>{translate('od.notifications.channel')}</TableCell>
          <TableCell>{translate('od.notifications.to')}</TableCell>
          <TableCell>{translate('od.messages.message')}</TableCell>
          <TableCell>{translate('od.notifications.status')}</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {items.map((m) => (
          <TableRow key={m.id} data-testid="person-message" data-channel={m.channel} data-status={m.status}>
            <TableCell sx={{ whiteSpace: 'nowrap' }}>{format.dateTime(m.sentAt ?? m.createdAt)}</TableCell>
            <TableCell>{translate(`od.notifications.channels.${m.channel}`, { _: m.channel })}</TableCell>
            <TableCell>{m.to}</TableCell>
            <TableCell>
              {linked ? (
                <Link component={RouterLink} to={`/notifications/${encodeURIComponent(m.id)}/show`}>
                  {m.subject ?? templateWords(translate, m.template)}
                </Link>
              ) : (
                (m.subject ?? templateWords(translate, m.template))
              )}
            </TableCell>
            <TableCell>
              <Stack direction="row" spacing={1} sx={{ flexWrap: 'wrap', alignItems: 'center' }}>
                <StatusChip status={m.status} />
                {m.sms && (
                  <Typography variant="body2" data-testid="person-message-sms">
                    {smsWords(translate, m.sms)}
                  </Typography>
                )}
              </Stack>
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}

/** A text's parts and encoding, what the network said of it and what it cost: "2 parts, GSM-7 · Delivered · cost KES 1.60". */
function smsWords(translate: TranslateFunction, sms: NonNullable<NotificationView['sms']>): string {
  const verdict =
    sms.network === 'delivered' ? 'delivered' : sms.network === 'failed' ? 'not_delivered' : undefined;
  return [
    translate('od.notifications.sms_parts', { smart_count: sms.segments, encoding: sms.encoding }),
    ...(verdict ? [translate(`od.notifications.statuses.${verdict}`)] : []),
    ...(sms.network === 'failed' && sms.failureReason ? [sms.failureReason] : []),
    ...(sms.cost ? [translate('od.notifications.sms_cost', { cost: sms.cost.text })] : []),
  ].join(' · ');
}

function Pager(props: { page: MessagesPage; onPage: (page: number) => void }) {
  const { page, onPage } = props;
  const { total } = page;
  const offset = (page.page - 1) * page.perPage;
  const shown = page.items.length;
  const translate = useTranslate();
  if (total <= page.perPage) return null;
  return (
    <Stack direction="row" spacing={1} sx={{ mt: 1, alignItems: 'center', justifyContent: 'flex-end' }}>
      <Typography variant="body2" color="text.secondary" data-testid="person-messages-range">
        {translate('od.messages.range', { from: offset + 1, to: offset + shown, total })}
      </Typography>
      <IconButton
        size="small"
        aria-label={translate('od.messages.newer')}
        disabled={page.page === 1}
        onClick={() => onPage(page.page - 1)}
      >
        <ChevronLeftIcon />
      </IconButton>
      <IconButton
        size="small"
        aria-label={translate('od.messages.older')}
        disabled={offset + shown >= total}
        onClick={() => onPage(page.page + 1)}
      >
        <ChevronRightIcon />
      </IconButton>
    </Stack>
  );
}
