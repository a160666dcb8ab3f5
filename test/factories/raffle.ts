import { buyerForWhatsApp } from '../../src/modules/raffle/buyers.ts';
import { submitOrderProof } from '../../src/modules/raffle/order-proof.ts';
import type { OrderView } from '../../src/modules/raffle/order-view.ts';
import { confirmOrder } from '../../src/modules/raffle/orders.ts';
import type { RaffleRuntime } from '../../src/modules/raffle/raffle.runtime.ts';
import type { RaffleView } from '../../src/modules/raffle/raffle-view.ts';
import {
  closeRaffle,
  createRaffle as createRaffleUseCase,
  type NewRaffle,
  startSelling,
} from '../../src/modules/raffle/raffles.ts';
import { type Pick, reserveTickets } from '../../src/modules/raffle/reservations.ts';
import type { TestApp } from '../support/test-app.ts';
import { type InOrg, orgCtx } from './org.ts';
import { uniqueDigits } from './unique.ts';

const runtime = (app: TestApp) => app.runtimeOf('raffle') as RaffleRuntime;

/**
 * A raffle through the module's use cases: numbers 1–100 at 15.00 USD, selling unless `status`
 * says otherwise (`draft` before sales, `closed` after).
 */
export async function createRaffle(
  app: TestApp,
  input: InOrg & Partial<NewRaffle> & { status?: 'draft' | 'selling' | 'closed' } = {},
): Promise<RaffleView> {
  const { org, status = 'selling', ...settings } = input;
  const ctx = await orgCtx(app, org);
  const raffle = await createRaffleUseCase(ctx, {
    title: 'Test raffle',
    priceMinor: 1500,
    currency: 'USD',
    minNumber: 1,
    maxNumber: 100,
    prizes: ['Bike'],
    ...settings,
  });
  if (status === 'draft') return raffle;
  const selling = await startSelling(ctx, raffle.id);
  return status === 'closed' ? closeRaffle(ctx, raffle.id) : selling;
}

export interface RaffleOrderInput extends InOrg {
  raffleId: string;
  /** The buyer's WhatsApp number (default: a new buyer). */
  waId?: string;
  name?: string;
  /** The numbers to hold (default: one at random). */
  pick?: Pick;
  /** `paid`: staff confirmed the payment; `proof`: the buyer sent a proof staff have not checked. */
  payment?: 'paid' | 'proof';
}

/** An order holding tickets for a buyer (created on the way), as staff reserving for a caller. */
export async function createRaffleOrder(app: TestApp, input: RaffleOrderInput): Promise<OrderView> {
  const ctx = await orgCtx(app, input.org);
  const waId = input.waId ?? `5959${uniqueDigits(8)}`;
  const buyerId = await buyerForWhatsApp(ctx, { waId, displayName: input.name ?? `Buyer ${waId}` });
  const { order } = await reserveTickets(ctx, {
    raffleId: input.raffleId,
    buyerId,
    pick: input.pick ?? { random: 1 },
  });
  if (input.payment === 'paid') return confirmOrder(ctx, order.id);
  if (input.payment === 'proof')
    await submitOrderProof(ctx, runtime(app), {
      orderId: order.id,
      bytes: Buffer.from(`%PDF-1.4 proof of ${order.id}`),
      fileName: 'proof.pdf',
    });
  return order;
}
