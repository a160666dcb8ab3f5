import { useQuery } from '@tanstack/react-query';
import { type KeyboardEvent, useCallback, useEffect, useRef, useState } from 'react';
import { Title, useLocale, useTranslate } from 'react-admin';
import { ApiError, api, formatMoney, useLiveTopic } from '../../../../web/console/src/extensions/index.ts';
import { amountToMinor, currencyDigits, readDeskInput } from './desk-input.ts';

type Exhibition = { id: string; name: string; currency: string };
type Booth = { id: string; name: string };
type Customer = {
  id: string;
  code: string;
  name: string;
  email: string;
  phone: string;
  billCount: number;
  totalMinor: number;
  currency: string;
};
type Bill = {
  id: string;
  boothName: string;
  amountMinor: number;
  description: string;
  status: string;
  createdAt: string;
};
type Mode = 'scan' | 'pick' | 'tab' | 'register';

/** A bill added or voided anywhere (another desk, a booth) for the open tab refreshes it at once. */
const LIVE_TOPICS = ['exhibition.bills'];

const PLACE = 'exhibition.desk.place';
const codeOf = (code: string) => `${code.slice(0, 4)}-${code.slice(4)}`;
const message = (err: unknown) => (err instanceof Error ? err.message : String(err));
const status = (err: unknown) => (err instanceof ApiError ? err.problem.status : 0);

/**
 * The desk screen, built for a USB barcode scanner (it types the code or pass, then Enter) and a
 * keyboard: one input always has the focus. A scan opens the customer's tab, the clerk types the
 * amount and Enter bills it (one Idempotency-Key per bill, kept across retries), Escape cancels,
 * F2 registers a new customer. Nothing needs the mouse.
 */
export default function DeskPage() {
  const translate = useTranslate();
  const locale = useLocale();
  const exhibitions = useQuery({
    queryKey: ['exhibition', 'exhibitions'],
    queryFn: () => api<Exhibition[]>('/api/exhibition/exhibitions'),
  });
  const [place, setPlace] = useState<{ exhibitionId?: string; boothId?: string }>(() => {
    try {
      return JSON.parse(localStorage.getItem(PLACE) ?? '{}');
    } catch {
      return {};
    }
  });
  const exhibition =
    exhibitions.data?.find((e) => e.id === place.exhibitionId) ?? exhibitions.data?.[0] ?? undefined;
  const booths = useQuery({
    queryKey: ['exhibition', 'booths', exhibition?.id],
    queryFn: () => api<Booth[]>(`/api/exhibition/exhibitions/${exhibition?.id}/booths`),
    enabled: Boolean(exhibition),
  });
  const booth = booths.data?.find((b) => b.id === place.boothId) ?? booths.data?.[0];
  const choose = (next: { exhibitionId?: string; boothId?: string }) => {
    setPlace(next);
    localStorage.setItem(PLACE, JSON.stringify(next));
  };

  const [mode, setMode] = useState<Mode>('scan');
  const [scan, setScan] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState('');
  const [notice, setNotice] = useState('');
  const [matches, setMatches] = useState<Customer[]>([]);
  const [picked, setPicked] = useState(0);
  const [customer, setCustomer] = useState<Customer>();
  const [bills, setBills] = useState<Bill[]>([]);
  const [amount, setAmount] = useState('');
  const [description, setDescription] = useState('');
  const [form, setForm] = useState({ name: '', email: '', phone: '' });
  // The language of the customer's e-mails: the console's, until the clerk picks another.
  const [language, setLanguage] = useState<'en' | 'es'>(locale === 'es' ? 'es' : 'en');
  const billKey = useRef<string | undefined>(undefined);
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
    return scanRef.current;
  }, [mode]);
  // The focus always comes back to the screen's one input: after a request, a click elsewhere, a tab-out.
  useEffect(() => {
    primary()?.focus();
    const refocus = () =>
      setTimeout(() => {
        const active = document.activeElement;
        if (!active || active === document.body || !rootRef.current?.contains(active)) primary()?.focus();
      }, 0);
    document.addEventListener('focusout', refocus);
    document.addEventListener('click', refocus);
    return () => {
      document.removeEventListener('focusout', refocus);
      document.removeEventListener('click', refocus);
    };
  }, [primary]);
  useEffect(() => {
    if (!busy) primary()?.focus();
  }, [busy, primary]);

  const reset = (next: Mode = 'scan') => {
    setMode(next);
    setScan('');
    setAmount('');
    setDescription('');
    setMatches([]);
    setError('');
    billKey.current = undefined;
    if (next === 'scan') setCustomer(undefined);
  };
  const openTab = async (found: Customer) => {
    setCustomer(found);
    setBills(await api<Bill[]>(`/api/exhibition/customers/${found.id}/bills`));
    reset('tab');
    setCustomer(found);
  };
  // The open tab follows the live stream (no polling): a bill for this customer from anywhere, or a
  // reconnect after a dropped stream, reloads its total and bills; what the clerk is typing stays.
  const openId = useRef<string | undefined>(undefined);
  openId.current = customer?.id;
  const refreshTab = async () => {
    const open = customer;
    if (!open) return;
    try {
      const [fresh, freshBills] = await Promise.all([
        api<Customer>(`/api/exhibition/customers/${open.id}`),
        api<Bill[]>(`/api/exhibition/customers/${open.id}/bills`),
      ]);
      if (openId.current !== open.id) return; // the clerk moved on meanwhile
      setCustomer(fresh);
      setBills(freshBills);
    } catch {
      // the next event or the clerk's next action reads it again
    }
  };
  useLiveTopic(
    LIVE_TOPICS,
    (m) => {
      if (customer && m.id === customer.id) void refreshTab();
    },
    () => void refreshTab(),
  );

  const run = async (work: () => Promise<void>) => {
    setBusy(true);
    setError('');
    try {
      await work();
    } catch (err) {
      setError(message(err));
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
          if (status(err) !== 400 && status(err) !== 404) throw err;
          codeError = err;
        }
      }
      const q = input.q;
      const found = await api<Customer[]>(
        `/api/exhibition/exhibitions/${exhibition.id}/customers?q=${encodeURIComponent(q)}`,
      );
      if (found.length === 1 && !codeError) return openTab(found[0]!);
      if (found.length === 0) {
        setForm({
          name: /\d|@/.test(q) ? '' : q,
          email: q.includes('@') ? q : '',
          phone: /^\+?[\d\s]+$/.test(q) ? q : '',
        });
        throw codeError ?? new Error(translate('exhibition.desk.nobody', { q }));
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
      // One key per bill: a retry after a lost answer sends the same key, so it bills once.
      billKey.current ??= crypto.randomUUID();
      await api(`/api/exhibition/customers/${customer.id}/bills`, {
        method: 'POST',
        body: { boothId: booth.id, amountMinor: minor, ...(description ? { description } : {}) },
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
      const words = created.welcomeDeliverable ? 'registered' : 'registeredUndeliverable';
      setNotice(translate(`exhibition.desk.${words}`, { name: created.name, code: codeOf(created.code) }));
      await openTab(created);
    });

  const onKey = (e: KeyboardEvent) => {
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

  const money = (minor: number, currency: string) => formatMoney(minor, currency, locale);
  const field = { padding: '10px 12px', fontSize: 18, width: '100%', boxSizing: 'border-box' as const };
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
      <div style={{ display: 'flex', gap: 12, flexWrap: 'wrap', marginBottom: 12 }}>
        <label>
          {translate('exhibition.fields.exhibition')}{' '}
          <select
            value={exhibition?.id ?? ''}
            onChange={(e) => choose({ exhibitionId: e.target.value })}
            tabIndex={-1}
          >
            {(exhibitions.data ?? []).map((x) => (
              <option key={x.id} value={x.id}>
                {x.name}
              </option>
            ))}
          </select>
        </label>
        <label>
          {translate('exhibition.fields.booth')}{' '}
          <select
            value={booth?.id ?? ''}
            onChange={(e) => choose({ exhibitionId: exhibition?.id, boothId: e.target.value })}
            tabIndex={-1}
            data-testid="desk-booth"
          >
            {(booths.data ?? []).map((b) => (
              <option key={b.id} value={b.id}>
                {b.name}
              </option>
            ))}
          </select>
        </label>
      </div>
      <p style={{ color: '#5b5f58', margin: '0 0 8px' }}>{translate(`exhibition.desk.help.${mode}`)}</p>

      {mode === 'scan' && (
        <input
          ref={scanRef}
          aria-label={translate('exhibition.desk.scan')}
          placeholder={translate('exhibition.desk.scan')}
          data-testid="desk-scan"
          value={scan}
          onChange={(e) => setScan(e.target.value)}
          autoComplete="off"
          style={{ ...field, fontSize: 24, letterSpacing: 2 }}
        />
      )}

      {mode === 'pick' && (
        <div
          ref={pickRef}
          tabIndex={0}
          role="listbox"
          aria-label={translate('exhibition.desk.matches')}
          aria-activedescendant={`desk-match-${picked}`}
          data-testid="desk-matches"
          style={{ outline: 'none' }}
        >
          {matches.map((m, i) => (
            <div
              key={m.id}
              id={`desk-match-${i}`}
              role="option"
              aria-selected={i === picked}
              tabIndex={-1}
              style={{
                padding: '8px 12px',
                border: '1px solid #d5d8d2',
                marginBottom: 4,
                borderRadius: 6,
                background: i === picked ? '#dcebdf' : 'transparent',
              }}
            >
              <strong>{i + 1}.</strong> {m.name} · {codeOf(m.code)} · {m.phone} · {m.email}
            </div>
          ))}
        </div>
      )}

      {mode === 'tab' && customer && (
        <section data-testid="desk-tab" aria-label={customer.name}>
          <h2 style={{ margin: '4px 0' }}>
            {customer.name} <small style={{ letterSpacing: 2 }}>{codeOf(customer.code)}</small>
          </h2>
          <p data-testid="desk-total" style={{ fontSize: 20, margin: '4px 0 12px' }}>
            {translate('exhibition.desk.tab', {
              total: money(customer.totalMinor, customer.currency),
              smart_count: customer.billCount,
            })}
          </p>
          <div style={{ display: 'flex', gap: 8 }}>
            <input
              ref={amountRef}
              aria-label={translate('exhibition.desk.amount', { currency: customer.currency })}
              placeholder={translate('exhibition.desk.amount', { currency: customer.currency })}
              data-testid="desk-amount"
              inputMode="decimal"
              value={amount}
              onChange={(e) => {
                setAmount(e.target.value);
                billKey.current = undefined;
              }}
              autoComplete="off"
              style={{ ...field, fontSize: 28, flex: '0 0 40%' }}
            />
            <input
              aria-label={translate('exhibition.fields.description')}
              placeholder={translate('exhibition.fields.description')}
              value={description}
              onChange={(e) => {
                setDescription(e.target.value);
                billKey.current = undefined;
              }}
              autoComplete="off"
              style={field}
            />
          </div>
          {bills.length > 0 && (
            <table
              style={{ marginTop: 12, width: '100%', borderCollapse: 'collapse' }}
              data-testid="desk-bills"
            >
              <tbody>
                {bills.slice(-5).map((b) => (
                  <tr key={b.id} style={{ opacity: b.status === 'void' ? 0.5 : 1 }}>
                    <td>
                      {new Date(b.createdAt).toLocaleTimeString(locale, {
                        hour: '2-digit',
                        minute: '2-digit',
                      })}
                    </td>
                    <td>{b.boothName}</td>
                    <td>{b.description}</td>
                    <td style={{ textAlign: 'right' }}>{money(b.amountMinor, customer.currency)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </section>
      )}

      {mode === 'register' && (
        <section data-testid="desk-register" style={{ display: 'grid', gap: 8 }}>
          <h2 style={{ margin: '4px 0' }}>{translate('exhibition.desk.newCustomer')}</h2>
          {(['name', 'email', 'phone'] as const).map((key) => (
            <input
              key={key}
              ref={key === 'name' ? nameRef : undefined}
              aria-label={translate(`exhibition.fields.${key}`)}
              placeholder={translate(`exhibition.fields.${key}`)}
              type={key === 'email' ? 'email' : key === 'phone' ? 'tel' : 'text'}
              value={form[key]}
              onChange={(e) => {
                setForm((f) => ({ ...f, [key]: e.target.value }));
                registerKey.current = undefined;
              }}
              autoComplete="off"
              style={field}
            />
          ))}
          <select
            aria-label={translate('exhibition.fields.language')}
            value={language}
            onChange={(e) => {
              setLanguage(e.target.value as 'en' | 'es');
              registerKey.current = undefined;
            }}
            style={field}
          >
            {(['en', 'es'] as const).map((l) => (
              <option key={l} value={l}>
                {translate(`exhibition.options.${l}`)}
              </option>
            ))}
          </select>
        </section>
      )}

      {busy && <p aria-live="polite">{translate('exhibition.desk.working')}</p>}
      {error && (
        <p role="alert" data-testid="desk-error" style={{ color: '#b3261e', fontSize: 18 }}>
          {error}
        </p>
      )}
      {notice && (
        <p role="status" data-testid="desk-notice" style={{ color: '#0f7b3f', fontSize: 18 }}>
          {notice}
        </p>
      )}
    </div>
  );
}
