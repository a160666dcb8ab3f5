import { type FlowContext, fitText, type Output } from '../../core/conversations/index.ts';
import { formatDuration, type TranslationParams } from '../../core/i18n/index.ts';
import { formatMoney, money } from '../../core/money/index.ts';
import { availabilityOf } from './availability.ts';
import { holdUntil } from './hold-until.ts';
import { openRaffles } from './open-raffles.ts';
import type { OrderView } from './order-view.ts';
import type { AvailabilityJson } from './raffle.contract.ts';
import type { RaffleRuntime } from './raffle.runtime.ts';
import { raffleSettingsIn } from './raffle.settings.ts';
import { isCut, listRowTitles } from './raffle-list.rules.ts';
import type { RaffleView } from './raffle-view.ts';

/**
 * What the bot remembers between messages. The list on screen: its raffles (`raffleIds`, numbered
 * from `listOffset + 1`), the name searched for, and where the next page starts.
 */
export type RaffleChat = {
  raffleIds?: string[];
  listOffset?: number;
  listSearch?: string;
  listNext?: number;
  raffleId?: string;
  orderId?: string;
  /** "aleatorio 2" asked before a raffle was chosen: the raffle chosen next takes this many random numbers. */
  pickRandom?: number;
  /** Numbers typed before a raffle was chosen ("3, 13, 21" at the menu): the raffle chosen next takes them. */
  pickNumbers?: number[];
};
export type F = FlowContext<RaffleChat, RaffleRuntime>;

const text = (t: string): Output => ({ kind: 'text', text: t });
export const say = (f: F, key: string, params?: TranslationParams) => text(f.t(key, params));

export const price = (f: F, minor: number, currency: string) =>
  formatMoney(money(minor, currency), f.language);

export function menu(f: F): Output {
  return {
    kind: 'buttons',
    text: f.t('menu.text'),
    buttons: [
      { id: 'raffles', title: f.t('menu.raffles') },
      { id: 'mine', title: f.t('menu.mine') },
      { id: 'help', title: f.t('menu.help') },
    ],
  };
}

/** WhatsApp's list message: 10 rows, titles of 24 characters, descriptions of 72. */
const LIST_ROWS = 10;
const ROW_TITLE = 24;
const ROW_DESCRIPTION = 72;

/** The raffle list on screen, and what the chat remembers of it. */
export interface RaffleList {
  reply: Output[];
  context: Pick<RaffleChat, 'raffleIds' | 'listOffset' | 'listSearch' | 'listNext'>;
}

/**
 * Open raffles as a list whose rows are tapped by id or answered by their number, every one of them
 * offered (issue 40, item 15): a page holds 10 rows, or 9 and a "more" row when more are open; a
 * typed name narrows the list to the titles containing it. Long titles are cut so that rows stay
 * different, and a cut title is whole in its row's description.
 */
export async function raffleList(f: F, page: { offset?: number; search?: string } = {}): Promise<RaffleList> {
  const search = page.search?.trim() || undefined;
  let offset = Math.max(0, page.offset ?? 0);
  const pageFrom = (from: number) =>
    openRaffles(f.ctx, { offset: from, limit: LIST_ROWS, withFree: true, ...(search ? { search } : {}) });
  let found = await pageFrom(offset);
  if (found.raffles.length === 0 && offset > 0) {
    // A "more" from an older list, past the end now: start again.
    offset = 0;
    found = await pageFrom(offset);
  }
  if (found.raffles.length === 0) {
    if (search) {
      const all = await raffleList(f);
      return { ...all, reply: [say(f, 'list.search_none', { search }), ...all.reply] };
    }
    return { reply: [say(f, 'list.empty'), menu(f)], context: {} };
  }
  const more = found.total > offset + LIST_ROWS;
  const shown = more ? found.raffles.slice(0, LIST_ROWS - 1) : found.raffles;
  const room = ROW_TITLE - `${offset + shown.length}. `.length;
  const titles = listRowTitles(
    shown.map((r) => r.title),
    room,
  );
  const rows = await Promise.all(
    shown.map(async (r, i) => {
      const free = r.free ?? (await availabilityOf(f.ctx, r)).available;
      const facts = { free, price: price(f, r.priceMinor, r.currency) };
      return {
        id: `raffle:${r.id}`,
        title: `${offset + i + 1}. ${titles[i]}`,
        description: isCut(r.title, room) ? titledRow(f, r.title, facts) : f.t('list.row', facts),
        line: `${offset + i + 1}. ${r.title} (${f.t('list.row', facts)})`,
      };
    }),
  );
  const next = offset + shown.length;
  const moreRow = {
    id: 'more',
    title: f.t('list.more_title'),
    description: f.t('list.more_row', { count: found.total - next }),
  };
  const lines = rows.map((r) => r.line).join('\n');
  const text = search ? f.t('list.search_text', { lines, search }) : f.t('list.text', { lines });
  return {
    reply: [
      {
        kind: 'list',
        text: more ? `${text}\n${f.t('list.more_text', { count: found.total - next })}` : text,
        button: f.t('list.button'),
        rows: [...rows.map(({ line: _, ...row }) => row), ...(more ? [moreRow] : [])],
      },
    ],
    context: {
      raffleIds: shown.map((r) => r.id),
      listOffset: offset,
      ...(search ? { listSearch: search } : {}),
      ...(more ? { listNext: next } : {}),
    },
  };
}

/** A cut title's row description: the title whole as far as it fits, then the row's facts. */
function titledRow(f: F, title: string, facts: { free: number; price: string }): string {
  const room = ROW_DESCRIPTION - f.t('list.row_titled', { ...facts, title: '' }).length;
  return f.t('list.row_titled', { ...facts, title: fitText(title, room) });
}

/** The raffle's details, with its availability as read with it (`raffleAndAvailability`). */
export function raffleDetails(f: F, r: RaffleView, a: AvailabilityJson): Output {
  return {
    kind: 'buttons',
    text: f.t('details.text', {
      title: r.title,
      description: r.description,
      price: price(f, r.priceMinor, r.currency),
      min: r.minNumber,
      max: r.maxNumber,
      free: a.available,
      prizes: r.prizes.map((p) => `${p.position}. ${p.title}`).join(', '),
    }),
    buttons: [
      { id: 'random', title: f.t('details.random') },
      { id: 'back', title: f.t('details.back') },
    ],
  };
}

const left = (f: F, o: OrderView) =>
  formatDuration(Math.max(0, o.expiresAt.getTime() - f.ctx.clock.now().getTime()), f.language);

/** The order summary with its countdown and the confirm / cancel buttons. */
export async function orderSummary(
  f: F,
  o: OrderView,
  title: string,
  key = 'order.created',
): Promise<Output> {
  const org = f.organization;
  return {
    kind: 'buttons',
    text: f.t(key, {
      title,
      numbers: o.numbers.join(', '),
      total: price(f, o.amountMinor, o.currency),
      left: left(f, o),
      until: holdUntil(o.expiresAt, {
        now: f.ctx.clock.now(),
        timeZone: org.timeZone,
        locale: f.language,
        t: (key, params) => f.t(key, params),
      }),
    }),
    buttons: [
      { id: 'confirm', title: f.t('order.confirm') },
      { id: 'cancel', title: f.t('order.cancel') },
    ],
  };
}

/**
 * How to pay an order: the amount, and the seller's account when the organization set one; without
 * one, that the seller writes where and how to pay in this chat (issue 66: "transfer the amount",
 * said to nowhere, left the buyer with no way to pay). The console warns the seller until one is set.
 */
export async function paymentInstructions(f: F, o: OrderView): Promise<Output> {
  const { paymentAccount } = raffleSettingsIn(f.organization);
  return say(f, paymentAccount ? 'pay.instructions_account' : 'pay.instructions', {
    total: price(f, o.amountMinor, o.currency),
    numbers: o.numbers.join(', '),
    left: left(f, o),
    account: paymentAccount,
  });
}
