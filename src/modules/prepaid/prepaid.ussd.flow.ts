import { defineFlow, type FlowContext, type Input, type StepResult } from '../../core/conversations/index.ts';
import { createI18n, LOCALES, type Locale } from '../../core/i18n/index.ts';
import { type AppError, isAppError } from '../../platform/errors/index.ts';
import {
  accountLanguageOfPhone,
  activeMeterNumbered,
  lastTokenForPhone,
  rememberedMeter,
} from './phone-meters.ts';
import { kwhIn, moneyIn, numberIn } from './prepaid.format.ts';
import { groupedToken } from './prepaid.notifications.ts';
import type { PrepaidRuntime } from './prepaid.runtime.ts';
import { prepaidUssdCatalog } from './prepaid.ussd.catalog.ts';
import { invalidThen, type Say, ussdScreens, withNav } from './prepaid.ussd.screens.ts';
import { startPurchase } from './purchases.ts';
import { quoteFor } from './quotes.ts';
import { meterConsumption } from './readings.ts';
import { saleProblem } from './sale.rules.ts';

/** What one screen of the session was: its state and what it remembered, to go back to it. */
type Snapshot = { state: string; context: Omit<UssdChat, 'trail'> };
/** What a USSD session remembers between screens. */
type UssdChat = {
  /** The session's language when it is not the conversation's: the account's, for a phone never asked. */
  lang?: Locale;
  /** The text of the screen shown (without its "0 back 00 home" line), shown again on an invalid input. */
  screen?: string;
  meterId?: string;
  meterNumber?: string;
  currency?: string;
  totalMinor?: number;
  /** The screens before this one, the last on top: "0" goes back to it. */
  trail?: Snapshot[];
};
type F = FlowContext<UssdChat, PrepaidRuntime>;
type Result = StepResult<UssdChat>;
type Fields = Omit<UssdChat, 'lang' | 'screen' | 'trail'>;

/** The state that closes the session (`END`): the USSD channel's `USSD_END_STATE`. */
const END = 'end';
const MENU = 'menu';
/** The first screen of a session, as the USSD channel sends it (`USSD_FIRST_SCREEN*` in ussd.rules.ts). */
const FIRST_SCREEN = 'menu';
const FIRST_SCREEN_NO_LANGUAGE = 'menu:new-language';
const NAMESPACE = 'prepaid-ussd';
const i18n = createI18n({ catalogs: { [NAMESPACE]: prepaidUssdCatalog } });

const screen = (text: string) => [{ kind: 'text' as const, text }];
const typed = (input: Input) => (input.kind === 'text' ? input.text.trim() : '');
const phoneOf = (f: F) => `+${f.contact.externalId.replace(/\D/g, '')}`;
/** The session's language: the account's when the phone never chose one, else the conversation's. */
const langOf = (f: F): Locale => f.context.lang ?? f.language;
const sayIn =
  (f: F): Say =>
  (key, params) =>
    f.context.lang && f.context.lang !== f.language
      ? i18n.t(f.context.lang, `${NAMESPACE}:${key}`, params)
      : f.t(key, params);
const refusalText = (f: F, err: AppError) =>
  f.context.lang && f.context.lang !== f.language
    ? i18n.errorMessage(f.context.lang, err, [NAMESPACE, 'core'])
    : f.errorMessage(err);
const price = (f: F, minor: number, currency: string) => moneyIn(minor, currency, langOf(f));
const keep = (f: F) => (f.context.lang ? { lang: f.context.lang } : {});

/** A screen that waits for an input, in state `next`; "0" on it goes back to the screen before. */
function ask(f: F, next: string, text: string, fields: Fields = {}): Result {
  const { trail = [], ...here } = f.context;
  const before =
    f.state === END || f.state === 'language' || !here.screen ? [] : [{ state: f.state, context: here }];
  return {
    reply: screen(next === MENU ? text : withNav(sayIn(f), text)),
    next,
    context: { ...keep(f), ...fields, screen: text, trail: next === MENU ? [] : [...trail, ...before] },
  };
}
/** The screen shown again after an input it cannot read, saying so; or `text` (a hint) before it. */
function again(f: F, text?: string): Result {
  const shown = f.context.screen ?? ussdScreens.menu(sayIn(f));
  const body = text ? `${text}\n${shown}` : invalidThen(sayIn(f), shown);
  return { reply: screen(f.state === MENU ? body : withNav(sayIn(f), body)) };
}
const menu = (f: F): Result => ask(f, MENU, ussdScreens.menu(sayIn(f)));
/** "0": the screen before this one, as it was. */
function back(f: F): Result {
  const trail = f.context.trail ?? [];
  const last = trail.at(-1);
  if (!last?.context.screen) return menu(f);
  const text = last.context.screen;
  return {
    reply: screen(last.state === MENU ? text : withNav(sayIn(f), text)),
    next: last.state,
    context: { ...last.context, ...keep(f), trail: trail.slice(0, -1) },
  };
}
const done = (f: F, text: string): Result => ({ reply: screen(text), next: END, context: keep(f) });
/** A refusal the person can read (no tariff), closing the session; else rethrown. */
function refusal(f: F, err: unknown): Result {
  if (!isAppError(err)) throw err;
  return done(f, refusalText(f, err));
}

async function askAmount(f: F, meter: { id: string; number: string }): Promise<Result> {
  try {
    const q = await quoteFor(f.ctx, meter.id, { unitsTenths: 10 });
    return ask(f, 'amount', ussdScreens.askAmount(sayIn(f), meter.number, q.currency), {
      meterId: meter.id,
      meterNumber: meter.number,
      currency: q.currency,
    });
  } catch (err) {
    return refusal(f, err);
  }
}

async function chooseFromMenu(input: Input, f: F): Promise<Result> {
  const say = sayIn(f);
  switch (typed(input)) {
    case '1': {
      const known = await rememberedMeter(f.ctx, phoneOf(f));
      if (!known) return ask(f, 'meter', ussdScreens.askMeter(say));
      return ask(f, 'known', ussdScreens.knownMeter(say, known.number), {
        meterId: known.id,
        meterNumber: known.number,
      });
    }
    case '2':
      return lastToken(f);
    case '3':
      return balance(f);
    case '4': {
      // The language list, in the languages the organization speaks; the pick is the engine's, so the
      // account's language no longer speaks for the session.
      const list = ussdScreens.languages(LOCALES.filter((l) => f.organization.languages.includes(l)));
      return { reply: screen(withNav(say, list)), next: 'language', context: { screen: list } };
    }
    default:
      return again(f);
  }
}

async function lastToken(f: F): Promise<Result> {
  const t = await lastTokenForPhone(f.ctx, phoneOf(f));
  if (!t) return done(f, ussdScreens.noToken(sayIn(f)));
  return done(
    f,
    ussdScreens.lastToken(sayIn(f), {
      meter: t.number,
      token: groupedToken(t.token),
      units: kwhIn(t.units_tenths, langOf(f)),
      amount: price(f, Number(t.amount_minor), t.currency.trim()),
    }),
  );
}

async function balance(f: F): Promise<Result> {
  const meter = await rememberedMeter(f.ctx, phoneOf(f));
  if (!meter) return done(f, ussdScreens.noMeterKnown(sayIn(f)));
  const b = await meterConsumption(f.ctx, meter.id);
  return done(
    f,
    ussdScreens.balance(sayIn(f), {
      meter: meter.number,
      balance: kwhIn(b.balanceTenths, langOf(f)),
      days: b.daysLeft !== null ? numberIn(b.daysLeft, langOf(f)) : null,
      estimated: b.estimated,
    }),
  );
}

/**
 * The quote for the amount typed, or the amount asked again: only amounts in the meter's sale range
 * (`saleRangeFor`, what `startPurchase` takes) are quoted, and the range is what the screen says.
 */
async function quote(input: Input, f: F): Promise<Result> {
  const { meterId, meterNumber, currency } = f.context;
  if (!meterId || !meterNumber || !currency) return menu(f);
  const say = sayIn(f);
  const amount = typed(input).replace(/[\s,.]/g, '');
  try {
    const q = await quoteFor(
      f.ctx,
      meterId,
      /^\d{1,9}$/.test(amount) ? { amountMinor: Number(amount) } : { unitsTenths: 0 },
    );
    const problem = /^\d{1,9}$/.test(amount) ? saleProblem(q) : 'amount_too_small';
    if (problem === 'units_too_many')
      return again(f, ussdScreens.tooMuch(say, price(f, q.maxMinor, currency)));
    if (problem)
      return again(
        f,
        ussdScreens.badAmount(say, price(f, q.minMinor, currency), price(f, q.maxMinor, currency)),
      );
    const text = ussdScreens.quote(say, {
      units: kwhIn(q.unitsTenths, langOf(f)),
      total: price(f, q.chargeMinor, currency),
      energy: price(f, q.energyMinor, currency),
      fee: price(f, q.feeMinor, currency),
      tax: price(f, q.taxMinor, currency),
      change: q.changeMinor > 0 ? price(f, q.changeMinor, currency) : null,
    });
    return ask(f, 'confirm', text, { meterId, meterNumber, currency, totalMinor: q.chargeMinor });
  } catch (err) {
    return refusal(f, err);
  }
}

/** MoMo or Airtel asks this phone to pay; the token goes to it by SMS once paid (`queueTokenSms`). */
async function pay(input: Input, f: F): Promise<Result> {
  const { meterId, currency, totalMinor } = f.context;
  if (!meterId || !currency || !totalMinor) return menu(f);
  const choice = typed(input);
  if (choice !== '1' && choice !== '2') return again(f);
  try {
    await startPurchase(f.ctx, f.rt, {
      meterId,
      method: choice === '1' ? 'momo' : 'airtel',
      amountMinor: totalMinor,
      currency,
      msisdn: phoneOf(f),
      source: 'chat',
      language: langOf(f),
      idempotencyKey: `prepaid.ussd:${f.messageId}`,
    });
  } catch (err) {
    return refusal(f, err);
  }
  return done(f, ussdScreens.approve(sayIn(f), price(f, totalMinor, currency)));
}

/**
 * The first screen of a session: the menu, in the language of the account whose owner's phone this
 * is when the person never chose one on USSD (and the organization speaks it).
 */
async function firstScreen(input: Input, f: F): Promise<Result> {
  const fresh: F = { ...f, state: END, context: {} };
  if (input.kind !== 'choice' || input.id !== FIRST_SCREEN_NO_LANGUAGE) return menu(fresh);
  const account = await accountLanguageOfPhone(f.ctx, phoneOf(f));
  const lang = LOCALES.find((l) => l === account && f.organization.languages.includes(l));
  return menu(lang && lang !== f.language ? { ...fresh, context: { lang } } : fresh);
}

const isFirstScreen = (input: Input) =>
  input.kind === 'choice' && (input.id === FIRST_SCREEN || input.id === FIRST_SCREEN_NO_LANGUAGE);

/**
 * Every screen: the gateway's first screen starts at the menu whatever state the last session left;
 * "00" goes home (the menu) and "0" back (the screen before) from any screen that waits for an input.
 */
const session =
  (handler: (input: Input, f: F) => Promise<Result>) =>
  (input: Input, f: F): Promise<Result> => {
    if (isFirstScreen(input)) return firstScreen(input, f);
    if (typed(input) === '00') return Promise.resolve(menu(f));
    if (typed(input) === '0') return Promise.resolve(f.state === MENU ? menu(f) : back(f));
    return handler(input, f);
  };

/**
 * Buying electricity from any phone by USSD (issues 52, 65): menu → meter (the phone's remembered one,
 * or typed) → amount → the quote as the counter shows it → MoMo or Airtel asks this phone to pay → the
 * token by SMS; also the last token and the balance. Each screen is one step of the conversation
 * engine, answered inline by the USSD channel; the `end` state closes the session.
 */
export const prepaidUssdFlow = (rt: PrepaidRuntime) =>
  defineFlow<UssdChat, PrepaidRuntime>({
    name: 'prepaid-ussd',
    rt,
    initial: MENU,
    defaultOn: ['ussd'],
    catalog: prepaidUssdCatalog,
    states: {
      menu: session(chooseFromMenu),
      // A digit on the language list is the engine's language choice (`lang:<code>`, mapped by the USSD
      // channel): the engine sets it and shows this prompt, the menu in the new language; the next
      // digit is read as the menu's. Any other answer to the list comes as a choice the engine does
      // not take (`lang:<other>`): invalid, the list again.
      language: {
        handle: session(async (input, f) =>
          input.kind === 'choice' ? again(f) : chooseFromMenu(input, { ...f, state: MENU, context: keep(f) }),
        ),
        prompt: (f) => screen(ussdScreens.menu(sayIn(f))),
      },
      known: session(async (input, f) => {
        const { meterId, meterNumber } = f.context;
        if (typed(input) === '1' && meterId && meterNumber)
          return askAmount(f, { id: meterId, number: meterNumber });
        if (typed(input) === '2') return ask(f, 'meter', ussdScreens.askMeter(sayIn(f)));
        return again(f);
      }),
      meter: session(async (input, f) => {
        const number = typed(input).toUpperCase();
        if (!/^[A-Z0-9-]{3,40}$/.test(number)) return again(f);
        const meter = await activeMeterNumbered(f.ctx, number);
        if (!meter) return again(f, ussdScreens.noMeter(sayIn(f), number));
        return askAmount(f, meter);
      }),
      amount: session(quote),
      confirm: session(pay),
      // A new session after the last one closed starts at the menu.
      [END]: session(async (_input, f) => menu(f)),
    },
  });
