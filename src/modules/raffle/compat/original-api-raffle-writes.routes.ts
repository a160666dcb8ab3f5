import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { z } from 'zod';
import type { Ctx } from '../../../core/context/index.ts';
import { callerKey, sendCreated } from '../../../core/idempotency/index.ts';
import { parseMoney } from '../../../core/money/index.ts';
import { getOrganization, phoneCountryOf } from '../../../core/orgs/index.ts';
import { routeOptions } from '../../../platform/http/index.ts';
import { whatsappNumberOf } from '../import/buyers.import.ts';
import { RaffleErrors } from '../raffle.errors.ts';
import type { RaffleRuntime } from '../raffle.runtime.ts';
import { getRaffle, type RaffleView } from '../raffle-view.ts';
import { closeRaffle, createRaffle, deleteDraftRaffle, startSelling, updateRaffle } from '../raffles.ts';
import { reserveTicketsForCaller } from '../reservations.ts';
import {
  idParams,
  originalOrder,
  originalRaffle,
  rafflePatch,
  rafflePut,
  reserveBody,
} from './original-api.contract.ts';
import { originalOrdersOf, originalRaffleOf } from './original-api-reads.ts';
import { raffleIdOf } from './original-ids.ts';

const op = routeOptions(['raffle (original backoffice compatibility)']);

type RaffleFields = z.infer<typeof rafflePatch>;

/** The original's prize-less raffle gets the one prize a draw in Opsdesk needs (staff may rename it). */
const FIRST_PRIZE = 'Premio';

const priceOf = (given: string | number, currency: string) =>
  parseMoney(typeof given === 'number' ? given.toFixed(2) : given, currency).amountMinor;

/** A draw date ahead closes sales then (the raffle is drawn that day); one past is not a closing time. */
function closesAtOf(ctx: Ctx, drawDate: string | null | undefined): Date | null | undefined {
  if (drawDate === undefined) return undefined;
  if (drawDate === null) return null;
  const at = new Date(drawDate);
  return at.getTime() > ctx.clock.now().getTime() ? at : null;
}

/**
 * Applies the original's raffle fields through the native use cases: texts, price and range (the
 * last two while the raffle is a draft, as in the console), `is_active` as starting or closing sales
 * (a closed raffle does not reopen here), `draw_date` as the time sales close. The currency is the
 * raffle's for good.
 */
async function applyRaffleFields(ctx: Ctx, raffle: RaffleView, f: RaffleFields): Promise<RaffleView> {
  if (f.currency && f.currency.toUpperCase() !== raffle.currency)
    throw RaffleErrors.raffle_invalid({ problems: ['currency cannot change once a raffle exists'] });
  const changes = {
    ...(f.title !== undefined ? { title: f.title } : {}),
    ...(f.description !== undefined ? { description: f.description } : {}),
    ...(f.ticket_price !== undefined && priceOf(f.ticket_price, raffle.currency) !== raffle.priceMinor
      ? { priceMinor: priceOf(f.ticket_price, raffle.currency) }
      : {}),
    ...(f.min_number !== undefined && f.min_number !== raffle.minNumber ? { minNumber: f.min_number } : {}),
    ...(f.max_number !== undefined && f.max_number !== raffle.maxNumber ? { maxNumber: f.max_number } : {}),
    ...(f.draw_date !== undefined ? { closesAt: closesAtOf(ctx, f.draw_date) } : {}),
  };
  let view = Object.keys(changes).length ? await updateRaffle(ctx, raffle.id, changes) : raffle;
  if (f.is_active === true && view.status === 'draft') view = await startSelling(ctx, raffle.id);
  if (f.is_active === true && view.status === 'closed')
    throw RaffleErrors.raffle_state_invalid({ status: view.status, wanted: 'selling' });
  if (f.is_active === false && view.status === 'selling') view = await closeRaffle(ctx, raffle.id);
  return view;
}

/** A raffle made from the original's fields with its one prize; its sales open unless `is_active` is false. */
async function createFromOriginalFields(ctx: Ctx, b: z.infer<typeof rafflePut>): Promise<RaffleView> {
  const currency = (b.currency ?? (await getOrganization(ctx)).currency).trim().toUpperCase();
  const created = await createRaffle(ctx, {
    title: b.title,
    description: b.description ?? '',
    priceMinor: priceOf(b.ticket_price, currency),
    currency,
    minNumber: b.min_number ?? 1,
    maxNumber: b.max_number,
    closesAt: closesAtOf(ctx, b.draw_date) ?? null,
    prizes: [FIRST_PRIZE],
  });
  return b.is_active === false ? created : startSelling(ctx, created.id);
}

/** The original's `wa_id` read as a WhatsApp number of the organization's country; refused when it is not one. */
async function whatsappNumberIn(ctx: Ctx, given: string): Promise<string> {
  const country = phoneCountryOf(await getOrganization(ctx));
  const waId = whatsappNumberOf(given, country)?.waId;
  if (!waId) throw RaffleErrors.numbers_invalid({ reason: 'wa_id is not a WhatsApp number' });
  return waId;
}

/**
 * The original API's raffle writes (`RaffleViewSet`, a DRF `ModelViewSet`): create, replace,
 * change and delete a raffle, and reserve numbers for a WhatsApp number (`reserve/`). Each calls
 * the native use case under the native permission; the raffle's id is ours or, for an imported
 * raffle, the original's.
 */
export const originalRaffleWriteRoutes =
  (_rt: RaffleRuntime): FastifyPluginAsyncZod =>
  async (app) => {
    const manage = { permission: 'raffle.raffle.manage' };
    app.post(
      '/api/raffles/',
      op(
        { ...manage, refuses: [400] },
        "Create a raffle with the original's fields; `is_active` (default true) opens its sales at once",
        { body: rafflePut, response: { 201: originalRaffle } },
      ),
      async (req, reply) =>
        sendCreated(req, reply, { scope: 'raffle.original.create' }, async (tx) =>
          originalRaffleOf(tx, await createFromOriginalFields(tx, req.body)),
        ),
    );
    const change = (body: typeof rafflePut | typeof rafflePatch) =>
      op({ ...manage, refuses: [400, 404] }, "Change a raffle with the original's fields", {
        params: idParams,
        body,
        response: { 200: originalRaffle },
      });
    app.put('/api/raffles/:id/', change(rafflePut), async (req) => {
      const raffle = await getRaffle(req.ctx, await raffleIdOf(req.ctx, req.params.id));
      return originalRaffleOf(req.ctx, await applyRaffleFields(req.ctx, raffle, req.body));
    });
    app.patch('/api/raffles/:id/', change(rafflePatch), async (req) => {
      const raffle = await getRaffle(req.ctx, await raffleIdOf(req.ctx, req.params.id));
      return originalRaffleOf(req.ctx, await applyRaffleFields(req.ctx, raffle, req.body));
    });
    app.delete(
      '/api/raffles/:id/',
      op(
        { ...manage, refuses: [400, 404] },
        'Delete a raffle nobody ordered from (a draft); 400 once it sold',
        {
          params: idParams,
        },
      ),
      async (req, reply) => {
        await deleteDraftRaffle(req.ctx, await raffleIdOf(req.ctx, req.params.id));
        return reply.status(204).send();
      },
    );
    app.post(
      '/api/raffles/:id/reserve/',
      op(
        { permission: 'raffle.order.reserve', refuses: [400, 404] },
        'Reserve numbers (`specific`) or any free ones (`random`) for a WhatsApp number; 201 with the order',
        { params: idParams, body: reserveBody, response: { 201: originalOrder } },
      ),
      async (req, reply) => {
        const raffleId = await raffleIdOf(req.ctx, req.params.id);
        const b = req.body;
        const waId = await whatsappNumberIn(req.ctx, b.wa_id);
        const pick = b.type === 'specific' ? { numbers: b.numbers! } : { random: b.qty! };
        return sendCreated(
          req,
          reply,
          { scope: 'raffle.original.reserve', request: { ...b, raffleId } },
          async (tx, key) => {
            const { order } = await reserveTicketsForCaller(tx, {
              raffleId,
              waId,
              pick,
              sourceKey: key ? `api:${callerKey(tx, key)}` : null,
            });
            return (await originalOrdersOf(tx, [order]))[0]!;
          },
        );
      },
    );
  };
