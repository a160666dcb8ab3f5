import { h } from '../../../../web/kit/dom.ts';
import type { PortalMeJson, PortalMeterJson, PurchaseJson } from '../browser.ts';
import { type PortalApi, PortalError, portalApi } from './api.ts';
import { dateIn, formatMoney, kwh as kwhOf } from './format.ts';
import { type MessageKey, type PortalLocale, translate } from './i18n.ts';

/** Where the sign-in code went, as the next sign-in screen says it. */
export interface CodeSent {
  phone: string;
  meter: string;
  undeliverable: string[];
}

/** The portal's screens, each in its own file: a screen moves to another only through these. */
export interface Screens {
  signIn(sent?: CodeSent): void;
  signUp(sent?: { phone: string; meter: string }): void;
  home(notice?: string): Promise<void>;
  buy(meter: PortalMeterJson, me: PortalMeJson, mode?: 'amount' | 'units'): void;
  waitForPayment(purchase: PurchaseJson, phone: string): void;
  token(purchase: PurchaseJson): void;
}

/**
 * The one portal of the page, handed to every screen: its API, its words in the reader's language,
 * how it shows a screen, and what it knows about the seller. Its state (the language, the seller's
 * name and time zone, the screen on show) changes only through these methods.
 */
export interface Portal {
  api: PortalApi;
  go: Screens;
  t(key: MessageKey, vars?: Record<string, string>): string;
  locale(): PortalLocale;
  setLocale(locale: PortalLocale): void;
  /** Minor units in the reader's digits with the currency's code. */
  money(minor: number, currency: string): string;
  /** kWh and days in the reader's digits ("11,4" in French and Kinyarwanda, issue 54 item 11). */
  kwh(tenths: number): string;
  /** A purchase's day on the operator's clock, in the reader's words ("26 Ugushyingo 2026"). */
  day(iso: string): string;
  /** The seller, once the server said who it is: the tab's title names it, its time zone dates purchases. */
  setVendor(vendor: { name: string; timeZone: string }): void;
  /** Shows a screen; `redraw` draws it again (after a language change). Returns the screen's number. */
  show(redraw: () => void, ...children: Node[]): number;
  /** Whether the screen `show` numbered is still the one on show (a poll of a screen that is gone stops). */
  showing(screen: number): boolean;
  redraw(): void;
  /** Signs in with the session the server gave (the tab keeps it), or forgets it and asks again. */
  signedIn(session: string): void;
  signedOut(): void;
  isSignedIn(): boolean;
  errorText(err: unknown): string;
  /** A form whose submit runs `work`, with the button busy meanwhile and any refusal shown in it. */
  form(fields: Node[], submitLabel: string, work: () => Promise<void>): HTMLFormElement;
  field(label: string, input: HTMLElement): HTMLElement;
  input(attrs: Record<string, string | boolean>): HTMLInputElement;
}

/** What the page gives the portal: its organization, where screens go, and where the session is kept. */
export interface PortalPage {
  org: string;
  main: HTMLElement;
  signOutButton: HTMLElement;
  sessions: Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;
  /** The language saved on this phone, or the browser's. */
  locale: PortalLocale;
}

/** A form whose submit runs `work`, with the button busy meanwhile; a refusal shows in it, a lost session signs out. */
function portalForm(p: Portal, fields: Node[], submitLabel: string, work: () => Promise<void>) {
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
      if (err instanceof PortalError && err.status === 401) return p.signedOut();
      error.textContent = p.errorText(err);
    } finally {
      submit.disabled = false;
    }
  });
  return el;
}

type Typed = HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement;
const TYPED =
  'input[name]:not([type=checkbox]):not([type=radio]):not([type=hidden]), select[name], textarea[name]';

/**
 * Draws the screen again (a language chosen, the seller's time zone arrived) keeping what the person
 * has typed in it, field by field name, and where the cursor was: a redraw that wiped a half-typed
 * phone number would leave a customer on a slow line pressing a button that does nothing.
 */
function keepingTyped(main: HTMLElement, draw: () => void): void {
  const typed = new Map<string, string>();
  for (const field of main.querySelectorAll<Typed>(TYPED))
    if (field.value) typed.set(field.name, field.value);
  const focused = main.contains(document.activeElement) ? (document.activeElement as Typed).name : undefined;
  draw();
  for (const field of main.querySelectorAll<Typed>(TYPED)) {
    const value = typed.get(field.name);
    if (value !== undefined && !field.value) field.value = value;
    if (focused && field.name === focused) field.focus();
  }
}

/** Builds the page's portal; `screens` receives it and returns the screens bound to it. */
export function createPortal(page: PortalPage, screens: (portal: Portal) => Screens): Portal {
  const sessionKey = `opsdesk.portal.${page.org}.session`;
  let locale = page.locale;
  let vendorName = '';
  let vendorZone = 'UTC';
  let redraw: () => void = () => undefined;
  let screen = 0;
  /** The screens, bound to this portal once it exists (they call back into it). */
  let go: Screens | undefined;

  const t = (key: MessageKey, vars?: Record<string, string>) => translate(locale, key, vars);
  const errorText = (err: unknown) =>
    err instanceof PortalError
      ? err.status === 0
        ? t('error.network')
        : err.message || t('error.generic')
      : t('error.generic');

  const portal: Portal = {
    api: portalApi(
      page.org,
      () => page.sessions.getItem(sessionKey),
      () => locale,
    ),
    get go() {
      if (!go) throw new Error('the portal is still being built: its screens come last');
      return go;
    },
    t,
    locale: () => locale,
    setLocale: (next) => {
      locale = next;
    },
    money: (minor, currency) => formatMoney(minor, currency, locale),
    kwh: (tenths) => kwhOf(tenths, locale),
    day: (iso) => dateIn(iso, locale, vendorZone),
    setVendor: ({ name, timeZone }) => {
      vendorName = name;
      if (timeZone && timeZone !== vendorZone) {
        vendorZone = timeZone;
        keepingTyped(page.main, redraw);
      }
    },
    show: (draw, ...children) => {
      redraw = draw;
      screen += 1;
      page.main.replaceChildren(...children);
      const heading = page.main.querySelector('h1');
      if (heading) document.title = `${heading.textContent} · ${vendorName || t('app.title')}`;
      return screen;
    },
    showing: (number) => number === screen,
    redraw: () => keepingTyped(page.main, redraw),
    signedIn: (session) => {
      page.sessions.setItem(sessionKey, session);
      page.signOutButton.hidden = false;
    },
    signedOut: () => {
      page.sessions.removeItem(sessionKey);
      page.signOutButton.hidden = true;
      portal.go.signIn();
    },
    isSignedIn: () => page.sessions.getItem(sessionKey) !== null,
    errorText,
    form: (fields, submitLabel, work) => portalForm(portal, fields, submitLabel, work),
    field: (label, input) => h('label', {}, h('span', {}, label), input),
    input: (attrs) => h('input', attrs) as HTMLInputElement,
  };
  go = screens(portal);
  return portal;
}
