import { defineFlow, type Input, type StepResult } from '../../core/conversations/index.ts';
import { raffleAndAvailability } from './availability.ts';
import {
  buyerOf,
  cancelFromChat,
  currentOrder,
  myTickets,
  nothingToConfirm,
  orderInReview,
  proofFromChat,
  reserveFromChat,
  showLiveOrder,
} from './flow-actions.ts';
import {
  type F,
  menu,
  paymentInstructions,
  type RaffleChat,
  raffleDetails,
  raffleList,
  say,
} from './flow-replies.ts';
import { openRaffles } from './open-raffles.ts';
import { proofUnderReview } from './order-proof.ts';
import { raffleCatalog } from './raffle.catalog.ts';
import { parseNumberList, parseRandomRequest, RANDOM_WORDS } from './raffle.rules.ts';
import type { RaffleRuntime } from './raffle.runtime.ts';

type Result = StepResult<RaffleChat>;

/** Words anywhere in the chat; the menu buttons carry the same ids, so a tap and a word meet here. */
async function common(input: Input, f: F): Promise<Result | null> {
  if (input.kind === 'media') return proofFromChat(f, input);
  if (input.kind !== 'choice') return null;
  if (input.id === 'menu') return { reply: [menu(f)], next: 'menu', context: {} };
  if (input.id === 'help') return { reply: [say(f, 'help'), menu(f)], next: 'menu', context: {} };
  if (input.id === 'mine') return { ...(await myTickets(f)), next: 'menu', context: {} };
  if (input.id === 'raffles') return showList(f);
  // The list's "more" row, or the word: the next page of the list last shown (else its start).
  if (input.id === 'more')
    return showList(f, { offset: f.context.listNext ?? 0, search: f.context.listSearch });
  if (input.id.startsWith('raffle:')) return showRaffle(f, input.id.slice('raffle:'.length));
  return null;
}

async function showList(f: F, page: { offset?: number; search?: string | undefined } = {}): Promise<Result> {
  const { reply, context } = await raffleList(f, {
    ...(page.offset ? { offset: page.offset } : {}),
    ...(page.search ? { search: page.search } : {}),
  });
  return { reply, next: context.raffleIds?.length ? 'browsing' : 'menu', context };
}

/** The raffle a typed number names: on the page shown, else at that place in the whole list. */
async function numbered(f: F, n: number): Promise<string | undefined> {
  const onPage = f.context.raffleIds?.[n - 1 - (f.context.listOffset ?? 0)];
  if (onPage) return onPage;
  const search = f.context.listSearch;
  const { raffles } = await openRaffles(f.ctx, { offset: n - 1, limit: 1, ...(search ? { search } : {}) });
  return raffles[0]?.id;
}

async function showRaffle(f: F, raffleId: string): Promise<Result> {
  const shown = await raffleAndAvailability(f.ctx, raffleId).catch(() => null);
  if (shown?.raffle.status !== 'selling') return showList(f);
  // "aleatorio 2" was asked before a raffle was chosen: this is the raffle.
  if (f.context.pickRandom) return reserveFromChat(f, raffleId, { random: f.context.pickRandom });
  // "3, 13, 21" typed at the menu while several raffles sell: these numbers, of the raffle chosen.
  if (f.context.pickNumbers) return reserveFromChat(f, raffleId, { numbers: f.context.pickNumbers });
  return {
    reply: [raffleDetails(f, shown.raffle, shown.availability)],
    next: 'picking',
    context: { raffleId },
  };
}

/** What the picking state asks again (after a language switch): the raffle's details. */
async function pickingPrompt(f: F) {
  if (!f.context.raffleId) return [menu(f)];
  const { raffle, availability } = await raffleAndAvailability(f.ctx, f.context.raffleId);
  return [raffleDetails(f, raffle, availability)];
}

/** Typed numbers or "random N" (or the Random button) → a hold; an existing live order is shown instead. */
async function pick(input: Input, f: F): Promise<Result | null> {
  const raffleId = f.context.raffleId;
  if (!raffleId) return null;
  const typed = input.kind === 'text' ? input.text : '';
  const random = input.kind === 'choice' && input.id === 'random' ? 1 : parseRandomRequest(typed);
  const numbers = random === null ? parseNumberList(typed) : null;
  if (random === null && numbers === null) return null;
  return reserveFromChat(f, raffleId, random !== null ? { random } : { numbers: numbers! });
}

/**
 * A pick typed before choosing a raffle ("aleatorio 2", or numbers as people type them: "3, 13, 21",
 * "#7"; issue 66): from the raffle the chat is about, else the one raffle selling, else the list, and
 * the raffle then chosen takes the pick, exactly as choosing it first and typing them would.
 */
async function pickBeforeRaffle(input: Input, f: F): Promise<Result | null> {
  const typed = input.kind === 'text' ? input.text : '';
  const random = parseRandomRequest(typed);
  const numbers = random === null ? parseNumberList(typed) : null;
  if (random === null && numbers === null) return null;
  const pick = random !== null ? { random } : { numbers: numbers! };
  const { raffles, total } = await openRaffles(f.ctx, { offset: 0, limit: 1 });
  if (total === 1 && raffles[0]) return reserveFromChat(f, raffles[0].id, pick);
  const shown = await showList(f);
  const kept = random !== null ? { pickRandom: random } : { pickNumbers: numbers! };
  return shown.context?.raffleIds?.length ? { ...shown, context: { ...shown.context, ...kept } } : shown;
}

async function confirm(f: F): Promise<Result> {
  const order = await currentOrder(f);
  if (!order) return nothingToConfirm(f);
  // The proof already sent: "confirmar" again is told it is being checked, not how to pay again.
  if (await proofUnderReview(f.ctx, order.id)) return orderInReview(f, order);
  return {
    reply: [await paymentInstructions(f, order)],
    next: 'proof',
    context: { raffleId: order.raffleId, orderId: order.id },
  };
}

/** Confirm / cancel of the live order, from any state where an order is being discussed. */
async function orderChoice(input: Input, f: F): Promise<Result | null> {
  if (input.kind !== 'choice') return null;
  if (input.id === 'confirm') return confirm(f);
  if (input.id === 'cancel') return cancelFromChat(f);
  return null;
}

/**
 * The raffle bot: menu → open raffles → details → numbers (typed or random) → order summary with
 * the hold countdown → confirm → payment instructions → proof photo/PDF → under review.
 */
export const raffleFlow = (rt: RaffleRuntime) =>
  defineFlow<RaffleChat, RaffleRuntime>({
    name: 'raffle',
    rt,
    initial: 'menu',
    catalog: raffleCatalog,
    // Buyers write on WhatsApp unless the organization names another flow there.
    defaultOn: ['whatsapp'],
    languageClues: {
      en: ['raffle', 'raffles', 'ticket', 'tickets'],
      es: ['rifa', 'rifas', 'boleto', 'boletos'],
    },
    keywords: {
      menu: { en: ['menu', 'hi', 'hello', 'start'], es: ['menu', 'hola', 'inicio'] },
      raffles: { en: ['raffles', 'browse', 'see raffles'], es: ['rifas', 'ver', 'ver rifas'] },
      mine: { en: ['my tickets', 'tickets', 'my orders'], es: ['mis boletos', 'boletos', 'mis pedidos'] },
      help: { en: ['help'], es: ['ayuda'] },
      more: { en: ['more', 'more raffles', 'next'], es: ['más', 'más rifas', 'siguiente'] },
      confirm: { en: ['confirm'], es: ['confirmar'] },
      cancel: { en: ['cancel'], es: ['cancelar'] },
      back: { en: ['back'], es: ['volver'] },
      random: { en: [...RANDOM_WORDS.en], es: [...RANDOM_WORDS.es] },
      skip: { en: ['skip'], es: ['saltar'] },
    },
    states: {
      menu: async (input, f) =>
        (await common(input, f)) ??
        (await orderChoice(input, f)) ??
        (await pickBeforeRaffle(input, f)) ?? { reply: [menu(f)], context: {} },
      browsing: {
        handle: async (input, f) => {
          const found = await common(input, f);
          if (found) return found;
          const typed = input.kind === 'text' ? input.text.trim() : '';
          // One plain number answers the list (its row); several, or "#7", are the tickets wanted.
          const n = /^\d+$/.test(typed) ? Number(typed) : Number.NaN;
          if (Number.isInteger(n) && n > 0) {
            const id = await numbered(f, n);
            return id ? showRaffle(f, id) : showList(f);
          }
          const picked = await pickBeforeRaffle(input, f);
          if (picked) return picked;
          // Any other words: the raffles whose name has them.
          return showList(f, typed && !parseNumberList(typed) ? { search: typed } : {});
        },
        prompt: async (f) =>
          (
            await raffleList(f, {
              ...(f.context.listOffset ? { offset: f.context.listOffset } : {}),
              ...(f.context.listSearch ? { search: f.context.listSearch } : {}),
            })
          ).reply,
      },
      picking: {
        handle: async (input, f) => {
          if (input.kind === 'choice' && input.id === 'back') return showList(f);
          const found = (await common(input, f)) ?? (await pick(input, f)) ?? (await orderChoice(input, f));
          return found ?? { reply: [say(f, 'error.pick')] };
        },
        prompt: pickingPrompt,
      },
      confirming: {
        handle: async (input, f) => {
          const found = (await orderChoice(input, f)) ?? (await common(input, f));
          if (found) return found;
          // A second tap or another pick while the hold is live: show the order, never make a second one.
          const order = await currentOrder(f);
          if (!order) return (await pick(input, f)) ?? nothingToConfirm(f);
          return showLiveOrder(f, order);
        },
      },
      proof: {
        handle: async (input, f) => {
          const found = (await common(input, f)) ?? (await orderChoice(input, f));
          if (found) return found;
          if (input.kind === 'choice' && input.id === 'skip')
            return { reply: [menu(f)], next: 'menu', context: {} };
          await buyerOf(f);
          return { reply: [say(f, 'proof.ask')] };
        },
        prompt: (f) => [say(f, 'proof.ask')],
      },
    },
  });
