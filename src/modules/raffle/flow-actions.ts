import type { Input, Output, StepResult } from '../../core/conversations/index.ts';
import { type AppError, isAppError } from '../../platform/errors/index.ts';
import { ensureBuyer } from './buyers.ts';
import { type F, menu, orderSummary, price, type RaffleChat, say } from './flow-replies.ts';
import { proofUnderReview, submitOrderProof } from './order-proof.ts';
import { buyerOrderState } from './order-refund.rules.ts';
import { getOrder, listOrders, liveOrderOf, type OrderView } from './order-view.ts';
import { cancelOrder } from './orders.ts';
import { RaffleErrors } from './raffle.errors.ts';
import { getRaffle, type RaffleView } from './raffle-view.ts';
import { type Pick, reserveTickets } from './reservations.ts';

type Result = StepResult<RaffleChat>;

/** The buyer behind this chat (created on first purchase). */
export async function buyerOf(f: F): Promise<string> {
  if (!f.contact.id) throw new Error('a chat without a contact cannot buy');
  return ensureBuyer(f.ctx, {
    contactId: f.contact.id,
    waId: f.channel === 'whatsapp' ? f.contact.externalId : null,
    displayName: f.contact.displayName,
    language: f.language,
  });
}

/** The order this chat is about: the one in context if still live, else the buyer's live order. */
export async function currentOrder(f: F): Promise<OrderView | null> {
  if (f.context.orderId) {
    const o = await getOrder(f.ctx, f.context.orderId).catch(() => null);
    if (o?.status === 'pending_payment') return o;
  }
  return liveOrderOf(f.ctx, await buyerOf(f));
}

/**
 * "confirmar" with no order waiting for payment (issue 40, item 16): the hold ran out only when the
 * chat was about an order whose hold did; otherwise there is simply nothing to confirm.
 */
export async function nothingToConfirm(f: F): Promise<Result> {
  const was = f.context.orderId ? await getOrder(f.ctx, f.context.orderId).catch(() => null) : null;
  const key = was?.status === 'expired' ? 'expired' : 'confirm.none';
  return { reply: [say(f, key), menu(f)], next: 'menu', context: {} };
}

/**
 * Reserves from the chat. The inbound message id is the order's source key, so a step that runs
 * again (a retried job) finds the order it already made instead of making a second one.
 */
export async function reserveFromChat(f: F, raffleId: string, pick: Pick): Promise<Result> {
  const buyerId = await buyerOf(f);
  try {
    // The raffle is read by the reservation (under its lock): its title comes back with the order.
    const { order, raffleTitle } = await reserveTickets(f.ctx, {
      raffleId,
      buyerId,
      pick,
      sourceKey: `chat:${f.messageId}`,
    });
    const title = raffleTitle ?? (await getRaffle(f.ctx, raffleId)).title;
    return {
      reply: [await orderSummary(f, order, title)],
      next: 'confirming',
      context: { raffleId, orderId: order.id },
    };
  } catch (err) {
    if (!isAppError(err)) throw err;
    if (RaffleErrors.live_order_exists.is(err))
      return showLiveOrder(f, await getOrder(f.ctx, String(err.details.orderId)));
    return { reply: [await refusal(f, err, raffleId)] };
  }
}

/**
 * The buyer's live order shown again (another pick, a second tap): its summary with confirm and
 * cancel, or, once they sent a proof, that it is being checked, with no cancel offered (issue 54,
 * item 16: "waiting for payment" and a Cancel button read as if the proof had not arrived).
 */
export async function showLiveOrder(f: F, order: OrderView): Promise<Result> {
  if (await proofUnderReview(f.ctx, order.id)) return orderInReview(f, order);
  const title = (await getRaffle(f.ctx, order.raffleId)).title;
  return {
    reply: [await orderSummary(f, order, title, 'order.existing')],
    next: 'confirming',
    context: { raffleId: order.raffleId, orderId: order.id },
  };
}

/** An order whose proof waits for staff: what the buyer sent is being checked; nothing to do now. */
export async function orderInReview(f: F, order: OrderView): Promise<Result> {
  const title = (await getRaffle(f.ctx, order.raffleId)).title;
  const text = say(f, 'order.in_review', {
    title,
    numbers: order.numbers.join(', '),
    total: price(f, order.amountMinor, order.currency),
  });
  return { reply: [text, menu(f)], next: 'menu', context: {} };
}

/** The buyer's refusal: a chat-specific reply where the details help, else the code's message. */
async function refusal(f: F, err: AppError, raffleId: string): Promise<Output> {
  const d = err.details;
  if (RaffleErrors.tickets_unavailable.is(err))
    return d.reason === 'busy'
      ? say(f, 'error.busy')
      : say(f, 'error.tickets_unavailable', { numbers: (d.numbers as number[]).join(', ') });
  if (RaffleErrors.numbers_invalid.is(err)) return numbersRefusal(f, err, await getRaffle(f.ctx, raffleId));
  if (RaffleErrors.quantity_invalid.is(err)) return say(f, 'error.quantity_invalid', { max: d.max });
  if (RaffleErrors.buyer_limit_reached.is(err)) return say(f, 'error.buyer_limit_reached', { max: d.max });
  return { kind: 'text', text: f.errorMessage(err) };
}

/**
 * Why typed numbers were refused, in the buyer's words (issue 54, item 17: it read "(duplicate: 3)"):
 * the repeated numbers, or those outside the raffle's range; else how numbers are written.
 */
function numbersRefusal(f: F, err: AppError, raffle: RaffleView): Output {
  const numbers = ((err.details.numbers as number[] | undefined) ?? []).join(', ');
  const range = { numbers, min: raffle.minNumber, max: raffle.maxNumber };
  if (err.details.reason === 'duplicate' && numbers) return say(f, 'error.numbers_repeated', range);
  if (err.details.reason === 'out_of_range' && numbers) return say(f, 'error.numbers_outside', range);
  return say(f, 'error.numbers_invalid', range);
}

/** "cancelar" / the Cancel button: releases the hold; says so only when it really did. */
export async function cancelFromChat(f: F): Promise<Result> {
  const order = await currentOrder(f);
  if (!order) return { reply: [say(f, 'proof.none'), menu(f)], next: 'menu', context: {} };
  // Cancel is not offered once a proof was sent, but a typed "cancelar" still cancels: the buyer is
  // told the proof stays with staff (verified later, the order is flagged for a refund).
  const reviewed = await proofUnderReview(f.ctx, order.id);
  try {
    const { released } = await cancelOrder(f.ctx, { jobs: f.rt.jobs }, order.id);
    return {
      reply: [
        say(f, reviewed ? 'cancelled_in_review' : 'cancelled', { numbers: released.join(', ') }),
        menu(f),
      ],
      next: 'menu',
      context: {},
    };
  } catch (err) {
    if (RaffleErrors.order_not_pending.is(err))
      return { reply: [say(f, 'expired'), menu(f)], next: 'menu', context: {} };
    throw err;
  }
}

/** A photo or PDF: the proof for the buyer's live order, stored through core payments. */
export async function proofFromChat(f: F, input: Extract<Input, { kind: 'media' }>): Promise<Result> {
  const order = await currentOrder(f);
  if (!order) return { reply: [say(f, 'proof.none')], next: 'menu', context: {} };
  const file = await input.load();
  try {
    const { duplicate } = await submitOrderProof(f.ctx, f.rt, {
      orderId: order.id,
      bytes: file.bytes,
      fileName: file.fileName ?? input.fileName,
      payerContactId: f.contact.id,
      key: `chat:${f.messageId}`,
    });
    const reply = [say(f, 'proof.received', { numbers: order.numbers.join(', ') })];
    if (duplicate) reply.push(say(f, 'proof.duplicate'));
    return { reply, next: 'menu', context: {} };
  } catch (err) {
    if (RaffleErrors.hold_expired.is(err) || RaffleErrors.order_not_pending.is(err))
      return { reply: [say(f, 'expired')], next: 'menu', context: {} };
    throw err;
  }
}

/** "my tickets": the buyer's orders, newest first. */
export async function myTickets(f: F): Promise<Result> {
  const buyerId = await buyerOf(f);
  const list = await listOrders(f.ctx, { buyerId, limit: 10 });
  if (list.length === 0) return { reply: [say(f, 'mine.none'), menu(f)] };
  const titles = new Map<string, string>();
  const lines: string[] = [];
  for (const o of list) {
    if (!titles.has(o.raffleId)) titles.set(o.raffleId, (await getRaffle(f.ctx, o.raffleId)).title);
    lines.push(
      f.t('mine.line', {
        title: titles.get(o.raffleId),
        numbers: o.numbers.join(', '),
        status: f.t(
          `mine.status.${buyerOrderState({
            ...o,
            proofUnderReview: o.status === 'pending_payment' && (await proofUnderReview(f.ctx, o.id)),
          })}`,
        ),
      }),
    );
  }
  return { reply: [{ kind: 'text', text: lines.join('\n') }, menu(f)] };
}
