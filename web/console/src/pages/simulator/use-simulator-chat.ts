import { useEffect, useState } from 'react';
import { useNotify } from 'react-admin';
import { api } from '../../api/http.ts';

export type Choice = { id: string; title: string; description?: string };
export type Payload =
  | { kind: 'text'; text: string }
  | { kind: 'choice'; id: string }
  | { kind: 'buttons'; text: string; buttons: Choice[] }
  | { kind: 'list'; text: string; button: string; rows: Choice[] }
  | { kind: 'image' | 'document'; caption?: string; file?: { fileName?: string } }
  | { kind: 'media'; fileName?: string }
  | { kind: 'template'; fallbackText: string };
export interface Message {
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

/** The flows the simulator can talk to, the one chosen (kept across reloads) and its test contact. */
export function useFlowChoice() {
  const [flows, setFlows] = useState<string[] | null>(null);
  const [flow, setFlow] = useState(() => localStorage.getItem('od.simulator.flow') ?? '');
  const [contactKey, setContactKey] = useState(() => (flow ? contactKeyOf(flow) : ''));
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
  /** A new test contact for the flow: a chat from its start. */
  const startNewChat = () => {
    const key = newKey();
    localStorage.setItem(contactStorageKey(flow), key);
    setContactKey(key);
  };
  return { flows, flow, setFlow, contactKey, startNewChat };
}

/**
 * The chat of one flow with one contact: in the app's simulator, or on the sandbox's WhatsApp or
 * Telegram when the sandbox plays the channel that runs the flow (read again every PLAYED_POLL_MS).
 */
export function useSimulatorChat(flow: string, contactKey: string) {
  const notify = useNotify();
  const [conversationId, setConversationId] = useState<string | null>(null);
  const [messages, setMessages] = useState<Message[]>([]);
  const [busy, setBusy] = useState(false);
  const [played, setPlayed] = useState<{ channel: 'whatsapp' | 'telegram'; address: string } | null>(null);

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

  /** Sends what the contact typed or chose, shown in the chat as `echo`, with the flow's replies. */
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
        { method: 'POST', body: { flow, contactKey, input } },
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
  return { conversationId, messages, busy, played, send };
}
