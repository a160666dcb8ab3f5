import AttachFileIcon from '@mui/icons-material/AttachFile';
import SendIcon from '@mui/icons-material/Send';
import {
  Alert,
  Box,
  Button,
  Card,
  CardContent,
  IconButton,
  MenuItem,
  Stack,
  TextField,
  Typography,
} from '@mui/material';
import { useEffect, useRef, useState } from 'react';
import { Title, useTranslate } from 'react-admin';
import {
  type Choice,
  type Message,
  type Payload,
  useFlowChoice,
  useSimulatorChat,
} from './use-simulator-chat.ts';

/** A phone-like chat with one flow; history is the server's, so a reload shows the same chat. */
export default function SimulatorPage() {
  const translate = useTranslate();
  const { flows, flow, setFlow, contactKey, startNewChat } = useFlowChoice();
  const { conversationId, messages, busy, played, send } = useSimulatorChat(flow, contactKey);
  const end = useRef<HTMLDivElement>(null);

  useEffect(() => {
    // Braces matter: recent Chromium's scrollIntoView returns a promise, which React must not get back.
    if (messages.length > 0) void end.current?.scrollIntoView({ block: 'end' });
  }, [messages]);
  const choose = (c: Choice) => void send({ kind: 'choice', id: c.id }, { kind: 'text', text: c.title });

  if (flows && flows.length === 0) return <Alert severity="info">{translate('od.simulator.no_flows')}</Alert>;
  return (
    <Box sx={{ maxWidth: 720, mx: 'auto', mt: 1 }}>
      <Title title={translate('od.simulator.menu')} />
      <Typography variant="body2" color="text.secondary" sx={{ mb: 1 }}>
        {translate('od.simulator.intro')}
      </Typography>
      {played && (
        <Alert severity="info" sx={{ mb: 1 }} data-testid="simulator-played">
          {translate(`od.simulator.played.${played.channel}`, { address: played.address })}
        </Alert>
      )}
      <Stack direction="row" spacing={1} sx={{ mb: 1 }}>
        <TextField
          select
          size="small"
          label={translate('od.simulator.flow')}
          value={flow}
          onChange={(e) => setFlow(e.target.value)}
          sx={{ minWidth: 180 }}
        >
          {(flows ?? []).map((f) => (
            <MenuItem key={f} value={f}>
              {f}
            </MenuItem>
          ))}
        </TextField>
        <Button onClick={startNewChat} disabled={!flow}>
          {translate('od.simulator.new_chat')}
        </Button>
      </Stack>
      <Card variant="outlined">
        <CardContent
          sx={{ height: '60vh', overflowY: 'auto', bgcolor: 'action.hover' }}
          data-testid="simulator-chat"
        >
          {messages.length === 0 && (
            <Typography color="text.secondary" align="center" sx={{ mt: 4 }}>
              {translate('od.simulator.empty')}
            </Typography>
          )}
          {messages.map((m) => (
            <Bubble
              key={m.id}
              message={m}
              conversationId={conversationId}
              onChoose={choose}
              disabled={busy}
            />
          ))}
          <div ref={end} />
        </CardContent>
      </Card>
      <Composer busy={busy} canSend={!!flow} send={send} />
    </Box>
  );
}

/** A photo or PDF as base64, in slices: spreading a whole photo's bytes into one call overflows the stack. */
async function base64Of(file: File): Promise<string> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000)
    binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

interface ComposerProps {
  busy: boolean;
  /** A flow is chosen. */
  canSend: boolean;
  send: (input: Record<string, unknown>, echo: Payload) => Promise<void>;
}

/** What the contact types or attaches (a photo or a PDF). */
function Composer({ busy, canSend, send }: ComposerProps) {
  const translate = useTranslate();
  const [text, setText] = useState('');
  const sendText = () => {
    if (!text.trim()) return;
    void send({ kind: 'text', text }, { kind: 'text', text });
    setText('');
  };
  const attach = async (file: File) => {
    const dataBase64 = await base64Of(file);
    const mediaKind = file.type === 'application/pdf' ? 'document' : 'photo';
    void send(
      { kind: 'media', mediaKind, mime: file.type, fileName: file.name, dataBase64 },
      { kind: 'media', fileName: file.name },
    );
  };
  return (
    <Stack
      direction="row"
      spacing={1}
      sx={{ mt: 1 }}
      component="form"
      onSubmit={(e) => {
        e.preventDefault();
        sendText();
      }}
    >
      <IconButton component="label" title={translate('od.simulator.photo')} disabled={busy}>
        <AttachFileIcon />
        <input
          hidden
          type="file"
          accept="image/*,application/pdf"
          onChange={(e) => e.target.files?.[0] && attach(e.target.files[0])}
        />
      </IconButton>
      <TextField
        fullWidth
        size="small"
        name="message"
        autoFocus
        placeholder={translate('od.simulator.placeholder')}
        value={text}
        onChange={(e) => setText(e.target.value)}
      />
      <Button type="submit" variant="contained" endIcon={<SendIcon />} disabled={busy || !canSend}>
        {translate('od.simulator.send')}
      </Button>
    </Stack>
  );
}

function Bubble({
  message,
  conversationId,
  onChoose,
  disabled,
}: {
  message: Message;
  conversationId: string | null;
  onChoose: (c: Choice) => void;
  disabled: boolean;
}) {
  const mine = message.direction === 'in';
  const p = message.payload;
  const choices = p.kind === 'buttons' ? p.buttons : p.kind === 'list' ? p.rows : [];
  const fileUrl =
    message.url ??
    (conversationId && !message.id.startsWith('local-')
      ? `/api/conversations/${conversationId}/messages/${message.id}/attachment`
      : null);
  return (
    <Box
      sx={{ display: 'flex', justifyContent: mine ? 'flex-end' : 'flex-start', mb: 1 }}
      data-direction={message.direction}
    >
      <Box
        sx={{
          maxWidth: '80%',
          px: 1.5,
          py: 1,
          borderRadius: 2,
          bgcolor: mine ? 'primary.main' : 'background.paper',
          color: mine ? 'primary.contrastText' : 'text.primary',
          boxShadow: 1,
        }}
      >
        {'text' in p && <Typography sx={{ whiteSpace: 'pre-wrap' }}>{p.text}</Typography>}
        {p.kind === 'template' && <Typography sx={{ whiteSpace: 'pre-wrap' }}>{p.fallbackText}</Typography>}
        {p.kind === 'media' && <Typography>📎 {p.fileName}</Typography>}
        {p.kind === 'image' && fileUrl && (
          <Box
            component="img"
            src={fileUrl}
            alt={p.caption ?? ''}
            sx={{ maxWidth: 240, display: 'block', bgcolor: 'white' }}
          />
        )}
        {p.kind === 'document' && fileUrl && (
          <a href={fileUrl} target="_blank" rel="noreferrer">
            📄 {p.file?.fileName ?? 'document'}
          </a>
        )}
        {(p.kind === 'image' || p.kind === 'document') && p.caption && (
          <Typography variant="body2">{p.caption}</Typography>
        )}
        {choices.length > 0 && (
          <Stack spacing={0.5} sx={{ mt: 1 }}>
            {choices.map((c) => (
              <Button
                key={c.id}
                size="small"
                variant="outlined"
                disabled={disabled}
                onClick={() => onChoose(c)}
                data-choice={c.id}
                sx={{ justifyContent: 'flex-start', textTransform: 'none' }}
              >
                {c.title}
                {c.description ? ` — ${c.description}` : ''}
              </Button>
            ))}
          </Stack>
        )}
      </Box>
    </Box>
  );
}
