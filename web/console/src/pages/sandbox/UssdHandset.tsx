import { Alert, Box, Button, Card, CardContent, Stack, TextField, Typography } from '@mui/material';
import { useQuery } from '@tanstack/react-query';
import { parsePhoneNumberFromString } from 'libphonenumber-js/min';
import { type FormEvent, useEffect, useRef, useState } from 'react';
import { useNotify, useTranslate } from 'react-admin';
import { ApiError, api, fieldHelp } from '../../api/http.ts';
import { can } from '../../api/session.ts';
import { useSession } from '../../api/use-session.ts';

/** What a handset shows of one screen (Africa's Talking's limit; the server cuts longer ones). */
const SCREEN_CHARACTERS = 182;
/** The numbers dialed lately, newest first: the next visit dials from the same phone, or picks another. */
const RECENT_NUMBERS = 'opsdesk.sandbox.ussd.phones';

function recentNumbers(): string[] {
  try {
    const stored: unknown = JSON.parse(localStorage.getItem(RECENT_NUMBERS) ?? '[]');
    return Array.isArray(stored) ? stored.filter((n): n is string => typeof n === 'string').slice(0, 5) : [];
  } catch {
    return [];
  }
}
function rememberNumber(phone: string): string[] {
  const recent = [phone, ...recentNumbers().filter((n) => n !== phone)].slice(0, 5);
  localStorage.setItem(RECENT_NUMBERS, JSON.stringify(recent));
  return recent;
}

interface UssdSession {
  sessionId: string;
  phoneNumber: string;
  serviceCode: string;
  screen: string;
  cut: boolean;
  encoding: 'GSM-7' | 'UCS-2';
  status: 'open' | 'ended';
  endedBy: 'service' | 'cancelled' | 'no_answer' | 'bad_answer' | 'idle' | null;
  text: string;
}
interface CarriedSms {
  messageId: string;
  to: string;
  text: string;
  at: string;
}

/** A number as people write it (`+250788000111` → `+250 788 000 111`). */
const phoneText = (e164: string) => parsePhoneNumberFromString(e164)?.formatInternational() ?? e164;

/** One session of the handset: dial, send, cancel, each answered by the gateway with the next screen. */
function useUssdSession() {
  const notify = useNotify();
  const [session, setSession] = useState<UssdSession | null>(null);
  const [problem, setProblem] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const run = async (call: () => Promise<UssdSession>) => {
    setBusy(true);
    try {
      setSession(await call());
      setProblem(null);
    } catch (err) {
      setProblem(err);
      if (err instanceof ApiError && err.problem.code !== 'validation_failed')
        notify(err.message, { type: 'warning' });
      else if (!(err instanceof ApiError)) throw err;
    } finally {
      setBusy(false);
    }
  };
  const at = (s: UssdSession, what: string) =>
    `/api/sandbox/ussd/sessions/${encodeURIComponent(s.sessionId)}/${what}`;
  return {
    session,
    problem,
    busy,
    dial: (phoneNumber: string, serviceCode: string) =>
      run(() => api('/api/sandbox/ussd/sessions', { method: 'POST', body: { phoneNumber, serviceCode } })),
    send: (s: UssdSession, input: string) =>
      run(() => api(at(s, 'replies'), { method: 'POST', body: { input } })),
    cancel: (s: UssdSession) => run(() => api(at(s, 'cancel'), { method: 'POST' })),
  };
}

/** The handset's screen: the service's words in a phone's monospace, and why the session ended. */
function UssdScreen({ session, busy }: { session: UssdSession; busy: boolean }) {
  const translate = useTranslate();
  const length = [...session.screen].length;
  return (
    <Box>
      <Box
        role="log"
        aria-live="polite"
        aria-label={translate('od.sandbox.ussd.screen_of', { phone: phoneText(session.phoneNumber) })}
        data-testid="ussd-screen"
        data-status={session.status}
        sx={{
          fontFamily: 'ui-monospace, "DejaVu Sans Mono", Menlo, Consolas, monospace',
          fontSize: 15,
          lineHeight: 1.4,
          whiteSpace: 'pre-wrap',
          overflowWrap: 'anywhere',
          width: '24ch',
          minHeight: '10.5em',
          p: 1.5,
          mx: 'auto',
          borderRadius: 1,
          border: 6,
          borderColor: 'grey.800',
          bgcolor: '#dfe9d4',
          color: '#1d2618',
          opacity: busy ? 0.6 : 1,
        }}
      >
        {session.screen}
      </Box>
      <Typography
        variant="caption"
        color="text.secondary"
        component="p"
        sx={{ textAlign: 'center', mt: 0.5 }}
      >
        {translate('od.sandbox.ussd.length', { count: length, max: SCREEN_CHARACTERS })}
      </Typography>
      {session.cut && (
        <Alert severity="warning" sx={{ mt: 1 }}>
          {translate('od.sandbox.ussd.cut', { max: SCREEN_CHARACTERS })}
        </Alert>
      )}
      {session.encoding === 'UCS-2' && (
        <Alert severity="warning" sx={{ mt: 1 }}>
          {translate('od.sandbox.ussd.wide')}
        </Alert>
      )}
      {session.endedBy && (
        <Typography color="text.secondary" sx={{ mt: 1 }} data-testid="ussd-ended">
          {translate(`od.sandbox.ussd.ended.${session.endedBy}`)}
        </Typography>
      )}
    </Box>
  );
}

/** The reply line under an open screen: what the person types, Send and Cancel. */
function ReplyForm(props: {
  onSend: (input: string) => void;
  onCancel: () => void;
  busy: boolean;
  screen: string;
}) {
  const translate = useTranslate();
  const [input, setInput] = useState('');
  const field = useRef<HTMLInputElement>(null);
  // A new screen: the field is empty and ready, as a phone's is.
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs on each new screen
  useEffect(() => {
    setInput('');
    field.current?.focus();
  }, [props.screen]);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    props.onSend(input.trim());
  };
  return (
    <Box component="form" onSubmit={submit} sx={{ mt: 1.5 }}>
      <TextField
        label={translate('od.sandbox.ussd.reply')}
        value={input}
        onChange={(e) => setInput(e.target.value)}
        inputRef={field}
        size="small"
        fullWidth
        autoComplete="off"
        slotProps={{ htmlInput: { maxLength: 160, 'data-testid': 'ussd-reply' } }}
      />
      <Stack direction="row" spacing={1} sx={{ mt: 1 }}>
        <Button type="submit" variant="contained" disabled={props.busy}>
          {translate('od.sandbox.ussd.send')}
        </Button>
        <Button onClick={props.onCancel} disabled={props.busy}>
          {translate('od.sandbox.ussd.cancel')}
        </Button>
      </Stack>
    </Box>
  );
}

/** The texts the sandbox's network carried to the handset's number, newest first. */
function HandsetTexts({ phoneNumber }: { phoneNumber: string }) {
  const translate = useTranslate();
  const { data } = useQuery({
    queryKey: ['opsdesk', 'sandbox', 'sms'],
    queryFn: () => api<{ items: CarriedSms[] }>('/api/sandbox/sms'),
    refetchInterval: 2000,
    retry: false,
  });
  const texts = (data?.items ?? []).filter((s) => s.to === phoneNumber).slice(0, 3);
  if (texts.length === 0) return null;
  return (
    <Box sx={{ mt: 2 }}>
      <Typography variant="subtitle2">{translate('od.sandbox.ussd.texts')}</Typography>
      {texts.map((sms) => (
        <Typography
          key={sms.messageId}
          data-testid="ussd-handset-sms"
          sx={{ whiteSpace: 'pre-wrap', bgcolor: 'action.hover', borderRadius: 1, p: 1, mt: 1, fontSize: 14 }}
        >
          {sms.text}
        </Typography>
      ))}
    </Box>
  );
}

/**
 * A feature phone on the sandbox's network (issue 65): the operator dials the organization's USSD
 * code from a number and reads each screen as the handset shows it (monospace, at most 182
 * characters, `END` closing the session), then the texts that reach the number, the token among them.
 */
export default function UssdHandset() {
  const translate = useTranslate();
  const staff = useSession();
  const allowed = can(staff, 'sandbox.ussd.dial');
  const mayReadTexts = can(staff, 'sandbox.mail.open');
  const { data: setup } = useQuery({
    queryKey: ['opsdesk', 'sandbox', 'ussd'],
    queryFn: () => api<{ serviceCode: string }>('/api/sandbox/ussd'),
    enabled: allowed,
  });
  const [recent, setRecent] = useState(recentNumbers);
  const [phone, setPhone] = useState(() => recent[0] ?? '+250 ');
  const [code, setCode] = useState<string | null>(null);
  const { session, problem, busy, dial, send, cancel } = useUssdSession();
  if (!allowed) return null;
  const open = session?.status === 'open';
  const serviceCode = code ?? setup?.serviceCode ?? '';
  const dialNow = (event?: FormEvent) => {
    event?.preventDefault();
    // Only numbers the gateway takes are offered again (a refused one is not a phone).
    if (/^\+[1-9][\d\s]{7,}$/.test(phone.trim())) setRecent(rememberNumber(phone.trim()));
    void dial(phone.trim(), serviceCode.trim());
  };
  return (
    <Card data-testid="ussd-handset" sx={{ width: { xs: '100%', md: 360 }, flexShrink: 0 }}>
      <CardContent>
        <Typography variant="h6">{translate('od.sandbox.ussd.title')}</Typography>
        <Typography variant="body2" color="text.secondary" sx={{ mb: 2 }}>
          {translate('od.sandbox.ussd.intro')}
        </Typography>
        <DialFields
          phone={phone}
          onPhone={setPhone}
          serviceCode={serviceCode}
          onServiceCode={setCode}
          recent={recent}
          open={open}
          problem={problem}
          onDial={dialNow}
        />
        {session && (
          <Box sx={{ mt: 2 }}>
            <UssdScreen session={session} busy={busy} />
            {open && (
              <ReplyForm
                screen={`${session.sessionId}:${session.text}`}
                busy={busy}
                onSend={(input) => void send(session, input)}
                onCancel={() => void cancel(session)}
              />
            )}
          </Box>
        )}
        {!open && (
          <Button
            variant="contained"
            color="success"
            fullWidth
            sx={{ mt: 2 }}
            onClick={() => dialNow()}
            disabled={busy || !serviceCode}
          >
            {translate(session ? 'od.sandbox.ussd.dial_again' : 'od.sandbox.ussd.dial')}
          </Button>
        )}
        {session && mayReadTexts && <HandsetTexts phoneNumber={session.phoneNumber} />}
      </CardContent>
    </Card>
  );
}

interface DialFieldsProps {
  phone: string;
  onPhone: (phone: string) => void;
  serviceCode: string;
  onServiceCode: (code: string) => void;
  /** Numbers dialed before, offered again. */
  recent: string[];
  /** A session is open: the number and code stay as dialed. */
  open: boolean;
  problem: unknown;
  onDial: (event?: FormEvent) => void;
}

/** The number dialing and the USSD code dialed; Enter in either dials. */
function DialFields({
  phone,
  onPhone,
  serviceCode,
  onServiceCode,
  recent,
  open,
  problem,
  onDial,
}: DialFieldsProps) {
  const translate = useTranslate();
  return (
    <Box
      component="form"
      onSubmit={onDial}
      // Enter in either field dials, as the button below the screen does.
      onKeyDown={(event) => {
        if (event.key === 'Enter' && !open) onDial(event);
      }}
    >
      <Stack spacing={1.5}>
        <TextField
          label={translate('od.sandbox.ussd.phone')}
          value={phone}
          onChange={(e) => onPhone(e.target.value)}
          // The number stays as dialed while the session is open (read, not greyed out).
          slotProps={{ htmlInput: { readOnly: open, list: 'ussd-recent-numbers' } }}
          size="small"
          type="tel"
          {...fieldHelp(problem, 'phoneNumber', translate('od.sandbox.ussd.phone_hint'))}
        />
        <TextField
          label={translate('od.sandbox.ussd.code')}
          value={serviceCode}
          onChange={(e) => onServiceCode(e.target.value)}
          slotProps={{ htmlInput: { readOnly: open } }}
          size="small"
          {...(fieldHelp(problem, 'serviceCode').error
            ? { error: true, helperText: translate('od.sandbox.ussd.code_invalid') }
            : {})}
        />
      </Stack>
      <datalist id="ussd-recent-numbers">
        {recent.map((n) => (
          <option key={n} value={n} />
        ))}
      </datalist>
    </Box>
  );
}
