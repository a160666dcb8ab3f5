import { defineFlow, type FlowContext, type Input, type StepResult } from '../../core/conversations/index.ts';
import { formatMoney, money } from '../../core/money/index.ts';
import { isAppError } from '../../platform/errors/index.ts';
import { activeMeterNumbered, lastTokenForPhone, rememberedMeter } from './phone-meters.ts';
import { kwhIn } from './prepaid.format.ts';
import { groupedToken } from './prepaid.notifications.ts';
import type { PrepaidRuntime } from './prepaid.runtime.ts';
import { prepaidUssdCatalog } from './prepaid.ussd.catalog.ts';
import { startPurchase } from './purchases.ts';
import { quoteFor } from './quotes.ts';
import { meterConsumption } from './readings.ts';

/** What a USSD session remembers between screens. */
type UssdChat = { meterId?: string; meterNumber?: string; currency?: string; totalMinor?: number };
type F = FlowContext<UssdChat, PrepaidRuntime>;
type Result = StepResult<UssdChat>;

/** The state that closes the session (`END`): the USSD channel's `USSD_END_STATE`. */
const END = 'end';
const screen = (text: string) => [{ kind: 'text' as const, text }];
const typed = (input: Input) => (input.kind === 'text' ? input.text.trim() : '');
const phoneOf = (f: F) => `+${f.contact.externalId.replace(/\D/g, '')}`;
const price = (f: F, minor: number, currency: string) => formatMoney(money(minor, currency), f.language);

const menu = (f: F): Result => ({ reply: screen(f.t('ussd.menu')), next: 'menu', context: {} });
const done = (f: F, key: string, params: Record<string, string> = {}): Result => ({
  reply: screen(f.t(key, params)),
  next: END,
  context: {},
});
/** A refusal the person can read (no tariff, too little money), closing the session; else rethrown. */
function refusal(f: F, err: unknown): Result {
  if (!isAppError(err)) throw err;
  return { reply: screen(f.errorMessage(err)), next: END, context: {} };
}

async function askAmount(f: F, meter: { id: string; number: string }): Promise<Result> {
  try {
    const q = await quoteFor(f.ctx, meter.id, { unitsTenths: 10 });
    return {
      reply: screen(f.t('ussd.askAmount', { meter: meter.number, currency: q.currency })),
      next: 'amount',
      context: { meterId: meter.id, meterNumber: meter.number, currency: q.currency },
    };
  } catch (err) {
    return refusal(f, err);
  }
}

async function chooseFromMenu(input: Input, f: F): Promise<Result> {
  switch (typed(input)) {
    case '1': {
      const known = await rememberedMeter(f.ctx, phoneOf(f));
      if (!known) return { reply: screen(f.t('ussd.askMeter')), next: 'meter', context: {} };
      return {
        reply: screen(f.t('ussd.knownMeter', { meter: known.number })),
        next: 'known',
        context: { meterId: known.id, meterNumber: known.number },
      };
    }
    case '2':
      return lastToken(f);
    case '3':
      return balance(f);
    case '4':
      return { reply: screen(f.t('ussd.language')), next: 'language', context: {} };
    default:
      return menu(f);
  }
}

async function lastToken(f: F): Promise<Result> {
  const t = await lastTokenForPhone(f.ctx, phoneOf(f));
  if (!t) return done(f, 'ussd.noToken');
  return done(f, 'ussd.lastToken', {
    meter: t.number,
    token: groupedToken(t.token),
    units: kwhIn(t.units_tenths, f.language),
    amount: price(f, Number(t.amount_minor), t.currency.trim()),
  });
}

async function balance(f: F): Promise<Result> {
  const meter = await rememberedMeter(f.ctx, phoneOf(f));
  if (!meter) return done(f, 'ussd.noMeterKnown');
  const b = await meterConsumption(f.ctx, meter.id);
  return done(f, b.estimated ? 'ussd.estimatedBalance' : 'ussd.balance', {
    meter: meter.number,
    balance: kwhIn(b.balanceTenths, f.language),
    days: b.daysLeft !== null ? f.t('ussd.days', { days: String(b.daysLeft) }) : '',
  });
}

async function quote(input: Input, f: F): Promise<Result> {
  const { meterId, meterNumber, currency } = f.context;
  if (!meterId || !meterNumber || !currency) return menu(f);
  const amount = typed(input).replace(/[\s,.]/g, '');
  if (!/^\d{1,9}$/.test(amount)) return { reply: screen(f.t('ussd.badAmount')) };
  try {
    const q = await quoteFor(f.ctx, meterId, { amountMinor: Number(amount) });
    if (q.unitsTenths <= 0) return { reply: screen(f.t('ussd.badAmount')) };
    const lines = [
      f.t('ussd.quote', {
        units: kwhIn(q.unitsTenths, f.language),
        total: price(f, q.totalMinor, currency),
        energy: price(f, q.energyMinor, currency),
        fee: price(f, q.feeMinor, currency),
        tax: price(f, q.taxMinor, currency),
      }),
      ...(q.changeMinor > 0 ? [f.t('ussd.change', { change: price(f, q.changeMinor, currency) })] : []),
      f.t('ussd.payOptions'),
    ];
    return {
      reply: screen(lines.join('\n')),
      next: 'confirm',
      context: { ...f.context, totalMinor: q.totalMinor },
    };
  } catch (err) {
    return refusal(f, err);
  }
}

/** A new session (the gateway's first screen, `menu`) starts at the menu whatever state the last one left. */
const session =
  (handler: (input: Input, f: F) => Promise<Result>) =>
  (input: Input, f: F): Promise<Result> =>
    input.kind === 'choice' && input.id === 'menu' ? Promise.resolve(menu(f)) : handler(input, f);

/** MoMo or Airtel asks this phone to pay; the token goes to it by SMS once paid (`queueTokenSms`). */
async function pay(input: Input, f: F): Promise<Result> {
  const { meterId, currency, totalMinor } = f.context;
  if (!meterId || !currency || !totalMinor) return menu(f);
  const choice = typed(input);
  if (choice === '0') return done(f, 'ussd.cancelled');
  if (choice !== '1' && choice !== '2') return { reply: screen(f.t('ussd.payOptions')) };
  try {
    await startPurchase(f.ctx, f.rt, {
      meterId,
      method: choice === '1' ? 'momo' : 'airtel',
      amountMinor: totalMinor,
      currency,
      msisdn: phoneOf(f),
      source: 'chat',
      language: f.language,
      idempotencyKey: `prepaid.ussd:${f.messageId}`,
    });
  } catch (err) {
    return refusal(f, err);
  }
  return done(f, 'ussd.approve', { total: price(f, totalMinor, currency) });
}

/**
 * Buying electricity from any phone by USSD (issue 52): menu → meter (the phone's remembered one, or
 * typed) → amount → the quote as the counter shows it → MoMo or Airtel asks this phone to pay → the
 * token by SMS; also the last token and the balance. Each screen is one step of the conversation
 * engine, answered inline by the USSD channel; the `end` state closes the session.
 */
export const prepaidUssdFlow = (rt: PrepaidRuntime) =>
  defineFlow<UssdChat, PrepaidRuntime>({
    name: 'prepaid-ussd',
    rt,
    initial: 'menu',
    defaultOn: ['ussd'],
    catalog: prepaidUssdCatalog,
    states: {
      menu: session(chooseFromMenu),
      // A digit on the language list is the engine's language choice (`lang:<code>`, mapped by the USSD
      // channel): the engine sets it and shows this prompt, the menu in the new language; the next
      // digit is read as the menu's.
      language: {
        handle: async (input, f) => (input.kind === 'choice' ? menu(f) : chooseFromMenu(input, f)),
        prompt: (f) => screen(f.t('ussd.menu')),
      },
      known: session(async (input, f) => {
        const { meterId, meterNumber } = f.context;
        if (typed(input) === '1' && meterId && meterNumber)
          return askAmount(f, { id: meterId, number: meterNumber });
        if (typed(input) === '2') return { reply: screen(f.t('ussd.askMeter')), next: 'meter', context: {} };
        return menu(f);
      }),
      meter: session(async (input, f) => {
        const number = typed(input).toUpperCase();
        if (!/^[A-Z0-9-]{3,40}$/.test(number)) return { reply: screen(f.t('ussd.askMeter')) };
        const meter = await activeMeterNumbered(f.ctx, number);
        if (!meter) return { reply: screen(f.t('ussd.noMeter', { meter: number })) };
        return askAmount(f, meter);
      }),
      amount: session(quote),
      confirm: session(pay),
      // A new session after the last one closed starts at the menu.
      [END]: async (_input, f) => menu(f),
    },
  });
