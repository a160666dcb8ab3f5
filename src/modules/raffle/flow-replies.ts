import type { FlowContext, Output } from '../../core/conversations/index.ts';
import { formatDateTime, formatDuration, type TranslationParams } from '../../core/i18n/index.ts';
import { formatMoney, money } from '../../core/money/index.ts';
import { getOrganization } from '../../core/orgs/index.ts';
import { availability } from './availability.ts';
import type { OrderView } from './order-view.ts';
import type { RaffleRuntime } from './raffle.runtime.ts';
import { raffleSettingsOf } from './raffle.settings.ts';
import { listRaffles, type RaffleView } from './raffle-view.ts';

/** What the bot remembers between messages. */
export type RaffleChat = { raffleIds?: string[]; raffleId?: string; orderId?: string };
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

/** Open raffles, as a list (≤10 rows) whose rows are tapped by id or answered by their number. */
export async function raffleList(f: F): Promise<{ reply: Output[]; raffleIds: string[] }> {
  const now = f.ctx.clock.now();
  const open = (await listRaffles(f.ctx, { status: 'selling', limit: 10 })).filter(
    (r) => (!r.opensAt || r.opensAt <= now) && (!r.closesAt || r.closesAt > now),
  );
  if (open.length === 0) return { reply: [say(f, 'list.empty'), menu(f)], raffleIds: [] };
  const rows = await Promise.all(
    open.map(async (r, i) => {
      const a = await availability(f.ctx, r.id);
      return {
        id: `raffle:${r.id}`,
        title: `${i + 1}. ${r.title}`,
        description: f.t('list.row', { free: a.available, price: price(f, r.priceMinor, r.currency) }),
      };
    }),
  );
  const lines = rows.map((r) => `${r.title} (${r.description})`).join('\n');
  return {
    reply: [{ kind: 'list', text: f.t('list.text', { lines }), button: f.t('list.button'), rows }],
    raffleIds: open.map((r) => r.id),
  };
}

export async function raffleDetails(f: F, r: RaffleView): Promise<Output> {
  const a = await availability(f.ctx, r.id);
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
  const org = await getOrganization(f.ctx);
  return {
    kind: 'buttons',
    text: f.t(key, {
      title,
      numbers: o.numbers.join(', '),
      total: price(f, o.amountMinor, o.currency),
      left: left(f, o),
      until: formatDateTime(o.expiresAt, { locale: f.language, timeZone: org.timeZone }),
    }),
    buttons: [
      { id: 'confirm', title: f.t('order.confirm') },
      { id: 'cancel', title: f.t('order.cancel') },
    ],
  };
}

/** How to pay an order: the amount, and the seller's account when the organization set one. */
export async function paymentInstructions(f: F, o: OrderView): Promise<Output> {
  const { paymentAccount } = await raffleSettingsOf(f.ctx);
  return say(f, paymentAccount ? 'pay.instructions_account' : 'pay.instructions', {
    total: price(f, o.amountMinor, o.currency),
    numbers: o.numbers.join(', '),
    left: left(f, o),
    account: paymentAccount,
  });
}
