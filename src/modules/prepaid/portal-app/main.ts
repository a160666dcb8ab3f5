import './styles.css';
import { h } from '../../../../web/kit/dom.ts';
import type {
  OriginalPurchaseJson,
  PortalMeJson,
  PortalMeterJson,
  PurchaseJson,
  QuoteJson,
} from '../browser.ts';
import { paymentFailureKind } from '../browser.ts';
import {
  alertSettingsSection,
  alertsBanner,
  institutionSection,
  type Kit,
  meterRequestsSection,
  statementSection,
  usageChart,
} from './account-views.ts';
import { type PortalApi, PortalError, portalApi } from './api.ts';
import { dateIn, formatMoney, groupToken, kwh as kwhOf, numberIn, parseAmount, parseKwh } from './format.ts';
import { type MessageKey, type PortalLocale, pickLocale, translate } from './i18n.ts';
import { usersSection } from './users-view.ts';

/*
 * The prepaid customer portal of one organization, at /portal/<org slug>/: sign in with phone,
 * meter number and a one-time code; see meters; quote, pay by mobile money, get the token; history.
 */
const org = location.pathname.split('/')[2] || 'default';
const SESSION_KEY = `opsdesk.portal.${org}.session`;
const LANG_KEY = 'opsdesk.portal.lang';

let locale: PortalLocale = pickLocale(localStorage.getItem(LANG_KEY), navigator.languages);
const t = (key: MessageKey, vars?: Record<string, string>) => translate(locale, key, vars);
const api: PortalApi = portalApi(
  org,
  () => sessionStorage.getItem(SESSION_KEY),
  () => locale,
);
const main = document.getElementById('main')!;
const signOutButton = document.getElementById('sign-out') as HTMLButtonElement;
const langSelect = document.getElementById('lang') as HTMLSelectElement;
/** The organization selling here, once the server told it (the header and the tab's title name it). */
let vendorName = '';
/** Its time zone: a purchase's day is the day it was there. */
let vendorZone = 'UTC';
/** Re-draws the current screen (after a language change). */
let redraw: () => void = () => undefined;
/** Bumped on every screen change: a poll of a screen that is gone stops. */
let screen = 0;

const money = (minor: number, currency: string) => formatMoney(minor, currency, locale);
/** kWh and days in the reader's digits ("11,4" in French and Kinyarwanda, issue 54 item 11). */
const kwh = (tenths: number) => kwhOf(tenths, locale);
/** A purchase's day on the operator's clock, in the reader's words ("26 Ugushyingo 2026"). */
const day = (iso: string) => dateIn(iso, locale, vendorZone);

function show(...children: Node[]) {
  screen += 1;
  main.replaceChildren(...children);
  const heading = main.querySelector('h1');
  if (heading) document.title = `${heading.textContent} · ${vendorName || t('app.title')}`;
}

function errorText(err: unknown): string {
  if (err instanceof PortalError)
    return err.status === 0 ? t('error.network') : err.message || t('error.generic');
  return t('error.generic');
}

/** A form whose submit runs `work`, with the button busy meanwhile and any refusal shown in it. */
function form(fields: Node[], submitLabel: string, work: () => Promise<void>): HTMLFormElement {
  const error = h('p', { class: 'error', role: 'alert' });
  const submit = h('button', { type: 'submit', class: 'primary' }, submitLabel) as HTMLButtonElement;
  const el = h('form', {}, ...fields, error, submit) as HTMLFormElement;
  el.addEventListener('submit', async (event) => {
    event.preventDefault();
    error.textContent = '';
    submit.disabled = true;
    try {
      await work();
    } catch (err) {
      if (err instanceof PortalError && err.status === 401) return signedOut();
      error.textContent = errorText(err);
    } finally {
      submit.disabled = false;
    }
  });
  return el;
}

const field = (label: string, input: HTMLElement) => h('label', {}, h('span', {}, label), input);
const input = (attrs: Record<string, string | boolean>) => h('input', attrs) as HTMLInputElement;
const kit: Kit = { api, t, form, field, input, locale: () => locale };

function signedOut() {
  sessionStorage.removeItem(SESSION_KEY);
  signOutButton.hidden = true;
  signInScreen();
}

/** What the sign-in answer lets the page say truthfully: "on its way" only where a code can go. */
function codeSentNotice(undeliverable: ReadonlyArray<string>): string {
  if (['email', 'whatsapp', 'telegram'].every((c) => undeliverable.includes(c)))
    return t('signIn.cannotSend');
  if (undeliverable.length === 0) return t('signIn.sent');
  const channels = undeliverable.map((c) => t(`channel.${c}` as MessageKey)).join(', ');
  return t('signIn.sentExcept', { channels });
}

function signInScreen(sent?: { phone: string; meter: string; undeliverable: string[] }) {
  redraw = () => signInScreen(sent);
  if (!sent) {
    const phone = input({
      name: 'phone',
      type: 'tel',
      autocomplete: 'tel',
      inputmode: 'tel',
      required: true,
      placeholder: '+250 788 000 111',
    });
    const meter = input({
      name: 'meter',
      autocapitalize: 'characters',
      required: true,
      placeholder: 'KGL-0001',
    });
    show(
      h(
        'section',
        { class: 'panel' },
        h('h1', {}, t('signIn.heading')),
        h('p', { class: 'muted' }, t('signIn.intro')),
        form(
          [field(t('signIn.phone'), phone), field(t('signIn.meter'), meter)],
          t('signIn.send'),
          async () => {
            const answer = await api.signIn(phone.value.trim(), meter.value.trim().toUpperCase());
            signInScreen({
              phone: phone.value.trim(),
              meter: meter.value.trim().toUpperCase(),
              undeliverable: answer.undeliverable ?? [],
            });
          },
        ),
        h('button', { type: 'button', class: 'link-dark', onclick: () => signUpScreen() }, t('signIn.new')),
      ),
    );
    return;
  }
  const code = input({
    name: 'code',
    inputmode: 'numeric',
    autocomplete: 'one-time-code',
    pattern: '\\d{6}',
    maxlength: '6',
    required: true,
  });
  show(
    h(
      'section',
      { class: 'panel' },
      h('h1', {}, t('signIn.heading')),
      h('p', { class: 'notice', role: 'status' }, codeSentNotice(sent.undeliverable)),
      form([field(t('signIn.code'), code)], t('signIn.verify'), async () => {
        const s = await api.verify(sent.phone, sent.meter, code.value.trim());
        sessionStorage.setItem(SESSION_KEY, s.session);
        await home();
      }),
      h('button', { type: 'button', class: 'link-dark', onclick: () => signInScreen() }, t('signIn.other')),
    ),
  );
  code.focus();
}

/** A new customer: name, phone, meter, where the code goes; then the code; then home. */
function signUpScreen(sent?: { phone: string; meter: string }) {
  redraw = () => signUpScreen(sent);
  if (sent) {
    const code = input({
      name: 'code',
      inputmode: 'numeric',
      autocomplete: 'one-time-code',
      pattern: '\\d{6}',
      maxlength: '6',
      required: true,
    });
    show(
      h(
        'section',
        { class: 'panel' },
        h('h1', {}, t('signUp.heading')),
        h('p', { class: 'notice', role: 'status' }, t('signUp.sent')),
        form([field(t('signIn.code'), code)], t('signIn.verify'), async () => {
          const s = await api.finishSignUp(sent.phone, code.value.trim());
          sessionStorage.setItem(SESSION_KEY, s.session);
          await home(t('signUp.done', { meter: s.request.meterNumber }));
        }),
        h('button', { type: 'button', class: 'link-dark', onclick: () => signUpScreen() }, t('signIn.other')),
      ),
    );
    code.focus();
    return;
  }
  const name = input({ name: 'name', autocomplete: 'name', required: true, maxlength: '200' });
  const phone = input({ name: 'phone', type: 'tel', autocomplete: 'tel', inputmode: 'tel', required: true });
  const meter = input({
    name: 'meter',
    autocapitalize: 'characters',
    required: true,
    placeholder: 'KGL-0001',
  });
  const codeBy = h(
    'select',
    { name: 'codeBy' },
    h('option', { value: 'email' }, t('signUp.byEmail')),
    h('option', { value: 'whatsapp' }, t('signUp.byWhatsapp')),
  ) as HTMLSelectElement;
  const email = input({ name: 'email', type: 'email', autocomplete: 'email' });
  const emailField = field(t('signUp.email'), email);
  codeBy.addEventListener('change', () => {
    emailField.hidden = codeBy.value !== 'email';
  });
  show(
    h(
      'section',
      { class: 'panel' },
      h('h1', {}, t('signUp.heading')),
      h('p', { class: 'muted' }, t('signUp.intro')),
      form(
        [
          field(t('signUp.name'), name),
          field(t('signIn.phone'), phone),
          field(t('signIn.meter'), meter),
          field(t('signUp.codeBy'), codeBy),
          emailField,
        ],
        t('signUp.send'),
        async () => {
          const by = codeBy.value as 'email' | 'whatsapp';
          await api.signUp({
            name: name.value.trim(),
            phone: phone.value.trim(),
            meterNumber: meter.value.trim().toUpperCase(),
            codeBy: by,
            ...(by === 'email' ? { email: email.value.trim() } : {}),
            language: locale,
          });
          signUpScreen({ phone: phone.value.trim(), meter: meter.value.trim().toUpperCase() });
        },
      ),
      h('button', { type: 'button', class: 'link-dark', onclick: () => signInScreen() }, t('signIn.heading')),
    ),
  );
}

async function home(notice?: string) {
  signOutButton.hidden = false;
  let me: PortalMeJson;
  try {
    me = await api.me();
  } catch (err) {
    if (err instanceof PortalError && err.status === 401) return signedOut();
    show(h('p', { class: 'error', role: 'alert' }, errorText(err)));
    return;
  }
  // What the signed-in person's role allows (the server enforces it; this only hides what it refuses).
  const role = me.user.role;
  const buys = role !== 'viewer';
  const owns = role === 'owner';
  const [history, alerts, settings, requests, users] = await Promise.all([
    buys
      ? api.history().catch(() => ({ items: [] as PurchaseJson[], original: [] as OriginalPurchaseJson[] }))
      : null,
    api.alerts().catch(() => ({ items: [] })),
    owns ? api.alertSettings().catch(() => null) : null,
    api.meterRequests().catch(() => ({ items: [] })),
    owns ? api.users().catch(() => null) : null,
  ]);
  redraw = () => void home();
  const sections: Array<Node | null> = [
    alertsBanner(kit, alerts.items),
    h(
      'section',
      { class: 'panel' },
      h('h1', {}, t('home.hello', { name: me.account.name })),
      h(
        'p',
        { class: 'muted', 'data-testid': 'signed-in-as' },
        t('home.role', { name: me.user.name, role: t(`role.${role}` as MessageKey) }),
      ),
      notice ? h('p', { class: 'notice', role: 'status' }, notice) : null,
      h('h2', {}, t('home.meters')),
      me.meters.length === 0 ? h('p', { class: 'muted' }, t('home.noMeters')) : null,
      ...me.meters.map((m) => meterCard(m, me)),
    ),
    institutionSection(kit, me),
    history && historySection(history.items),
    history?.original?.length ? originalHistorySection(history.original) : null,
    statementSection(kit),
    settings && alertSettingsSection(kit, settings),
    owns ? meterRequestsSection(kit, requests.items, () => void home()) : null,
    users && usersSection(kit, users.items, me.user.id, () => void home()),
  ];
  show(...sections.filter((x): x is Node => x !== null));
}

function meterCard(m: PortalMeterJson, me: PortalMeJson) {
  return h(
    'article',
    { class: 'card', 'data-meter': m.number },
    h(
      'div',
      { class: 'card-head' },
      h('strong', { class: 'meter-number' }, m.number),
      h('span', { class: `badge ${m.status}` }, t(`status.${m.status}` as MessageKey)),
    ),
    h('p', { class: 'muted' }, [m.location, m.building, m.department].filter(Boolean).join(' · ')),
    h('p', {}, t('home.month', { units: kwh(m.monthUnitsTenths) })),
    balanceLine(m),
    m.daysLeft !== null &&
      m.dailyTenths !== null &&
      h(
        'p',
        { class: m.daysLeft <= 3 && m.trusted ? 'error' : '' },
        t('home.daysLeft', { days: numberIn(m.daysLeft, locale), daily: kwh(m.dailyTenths) }),
      ),
    usageChart(kit, m),
    m.lastToken &&
      h(
        'p',
        { class: 'muted' },
        `${t('home.lastToken')}: `,
        h('span', { class: 'mono' }, groupToken(m.lastToken.token).join(' ')),
      ),
    m.status === 'active' &&
      m.currency &&
      me.user.role !== 'viewer' &&
      h('button', { type: 'button', class: 'primary', onclick: () => buyScreen(m, me) }, t('home.buy')),
  );
}

/**
 * What is left on the meter: as it reported, or our estimate said to be one (issue 54, item 7),
 * with what it rests on and, when it is not trusted, that the meter's own display is the word.
 */
function balanceLine(m: PortalMeterJson) {
  const units = kwh(m.balanceTenths);
  if (!m.estimated) return h('p', { 'data-testid': `balance-${m.number}` }, t('home.balance', { units }));
  return h(
    'div',
    { 'data-testid': `balance-${m.number}`, 'data-estimated': 'true' },
    h('p', {}, t('home.estimate', { units })),
    h('p', { class: 'muted small' }, t(m.trusted ? 'home.estimateNote' : 'home.estimateUnsure')),
  );
}

/** What the former system sold before the switch, marked as its own: amounts to the cent, tokens in fives. */
function originalHistorySection(items: OriginalPurchaseJson[]) {
  return h(
    'section',
    { class: 'panel', 'data-testid': 'history-original' },
    h('h2', {}, t('history.original')),
    h('p', { class: 'muted' }, t('history.originalNote')),
    h(
      'ul',
      { class: 'history' },
      ...items.map((p) =>
        h(
          'li',
          {},
          h(
            'div',
            { class: 'row-between' },
            h('span', {}, `${day(p.createdAt)} · ${p.meterNumber ?? ''}`),
            h(
              'strong',
              {},
              `${numberIn(p.amount.amountCents / 100, locale, { minimumFractionDigits: p.amount.amountCents % 100 ? 2 : 0 })} ${p.amount.currency}`,
            ),
          ),
          p.token
            ? h(
                'div',
                { class: 'row-between' },
                h('span', { class: 'mono' }, (p.token.match(/.{1,5}/g) ?? []).join('-')),
                h(
                  'span',
                  { class: 'muted' },
                  `${numberIn((p.unitsMilli ?? 0) / 1000, locale, { minimumFractionDigits: 3 })} kWh`,
                ),
              )
            : h(
                'div',
                { class: p.status === 'failed' ? 'error' : 'muted' },
                p.status === 'failed' ? t('history.failed') : t('history.pending'),
              ),
        ),
      ),
    ),
  );
}

function historySection(items: PurchaseJson[]) {
  return h(
    'section',
    { class: 'panel' },
    h('h2', {}, t('home.history')),
    items.length === 0
      ? h('p', { class: 'muted' }, t('history.empty'))
      : h(
          'ul',
          { class: 'history', 'data-testid': 'history' },
          ...items.map((p) =>
            h(
              'li',
              {},
              h(
                'div',
                { class: 'row-between' },
                h('span', {}, `${day(p.createdAt)} · ${p.meterNumber}`),
                h('strong', {}, money(p.amount.amountMinor, p.amount.currency)),
              ),
              p.status === 'paid' && p.token
                ? h(
                    'div',
                    { class: 'row-between' },
                    h('span', { class: 'mono' }, groupToken(p.token).join(' ')),
                    h('span', { class: 'muted' }, `${kwh(p.unitsTenths ?? 0)} kWh`),
                  )
                : h(
                    'div',
                    { class: p.status === 'failed' ? 'error' : 'muted' },
                    p.status === 'failed' ? t('history.failed') : t('history.pending'),
                  ),
            ),
          ),
        ),
  );
}

function buyScreen(m: PortalMeterJson, me: PortalMeJson, mode: 'amount' | 'units' = 'amount') {
  redraw = () => buyScreen(m, me, mode);
  const currency = m.currency ?? '';
  const quoteBox = h('div', { class: 'quote', 'aria-live': 'polite' });
  const value = input({ name: 'value', inputmode: 'decimal', required: true, autocomplete: 'off' });
  const tabs = h(
    'div',
    { class: 'tabs', role: 'tablist' },
    ...(['amount', 'units'] as const).map((kind) =>
      h(
        'button',
        {
          type: 'button',
          role: 'tab',
          'aria-selected': String(kind === mode),
          onclick: () => buyScreen(m, me, kind),
        },
        t(kind === 'amount' ? 'buy.byAmount' : 'buy.byUnits'),
      ),
    ),
  );
  show(
    h(
      'section',
      { class: 'panel' },
      h('h1', {}, t('buy.heading', { meter: m.number })),
      tabs,
      form(
        [field(mode === 'amount' ? t('buy.amount', { currency }) : t('buy.units'), value)],
        t('buy.quote'),
        async () => {
          const ask = mode === 'amount' ? parseAmount(value.value, currency) : parseKwh(value.value);
          if (ask === null) throw new PortalError(422, t('error.generic'));
          const q = await api.quote(m.id, mode === 'amount' ? { amountMinor: ask } : { unitsTenths: ask });
          quoteBox.replaceChildren(quoteView(q, m, me));
        },
      ),
      quoteBox,
      h('button', { type: 'button', class: 'link-dark', onclick: () => void home() }, t('buy.back')),
    ),
  );
  value.focus();
}

function quoteView(q: QuoteJson, m: PortalMeterJson, me: PortalMeJson) {
  const line = (label: string, minor: number, strong = false) =>
    h(
      'div',
      { class: `row-between${strong ? ' total' : ''}` },
      h('span', {}, label),
      h('span', {}, money(minor, q.currency)),
    );
  const payer = input({
    name: 'payer',
    type: 'tel',
    inputmode: 'tel',
    required: true,
    value: me.user.phone ?? me.account.phone ?? '',
  });
  const provider = h(
    'select',
    { name: 'provider' },
    h('option', { value: 'momo' }, 'MTN MoMo'),
    h('option', { value: 'airtel' }, 'Airtel Money'),
  ) as HTMLSelectElement;
  const key = crypto.randomUUID();
  return h(
    'div',
    { 'data-testid': 'quote' },
    h('p', { class: 'big' }, t('buy.youGet', { units: kwh(q.unitsTenths) })),
    h(
      'ul',
      { class: 'tiers' },
      ...q.tiers.map((tier) =>
        h(
          'li',
          {},
          t('buy.tier', {
            tier: String(tier.tier),
            units: kwh(tier.unitsTenths),
            price: money(tier.priceMinorPerKwh, q.currency),
          }),
        ),
      ),
    ),
    line(t('buy.energy'), q.energyMinor),
    line(t('buy.tax'), q.taxMinor),
    q.feeMinor > 0 && line(t('buy.fee'), q.feeMinor),
    line(t('buy.total'), q.chargeMinor, true),
    // The lines above add up to what is charged; the rest of a typed amount is not taken.
    q.changeMinor > 0 &&
      h(
        'p',
        { class: 'muted', 'data-testid': 'quote-not-charged' },
        `${t('buy.notCharged', { asked: money(q.chargeMinor + q.changeMinor, q.currency) })}: ${money(q.changeMinor, q.currency)}`,
      ),
    form(
      [field(t('buy.payer'), payer), field(t('buy.provider'), provider)],
      t('buy.pay', { amount: money(q.chargeMinor, q.currency) }),
      async () => {
        const p = await api.buy(
          {
            meterId: m.id,
            method: provider.value as 'momo' | 'airtel',
            amount: { amountMinor: q.chargeMinor, currency: q.currency },
            msisdn: payer.value.trim(),
          },
          key,
        );
        waitScreen(p, payer.value.trim());
      },
    ),
  );
}

function waitScreen(p: PurchaseJson, phone: string) {
  redraw = () => waitScreen(p, phone);
  if (p.status === 'paid') return tokenScreen(p);
  const amount = money(p.amount.amountMinor, p.amount.currency);
  if (p.status === 'failed') {
    show(
      h(
        'section',
        { class: 'panel' },
        h('h1', {}, t('buy.heading', { meter: p.meterNumber })),
        h(
          'p',
          { class: 'error', role: 'alert' },
          t('pay.failed', { reason: t(`pay.failure.${paymentFailureKind(p.failureReason)}`) }),
        ),
        h('button', { type: 'button', class: 'primary', onclick: () => void home() }, t('buy.back')),
      ),
    );
    return;
  }
  show(
    h(
      'section',
      { class: 'panel center' },
      h('h1', {}, t('buy.heading', { meter: p.meterNumber })),
      h('div', { class: 'spinner', 'aria-hidden': 'true' }),
      h('p', { class: 'big', role: 'status' }, t('pay.waiting', { amount })),
      h('p', { class: 'muted mono' }, phone),
      // Leaving does not cancel: the payment still settles and its token shows in the history.
      h('button', { type: 'button', class: 'link-dark', onclick: () => void home() }, t('buy.back')),
    ),
  );
  const mine = screen;
  const poll = async () => {
    if (screen !== mine) return;
    try {
      const next = await api.purchase(p.id);
      if (screen !== mine) return;
      if (next.status !== 'pending') return waitScreen(next, phone);
    } catch {
      // a dropped connection: keep asking
    }
    setTimeout(poll, 1500);
  };
  setTimeout(poll, 1000);
}

function tokenScreen(p: PurchaseJson) {
  redraw = () => tokenScreen(p);
  const token = p.token ?? '';
  const copied = h('span', { class: 'copied', role: 'status' });
  show(
    h(
      'section',
      { class: 'panel center' },
      h('h1', {}, t('token.heading')),
      h(
        'p',
        { class: 'token', 'data-testid': 'token', 'aria-label': token },
        ...groupToken(token).map((g) => h('span', {}, g)),
      ),
      h(
        'p',
        { class: 'big' },
        t('token.units', {
          units: kwh(p.unitsTenths ?? 0),
          amount: money(p.amount.amountMinor, p.amount.currency),
        }),
      ),
      h('p', { class: 'muted' }, t('token.enter')),
      h(
        'div',
        { class: 'row-center' },
        h(
          'button',
          {
            type: 'button',
            class: 'primary',
            onclick: async () => {
              await navigator.clipboard?.writeText(token).catch(() => undefined);
              copied.textContent = t('token.copied');
            },
          },
          t('token.copy'),
        ),
        copied,
      ),
      h('button', { type: 'button', class: 'link-dark', onclick: () => void home() }, t('buy.back')),
    ),
  );
}

function applyLanguage() {
  document.documentElement.lang = locale;
  langSelect.value = locale;
  for (const el of document.querySelectorAll<HTMLElement>('[data-i18n]'))
    el.textContent = t(el.dataset.i18n as MessageKey);
}

langSelect.addEventListener('change', () => {
  locale = pickLocale(langSelect.value, []);
  localStorage.setItem(LANG_KEY, locale);
  applyLanguage();
  redraw();
});
signOutButton.addEventListener('click', async () => {
  await api.signOut().catch(() => undefined);
  signedOut();
});

applyLanguage();
// The header names the vendor, not the product: the organization's own name once known.
void api
  .vendor()
  .then(({ name, timeZone }) => {
    if (timeZone && timeZone !== vendorZone) {
      vendorZone = timeZone;
      redraw();
    }
    const title = document.getElementById('title');
    if (!title || !name) return;
    title.removeAttribute('data-i18n');
    title.textContent = name;
    vendorName = name;
  })
  .catch(() => undefined);
if (sessionStorage.getItem(SESSION_KEY)) void home();
else signInScreen();
