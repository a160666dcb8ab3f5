import { normalizePhone, readTypedPhone } from '../../core/contacts/index.ts';
import { defineFlow, type FlowContext, type Input, type StepResult } from '../../core/conversations/index.ts';
import { formatMoney, money } from '../../core/money/index.ts';
import { PaymentsErrors } from '../../core/payments/index.ts';
import { isAppError } from '../../platform/errors/index.ts';
import { prepaidCatalog } from './prepaid.catalog.ts';
import { kwhIn } from './prepaid.format.ts';
import type { PrepaidRuntime } from './prepaid.runtime.ts';
import { phoneCountryOf } from './prepaid.settings.ts';
import type { PrepaidTables } from './prepaid.tables.ts';
import { providerPhoneExample } from './provider-phone.rules.ts';
import { startPurchase } from './purchases.ts';
import { quoteFor } from './quotes.ts';
import { saleProblem } from './sale.rules.ts';

/** What the bot remembers between messages. */
type PrepaidChat = { meterId?: string; meterNumber?: string; currency?: string; totalMinor?: number };
type F = FlowContext<PrepaidChat, PrepaidRuntime>;
type Result = StepResult<PrepaidChat>;

const text = (t: string) => ({ kind: 'text' as const, text: t });
const price = (f: F, minor: number, currency: string) => formatMoney(money(minor, currency), f.language);
const start = (f: F, key = 'chat.askMeter'): Result => ({
  reply: [text(f.t(key))],
  next: 'meter',
  context: {},
});

/** A refusal the customer can read (unknown meter, no tariff, too little money), else rethrown. */
function refusal(f: F, err: unknown): Result {
  if (!isAppError(err)) throw err;
  return { reply: [text(f.errorMessage(err))] };
}

/** Anyone may buy for a meter number (as at a vending kiosk): the token goes to the payer's chat. */
async function pickMeter(input: Input, f: F): Promise<Result> {
  if (input.kind !== 'text') return start(f);
  const number = input.text.trim().toUpperCase();
  if (!/^[A-Z0-9-]{3,40}$/.test(number)) return start(f);
  const meter = await f.ctx.db
    .withTables<PrepaidTables>()
    .selectFrom('prepaid_meter')
    .select(['id', 'number'])
    .where('number', '=', number)
    .where('status', '=', 'active')
    .executeTakeFirst();
  if (!meter) return { reply: [text(f.t('chat.noMeter', { number }))] };
  try {
    const q = await quoteFor(f.ctx, meter.id, { unitsTenths: 10 });
    return {
      reply: [text(f.t('chat.askAmount', { number: meter.number, currency: q.currency }))],
      next: 'amount',
      context: { meterId: meter.id, meterNumber: meter.number, currency: q.currency },
    };
  } catch (err) {
    return refusal(f, err);
  }
}

async function quoteAmount(input: Input, f: F): Promise<Result> {
  const { meterId, meterNumber, currency } = f.context;
  if (!meterId || !meterNumber || !currency) return start(f);
  const typed = input.kind === 'text' ? input.text.replace(/[\s,]/g, '') : '';
  if (!/^\d{1,9}$/.test(typed)) return { reply: [text(f.t('chat.badAmount'))] };
  try {
    const q = await quoteFor(f.ctx, meterId, { amountMinor: Number(typed) });
    // The one range every sale takes (issue 66: a quote offered here that the purchase then refused).
    if (saleProblem(q))
      return {
        reply: [
          text(
            f.t('chat.outOfRange', {
              number: meterNumber,
              min: price(f, q.minMinor, currency),
              max: price(f, q.maxMinor, currency),
            }),
          ),
        ],
      };
    const total = price(f, q.totalMinor, currency);
    return {
      reply: [
        {
          kind: 'buttons',
          text: f.t('chat.quote', {
            number: meterNumber,
            total,
            units: kwhIn(q.unitsTenths, f.language),
            energy: price(f, q.energyMinor, currency),
            tax: price(f, q.taxMinor, currency),
            fee: price(f, q.feeMinor, currency),
          }),
          buttons: [
            { id: 'pay', title: f.t('chat.pay', { total }) },
            { id: 'cancel', title: f.t('chat.cancel') },
          ],
        },
      ],
      next: 'confirm',
      context: { ...f.context, totalMinor: q.totalMinor },
    };
  } catch (err) {
    return refusal(f, err);
  }
}

/**
 * Asks which number pays (`key`: the first ask, or again after what was no number), with an example
 * of the operator's country in both forms (issue 54, item 9: a Ugandan example in a Rwandan shop).
 */
async function askPayer(f: F, key: 'chat.askPayer' | 'chat.badPayer'): Promise<Result> {
  // An MTN number, the provider the chat asks (issue 66: the country's example was an Airtel one).
  const example = providerPhoneExample(await phoneCountryOf(f.ctx), 'momo');
  const words = example ? f.t(key, example) : f.t(`${key}International`);
  return { reply: [text(words)], next: 'payer', context: f.context };
}

/** The sender's own number when the chat is on one that can pay (a WhatsApp id is a phone number). */
const senderPhone = (f: F) =>
  f.channel === 'telegram' ? undefined : normalizePhone(`+${f.contact.externalId.replace(/\D/g, '')}`);

/**
 * Pay: a MoMo request to pay to the payer's number: on WhatsApp the sender's own, on Telegram (a
 * chat id is no phone) or from a number that cannot pay the one they type; the token comes back to
 * this chat. A number the provider refuses is asked for again, never read as an amount.
 */
async function pay(f: F, msisdn?: string): Promise<Result> {
  const { meterId, currency, totalMinor } = f.context;
  if (!meterId || !currency || !totalMinor) return start(f);
  const payer = msisdn ?? senderPhone(f);
  if (!payer) return askPayer(f, 'chat.askPayer');
  try {
    await startPurchase(f.ctx, f.rt, {
      meterId,
      method: 'momo',
      amountMinor: totalMinor,
      currency,
      msisdn: payer,
      source: 'chat',
      replyTo: {
        channel: f.channel === 'telegram' ? 'telegram' : 'whatsapp',
        to: f.contact.externalId,
        language: f.language,
      },
    });
  } catch (err) {
    if (PaymentsErrors.invalid_msisdn.is(err)) return askPayer(f, 'chat.badPayer');
    return refusal(f, err);
  }
  return {
    reply: [text(f.t('chat.approve', { total: price(f, totalMinor, currency) }))],
    next: 'meter',
    context: {},
  };
}

/**
 * The buying bot: meter number → amount → quote (units, energy, tax, fee) → Pay → MoMo prompt on
 * the sender's phone → the token message in this chat once the payment settles (purchases.ts).
 */
export const prepaidFlow = (rt: PrepaidRuntime) =>
  defineFlow<PrepaidChat, PrepaidRuntime>({
    name: 'prepaid',
    rt,
    initial: 'meter',
    catalog: prepaidCatalog,
    languageClues: {
      fr: ['compteur', 'electricite'],
      rw: ['umuriro', 'amashanyarazi', 'mubazi', 'tokeni'],
    },
    keywords: {
      menu: {
        en: ['menu', 'hi', 'hello', 'buy', 'start'],
        fr: ['bonjour', 'salut', 'acheter', 'commencer'],
        rw: ['muraho', 'mwaramutse', 'mwiriwe', 'gura', 'tangira'],
      },
      pay: {
        en: ['pay', 'yes', 'confirm'],
        fr: ['payer', 'oui', 'confirmer'],
        rw: ['ishyura', 'yego', 'emeza'],
      },
      cancel: { en: ['cancel', 'no', 'stop'], fr: ['annuler', 'non'], rw: ['hagarika', 'oya', 'reka'] },
    },
    states: {
      meter: async (input, f) =>
        input.kind === 'choice' && input.id === 'menu' ? start(f) : pickMeter(input, f),
      amount: async (input, f) => {
        if (input.kind === 'choice') return input.id === 'cancel' ? start(f, 'chat.cancelled') : start(f);
        return quoteAmount(input, f);
      },
      confirm: async (input, f) => {
        if (input.kind === 'choice' && input.id === 'pay') return pay(f);
        if (input.kind === 'choice' && input.id === 'cancel') return start(f, 'chat.cancelled');
        return quoteAmount(input, f);
      },
      // A local number (`0788 000 111`) is read in the operator's country (issue 54, item 9).
      payer: async (input, f) => {
        if (input.kind === 'choice') {
          if (input.id === 'cancel') return start(f, 'chat.cancelled');
          if (input.id === 'pay') return askPayer(f, 'chat.askPayer');
          return start(f);
        }
        const phone =
          input.kind === 'text' ? readTypedPhone(input.text, await phoneCountryOf(f.ctx)) : undefined;
        return phone ? pay(f, phone) : askPayer(f, 'chat.badPayer');
      },
    },
  });
