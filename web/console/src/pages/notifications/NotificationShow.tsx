import ReplayIcon from '@mui/icons-material/Replay';
import { Box, Button, Card, CardContent, CardHeader, Typography } from '@mui/material';
import { useState } from 'react';
import {
  ListButton,
  ShowBase,
  Title,
  TopToolbar,
  useNotify,
  useRecordContext,
  useRefresh,
  useTranslate,
} from 'react-admin';
import { api } from '../../api/http.ts';
import { can } from '../../api/session.ts';
import { useSession } from '../../api/use-session.ts';
import { StatusChip, templateWords } from '../../extensions/messages/message-words.tsx';
import { useFormat } from '../../format/useFormat.ts';
import { humanize } from '../../i18n/labels.ts';
import { recipientWords } from './notification-words.tsx';

function ReplayButton() {
  const record = useRecordContext();
  const translate = useTranslate();
  const notify = useNotify();
  const refresh = useRefresh();
  const session = useSession();
  const [busy, setBusy] = useState(false);
  if (!record || !can(session, 'notifications.message.replay')) return null;
  if (!['failed', 'undeliverable', 'unconfirmed'].includes(record.status)) return null;
  return (
    <Button
      startIcon={<ReplayIcon />}
      disabled={busy}
      onClick={async () => {
        setBusy(true);
        try {
          await api(`/api/notifications/${record.id}/replay`, { method: 'POST' });
          notify('od.notifications.replayed', { type: 'success' });
          refresh();
        } catch (err) {
          notify((err as Error).message, { type: 'error' });
        } finally {
          setBusy(false);
        }
      }}
    >
      {translate('od.notifications.replay')}
    </Button>
  );
}

function Details() {
  const record = useRecordContext();
  const translate = useTranslate();
  const format = useFormat();
  if (!record) return null;
  const when = (iso: string) => format.dateTime(iso);
  return (
    <>
      <Title title={`${translate('od.notifications.title')}: ${record.toName ?? record.to}`} />
      <TopToolbar sx={{ justifyContent: 'space-between' }}>
        <ListButton />
        <ReplayButton />
      </TopToolbar>
      <Card>
        <CardHeader
          title={record.subject ?? templateWords(translate, record.template)}
          subheader={`${translate(`od.notifications.channels.${record.channel}`, { _: record.channel })} → ${recipientWords({ to: record.to, toName: record.toName })} · ${when(record.createdAt)}`}
          action={<StatusChip status={record.status} />}
        />
        <CardContent sx={{ pt: 0 }}>
          <Typography component="pre" sx={{ whiteSpace: 'pre-wrap', fontFamily: 'inherit', m: 0 }}>
            {record.body}
          </Typography>
          {record.sms && (
            <Typography variant="body2" color="text.secondary" sx={{ mt: 1 }} data-testid="sms-parts">
              {[
                translate('od.notifications.sms_parts', {
                  smart_count: record.sms.segments,
                  encoding: record.sms.encoding,
                }),
                record.sms.cost
                  ? translate('od.notifications.sms_cost', { cost: record.sms.cost.text })
                  : null,
                record.sms.failureReason,
              ]
                .filter(Boolean)
                .join(' · ')}
            </Typography>
          )}
        </CardContent>
      </Card>
      <DeliveryEvents events={(record.events ?? []) as DeliveryEvent[]} />
    </>
  );
}

interface DeliveryEvent {
  at: string;
  status: string;
  detail: Record<string, unknown>;
}

/** The message's delivery steps, oldest first, each with its detail in words. */
function DeliveryEvents({ events }: { events: DeliveryEvent[] }) {
  const translate = useTranslate();
  const format = useFormat();
  const when = (iso: string) => format.dateTime(iso);
  // A delivery step's detail in the reader's words ("Attempt: 2 · Next attempt at: …"), not as JSON.
  const detailWords = (detail: Record<string, unknown>) =>
    Object.entries(detail)
      .map(([key, v]) => {
        const value =
          typeof v === 'boolean'
            ? translate(v ? 'od.common.yes' : 'od.common.no')
            : typeof v === 'string' && /^\d{4}-\d{2}-\d{2}T/.test(v)
              ? when(v)
              : key === 'previousStatus'
                ? translate(`od.notifications.statuses.${v}`, { _: String(v) })
                : typeof v === 'object' && v !== null
                  ? JSON.stringify(v)
                  : String(v);
        return `${translate(`od.audit.fields.${key}`, { _: humanize(key) })}: ${value}`;
      })
      .join(' · ');
  return (
    <Card sx={{ mt: 2 }}>
      <CardHeader
        title={translate('od.notifications.events')}
        titleTypographyProps={{ variant: 'subtitle1' }}
      />
      <CardContent sx={{ pt: 0 }}>
        <Box component="ol" sx={{ listStyle: 'none', m: 0, p: 0 }}>
          {events.map((e) => (
            <Box
              component="li"
              key={`${e.at}-${e.status}`}
              sx={{ borderLeft: 2, borderColor: 'primary.main', pl: 2, pb: 1.5 }}
            >
              <Typography variant="body2">
                <b>{translate(`od.notifications.statuses.${e.status}`, { _: e.status })}</b> · {when(e.at)}
              </Typography>
              {Object.keys(e.detail).length > 0 && (
                <Typography variant="caption" color="text.secondary" sx={{ wordBreak: 'break-word' }}>
                  {detailWords(e.detail)}
                </Typography>
              )}
            </Box>
          ))}
        </Box>
      </CardContent>
    </Card>
  );
}

const DETAIL = { detail: true } as const;

/** One message: its body, its delivery events, and a replay button for failed ones. */
export default function NotificationShow() {
  return (
    <Box sx={{ pb: 2 }}>
      {/* The list's rows lack the body and events, and react-admin seeds each record page with
          its list row: asking with its own `meta` keeps this page to the detail the API answers. */}
      <ShowBase queryOptions={{ meta: DETAIL }}>
        <Details />
      </ShowBase>
    </Box>
  );
}
