import { Typography } from '@mui/material';
import { type KeyboardEvent, useCallback, useRef, useState } from 'react';
import { Title, useLocale, useTranslate } from 'react-admin';
import { api, formatMoney } from '../../../../web/console/src/extensions/index.ts';
import { DeskMatches } from './DeskMatches.tsx';
import { DeskPlacePicker, useDeskPlace } from './DeskPlace.tsx';
import { type DeskLanguage, DeskRegisterForm, deskLanguageOf } from './DeskRegisterForm.tsx';
import { DeskTab } from './DeskTab.tsx';
import { amountToMinor, currencyDigits, readDeskInput } from './desk-input.ts';
import { type Bill, type Customer, codeOf, DESK_FIELD, type DeskMode } from './desk-model.ts';
import { fieldProblems, problemText, statusOf } from './desk-problems.ts';
import { useDeskFocus } from './use-desk-focus.ts';
import { useLiveTab } from './use-live-tab.ts';

/**
 * The desk screen, built for a USB barcode scanner (it types the code or pass, then Enter) and a
 * keyboard: one input always has the focus. A scan opens the customer's tab, the clerk types the
 * amount and Enter bills it (one Idempotency-Key per bill, kept across retries), Escape cancels,
 * F2 registers a new customer. Nothing needs the mouse.
 */
export default function DeskPage() {
  const translate = useTranslate();
  const locale = useLocale();
  const place = useDeskPlace();
  const { exhibition, booth } = place;
  // With no open exhibition there is nobody to look up: the place picker says where to create one.
  const closed = place.loaded && !exhibition;
  // The scan input appears once the desk knows its exhibition: a scan typed before that would find
  // nobody to look up, and the scanner's Enter would be lost without a word.
  const ready = Boolean(exhibition);

  const [mode, setMode] = useState<DeskMode>('scan');
  const [scan, setScan] = useState('');
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<unknown>(); // the last refusal, each field's words under it
  const [notice, setNotice] = useState('');
  const [matches, setMatches] = useState<Customer[]>([]);
  const [picked, setPicked] = useState(0);
  const [customer, setCustomer] = useState<Customer>();
  const [bills, setBills] = useState<Bill[]>([]);
  const [amount, setAmount] = useState('');
  const [description, setDescription] = useState('');
  const [form, setForm] = useState({ name: '', email: '', phone: '' });
  // The language of the customer's e-mails: the console's, until the clerk picks another.
  const [language, setLanguage] = useState<DeskLanguage>(deskLanguageOf(locale));
  const billKey = useRef<string | undefined>(undefined);
  // An amount above the exhibition's limit, once the clerk was asked: a second Enter bills it.
  const confirmed = useRef<number | undefined>(undefined);
  const registerKey = useRef<string | undefined>(undefined);
  const scanRef = useRef<HTMLInputElement>(null);
  const amountRef = useRef<HTMLInputElement>(null);
  const nameRef = useRef<HTMLInputElement>(null);
  const pickRef = useRef<HTMLDivElement>(null);
  const rootRef = useRef<HTMLDivElement>(null);

  const primary = useCallback(() => {
    if (mode === 'tab') return amountRef.current;
    if (mode === 'register') return nameRef.current;
    if (mode === 'pick') return pickRef.current;
    return ready ? scanRef.current : null;
  }, [mode, ready]);
  useDeskFocus(primary, busy, rootRef);

  const reset = (next: DeskMode = 'scan') => {
    setMode(next);
    setScan('');
    setAmount('');
    setDescription('');
    setMatches([]);
    setFailure(undefined);
    billKey.current = undefined;
    confirmed.current = undefined;
    if (next === 'scan') setCustomer(undefined);
  };
  const openTab = async (found: Customer) => {
    setCustomer(found);
    setBills(await api<Bill[]>(`/api/exhibition/customers/${found.id}/bills`));
    reset('tab');
    setCustomer(found);
  };
  useLiveTab(customer, setCustomer, setBills);
  const run = async (work: () => Promise<void>) => {
    setBusy(true);
    setFailure(undefined);
    try {
      await work();
    } catch (err) {
      setFailure(err);
    } finally {
      setBusy(false);
    }
  };

  const lookUp = () =>
    run(async () => {
      if (!exhibition) return;
      const input = readDeskInput(scan);
      setNotice('');
      if (input.kind === 'empty') return;
      if (input.kind === 'pass') {
        const found = await api<Customer>('/api/exhibition/customers/by-pass', {
          method: 'POST',
          body: { pass: input.pass },
        });
        return openTab(found);
      }
      let codeError: unknown;
      if (input.kind === 'code') {
        try {
          return await openTab(await api<Customer>(`/api/exhibition/customers/by-code/${input.code}`));
        } catch (err) {
          if (statusOf(err) !== 400 && statusOf(err) !== 404) throw err;
          codeError = err;
        }
      }
      const q = input.q;
      const found = await api<Customer[]>(
        `/api/exhibition/exhibitions/${exhibition.id}/customers?q=${encodeURIComponent(q)}`,
      );
      if (found.length === 1 && !codeError) return openTab(found[0]!);
      if (found.length === 0) {
        // A code refused as mistyped is no name: only "nobody matches, press F2" fills in the new
        // customer's form (a letters-only code such as RSGAYBEF was put in as the name, and the
        // clerk's F2 and typing then registered "RSGAYBEFAna Ruiz").
        if (codeError) throw codeError;
        setForm({
          name: /\d|@/.test(q) ? '' : q,
          email: q.includes('@') ? q : '',
          phone: /^\+?[\d\s]+$/.test(q) ? q : '',
        });
        throw new Error(translate('exhibition.desk.nobody', { q }));
      }
      setMatches(found);
      setPicked(0);
      setMode('pick');
    });

  const bill = () =>
    run(async () => {
      if (!customer || !booth) return;
      const minor = amountToMinor(amount, currencyDigits(customer.currency));
      if (minor === undefined) throw new Error(translate('exhibition.desk.badAmount'));
      const large = exhibition ? minor > exhibition.confirmAboveMinor : false;
      if (large && exhibition && confirmed.current !== minor) {
        confirmed.current = minor;
        setNotice(
          translate('exhibition.desk.confirmLarge', {
            amount: formatMoney(minor, customer.currency, locale),
            limit: formatMoney(exhibition.confirmAboveMinor, customer.currency, locale),
          }),
        );
        return;
      }
      // One key per bill: a retry after a lost answer sends the same key, so it bills once.
      billKey.current ??= crypto.randomUUID();
      await api(`/api/exhibition/customers/${customer.id}/bills`, {
        method: 'POST',
        body: {
          boothId: booth.id,
          amountMinor: minor,
          ...(description ? { description } : {}),
          ...(large ? { confirmed: true } : {}),
        },
        headers: { 'Idempotency-Key': billKey.current },
      });
      const after = await api<Customer>(`/api/exhibition/customers/${customer.id}`);
      setNotice(
        translate('exhibition.desk.billed', {
          amount: formatMoney(minor, after.currency, locale),
          name: after.name,
          total: formatMoney(after.totalMinor, after.currency, locale),
        }),
      );
      reset('scan');
    });

  const register = () =>
    run(async () => {
      if (!exhibition) return;
      registerKey.current ??= crypto.randomUUID();
      const created = await api<Customer & { welcomeDeliverable: boolean }>('/api/exhibition/customers', {
        method: 'POST',
        body: { exhibitionId: exhibition.id, ...form, language },
        headers: { 'Idempotency-Key': registerKey.current },
      });
      registerKey.current = undefined;
      setForm({ name: '', email: '', phone: '' });
      setNotice(registeredNotice(created, translate));
      await openTab(created);
    });

  const onKey = (e: KeyboardEvent) => {
    if (closed) return;
    if (e.key === 'Escape') {
      e.preventDefault();
      if (mode === 'register') registerKey.current = undefined;
      setNotice('');
      reset('scan');
      return;
    }
    if (e.key === 'F2' && mode !== 'register') {
      e.preventDefault();
      reset('register');
      return;
    }
    if (mode === 'pick') {
      if (e.key === 'ArrowDown') setPicked((i) => Math.min(i + 1, matches.length - 1));
      if (e.key === 'ArrowUp') setPicked((i) => Math.max(i - 1, 0));
      if (e.key === 'Enter' && matches[picked]) void run(() => openTab(matches[picked]!));
      if (/^[1-9]$/.test(e.key) && matches[Number(e.key) - 1])
        void run(() => openTab(matches[Number(e.key) - 1]!));
      if (e.key.startsWith('Arrow') || e.key === 'Enter') e.preventDefault();
      return;
    }
    if (e.key !== 'Enter' || busy) return;
    e.preventDefault();
    if (mode === 'scan') void lookUp();
    if (mode === 'tab') void bill();
    if (mode === 'register') void register();
  };

  return (
    // biome-ignore lint/a11y/noStaticElementInteractions: the keys of the whole screen (Escape, F2) are handled in one place
    <div
      ref={rootRef}
      onKeyDown={onKey}
      data-testid="desk"
      data-mode={mode}
      style={{ padding: 16, maxWidth: 720 }}
    >
      <Title title={translate('exhibition.menu.desk')} />
      <DeskPlacePicker place={place} />
      {!closed && (
        <Typography color="text.secondary" sx={{ m: '0 0 8px' }}>
          {translate(`exhibition.desk.help.${mode}`)}
        </Typography>
      )}

      {mode === 'scan' && ready && (
        <input
          ref={scanRef}
          aria-label={translate('exhibition.desk.scan')}
          placeholder={translate('exhibition.desk.scan')}
          data-testid="desk-scan"
          value={scan}
          onChange={(e) => setScan(e.target.value)}
          autoComplete="off"
          style={{ ...DESK_FIELD, fontSize: 24, letterSpacing: 2 }}
        />
      )}

      {mode === 'pick' && <DeskMatches matches={matches} picked={picked} pickRef={pickRef} />}

      {mode === 'tab' && customer && (
        <DeskTab
          customer={customer}
          bills={bills}
          amount={amount}
          description={description}
          amountRef={amountRef}
          onAmount={(value) => {
            setAmount(value);
            billKey.current = undefined;
            confirmed.current = undefined;
          }}
          onDescription={(value) => {
            setDescription(value);
            billKey.current = undefined;
          }}
        />
      )}

      {mode === 'register' && (
        <DeskRegisterForm
          form={form}
          errors={fieldProblems(failure, translate)}
          language={language}
          nameRef={nameRef}
          onField={(key, value) => {
            setForm((f) => ({ ...f, [key]: value }));
            registerKey.current = undefined;
          }}
          onLanguage={(l) => {
            setLanguage(l);
            registerKey.current = undefined;
          }}
        />
      )}

      {busy && <p aria-live="polite">{translate('exhibition.desk.working')}</p>}
      {failure !== undefined && (
        <Typography role="alert" data-testid="desk-error" color="error" sx={{ fontSize: 18, my: 2 }}>
          {problemText(failure, translate)}
        </Typography>
      )}
      {notice && (
        <Typography role="status" data-testid="desk-notice" color="success" sx={{ fontSize: 18, my: 2 }}>
          {notice}
        </Typography>
      )}
    </div>
  );
}

/** What the desk says once a customer is registered: how the welcome goes (by SMS without an e-mail, issue 65). */
function registeredNotice(
  created: Customer & { welcomeDeliverable: boolean },
  translate: (key: string, options?: object) => string,
): string {
  const words = `registered${created.email === '' ? 'Sms' : ''}${created.welcomeDeliverable ? '' : 'Undeliverable'}`;
  return translate(`exhibition.desk.${words}`, {
    name: created.name,
    code: codeOf(created.code),
    phone: created.phone,
  });
}
