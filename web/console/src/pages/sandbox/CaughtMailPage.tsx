import AttachmentIcon from '@mui/icons-material/Attachment';
import {
  Alert,
  Box,
  Card,
  CardContent,
  Link,
  List,
  ListItem,
  ListItemButton,
  ListItemText,
  Stack,
  Tab,
  Tabs,
  Typography,
} from '@mui/material';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Title, useTranslate } from 'react-admin';
import { api } from '../../api/http.ts';
import { useFormat } from '../../format/useFormat.ts';

interface MailSummary {
  id: string;
  from: string | null;
  to: string[];
  subject: string | null;
  receivedAt: string;
  attachments: number;
}
interface MailDetail extends MailSummary {
  text: string | null;
  html: string | null;
  files: { index: number; filename: string | null; mimeType: string; size: number; inline: boolean }[];
}

/** The sandbox's caught-mail inbox, as Mailpit shows it: the list, one message's HTML or text, its files. */
export default function CaughtMailPage() {
  const translate = useTranslate();
  const format = useFormat();
  const [openId, setOpenId] = useState<string | null>(null);
  const { data } = useQuery({
    queryKey: ['opsdesk', 'sandbox', 'mail'],
    queryFn: () => api<{ items: MailSummary[] }>('/api/sandbox/mail'),
    refetchInterval: 2000,
  });
  return (
    <Box sx={{ py: 2 }}>
      <Title title={translate('od.sandbox.mail.menu')} />
      <Alert severity="info" sx={{ mb: 2 }}>
        {translate('od.sandbox.mail.intro')}
      </Alert>
      <Stack direction={{ xs: 'column', md: 'row' }} spacing={2} sx={{ alignItems: 'flex-start' }}>
        <Card sx={{ width: { xs: '100%', md: 380 }, flexShrink: 0 }}>
          {data && data.items.length === 0 && (
            <CardContent>
              <Typography color="text.secondary">{translate('od.sandbox.mail.empty')}</Typography>
            </CardContent>
          )}
          <List dense data-testid="mail-list">
            {/* Each mail an <li> around its button: a list holds only list items (axe `list`). */}
            {data?.items.map((m) => (
              <ListItem key={m.id} disablePadding>
                <ListItemButton selected={m.id === openId} onClick={() => setOpenId(m.id)}>
                  <ListItemText
                    primary={m.subject ?? translate('od.sandbox.mail.no_subject')}
                    secondary={`${m.to.join(', ')} · ${format.dateTime(m.receivedAt)}`}
                  />
                  {m.attachments > 0 && <AttachmentIcon fontSize="small" color="action" />}
                </ListItemButton>
              </ListItem>
            ))}
          </List>
        </Card>
        {openId && <MailView id={openId} />}
      </Stack>
    </Box>
  );
}

function MailView({ id }: { id: string }) {
  const translate = useTranslate();
  const [tab, setTab] = useState<'html' | 'text'>('html');
  const { data: mail } = useQuery({
    queryKey: ['opsdesk', 'sandbox', 'mail', id],
    queryFn: () => api<MailDetail>(`/api/sandbox/mail/${id}`),
  });
  if (!mail) return null;
  const shown = mail.html === null ? 'text' : tab;
  const files = mail.files.filter((f) => !f.inline);
  return (
    <Card sx={{ flexGrow: 1, minWidth: 0 }} data-testid="mail-view">
      <CardContent>
        <Typography variant="h6" data-testid="mail-subject">
          {mail.subject}
        </Typography>
        <Typography variant="body2" color="text.secondary">
          {translate('od.sandbox.mail.from_to', { from: mail.from ?? '', to: mail.to.join(', ') })}
        </Typography>
        <Tabs value={shown} onChange={(_e, v) => setTab(v)} sx={{ mt: 1 }}>
          <Tab value="html" label="HTML" disabled={mail.html === null} />
          <Tab value="text" label={translate('od.sandbox.mail.text')} />
        </Tabs>
        {shown === 'html' ? (
          // No scripts, no same-origin access: the e-mail is shown, never run.
          <iframe
            title={mail.subject ?? 'mail'}
            sandbox=""
            srcDoc={mail.html ?? ''}
            style={{ width: '100%', height: 480, border: 0, background: '#fff' }}
          />
        ) : (
          <Typography component="pre" sx={{ whiteSpace: 'pre-wrap', mt: 1 }} data-testid="mail-text">
            {mail.text}
          </Typography>
        )}
        {files.length > 0 && (
          <Box sx={{ mt: 2 }}>
            <Typography variant="subtitle2">{translate('od.sandbox.mail.attachments')}</Typography>
            {files.map((f) => (
              <Link
                key={f.index}
                href={`/api/sandbox/mail/${mail.id}/attachments/${f.index}`}
                sx={{ display: 'block' }}
              >
                {f.filename ?? f.mimeType} ({Math.ceil(f.size / 1024)} KB)
              </Link>
            ))}
          </Box>
        )}
      </CardContent>
    </Card>
  );
}
