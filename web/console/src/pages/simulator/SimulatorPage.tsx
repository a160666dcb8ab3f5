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
import { Title, useNotify, useTranslate } from 'react-admin';
import { api } from '../../api/http.ts';

type Choice = { id: string; title: string; description?: string };
type Payload =
  | { kind: 'text'; text: string }
  | { kind: 'choice'; id: string }
  | { kind: 'buttons'; text: string; buttons: Choice[] }
  | { kind: 'list'; text: string; button: string; rows: Choice[] }
  | { kind: 'image' | 'document'; caption?: string; file?: { fileName?: string } }
  | { kind: 'media'; fileName?: string }
  | { kind: 'template'; fallbackText: string };
interface Message {
  id: string;
  direction: 'in' | 'out';
  payload: Payload;
  /** Where a picture or document is loaded from (the played chats give it). */
  url?: string;
}
/** The flow's chat on the sandbox's WhatsApp or Telegram, when the sandbox plays the channel that runs it. */
interface PlayedChat {
  channel: 'whatsapp' | 'telegram' | null;
  address: string | null;
  messages: Message[];
}
const playedChatUrl = (flow: string, contactKey: string) =>
  `/api/sandbox/chats/${encodeURIComponent(flow)}/${encodeURIComponent(contactKey)}`;
/** How often the played chat is read again: what the system sends on its own shows up by itself. */
const PLAYED_POLL_MS = 1500;
interface History {
  conversation: { id: string };
  messages: Message[];
}

const newKey = () => `sim-${Math.random().toString(36).slice(2, 10)}`;

/**
 * Each flow talks to its own test contact (kept across reloads): a conversation belongs to one
 * contact, so sharing one contact between flows would show one flow's transcript under another.
 */
const contactStorageKey = (flow: string) => `od.simulator.contact.${flow}`;
function contactKeyOf(flow: string): string {
  const stored = localStorage.getItem(contactStorageKey(flow));
  if (stored) return stored;
  const key = newKey();
  localStorage.setItem(contactStorageKey(flow), key);
  return key;
}

/** A phone-like chat with one flow; history is the server's, so a reload shows the same chat. */
export default function SimulatorPage() {
  const translate = useTranslate();
  const notify = useNotify();
  const [flows, setFlows] = useState<string[] | null>(null);
  const [flow, setFlow] = useState(() => localStorage.getItem('od.simulator.flow') ?? '');
  const [contactKey, setContactKey] = useState(() => (flow ? contactKeyOf(flow) : ''));
  const [conversationId, setConversationId] = useState<string | null>(null);
  const [messages, setMessages] = useState<Message[]>([]);
  const [text, setText] = useState('');
  const [busy, setBusy] = useState(false);
  const [played, setPlayed] = useState<{ channel: 'whatsapp' | 'telegram'; address: string } | null>(null);
  const end = useRef<HTMLDivElement>(null);

  useEffect(() => {
    api<string[]>('/api/conversations/flows').then((list) => {
      setFlows(list);
      setFlow((current) => (list.includes(current) ? current : (list[0] ?? '')));
    });
  }, []);
  useEffect(() => {
    if (!flow) return;
    localStorage.setItem('od.simulator.flow', flow);
    setContactKey(contactKeyOf(flow));
  }, [flow]);
  useEffect(() => {
    setMessages([]);
    setConversationId(null);
    setPlayed(null);
    if (!contactKey || !flow) return;
    let current = true; // a slow answer for the previous contact must not fill this one's chat
    let timer: ReturnType<typeof setTimeout> | undefined;
    const inApp = () =>
      api<History>(`/api/conversations/simulator/${encodeURIComponent(contactKey)}`)
        .then((h) => {
          if (!current) return;
          setConversationId(h.conversation.id);
          setMessages(h.messages);
        })
        .catch(() => undefined); // a new contact has no history yet
    const readPlayed = async () => {
      const chat = await api<PlayedChat>(playedChatUrl(flow, contactKey)).catch(() => null);
      if (!current) return;
      if (!chat?.channel || !chat.address) return void inApp();
      setPlayed({ channel: chat.channel, address: chat.address });
      setMessages(chat.messages);
      timer = setTimeout(readPlayed, PLAYED_POLL_MS);
    };
    void readPlayed();
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [contactKey, flow]);
  const startNewChat = () => {
    const key = newKey();
    localStorage.setItem(contactStorageKey(flow), key);
    setContactKey(key);
  };
  useEffect(() => {
    // Braces matter: recent Chromium's scrollIntoView returns a promise, which React must not get back.
    if (messages.length > 0) void end.current?.scrollIntoView({ block: 'end' });
  }, [messages]);

  const send = async (input: Record<string, unknown>, echo: Payload) => {
    setBusy(true);
    try {
      if (played) {
        // Through the played chat's webhook: the answer comes as the app sends it, read by the poll.
        await api(playedChatUrl(flow, contactKey), { method: 'POST', body: input });
        setMessages((m) => [...m, { id: `local-${m.length}`, direction: 'in', payload: echo }]);
        return;
      }
      const result = await api<{ conversation: { id: string }; replies: Message[] }>(
        '/api/conversations/simulator/messages',
        {
          method: 'POST',
          body: { flow, contactKey, input },
        },
      );
      setConversationId(result.conversation.id);
      setMessages((m) => [
        ...m,
        { id: `local-${m.length}`, direction: 'in', payload: echo },
        ...result.replies,
      ]);
    } catch (err) {
      notify((err as Error).message, { type: 'error' });
    } finally {
      setBusy(false);
    }
  };
  const sendText = () => {
    if (!text.trim()) return;
    void send({ kind: 'text', text }, { kind: 'text', text });
    setText('');
  };
  const choose = (c: Choice) => void send({ kind: 'choice', id: c.id }, { kind: 'text', text: c.title });
  const attach = async (file: File) => {
    // In slices: spreading a whole photo's bytes into one call overflows the stack.
    const bytes = new Uint8Array(await file.arrayBuffer());
    let binary = '';
    for (let i = 0; i < bytes.length; i += 0x8000)
      binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
    const dataBase64 = btoa(binary);
    const mediaKind = file.type === 'application/pdf' ? 'document' : 'photo';
    void send(
      { kind: 'media', mediaKind, mime: file.type, fileName: file.name, dataBase64 },
      { kind: 'media', fileName: file.name },
    );
  };

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
        <Button type="submit" variant="contained" endIcon={<SendIcon />} disabled={busy || !flow}>
          {translate('od.simulator.send')}
        </Button>
      </Stack>
    </Box>
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
