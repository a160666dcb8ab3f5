import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { idempotentCreate } from '../../core/idempotency/index.ts';
import { patchBodyOf, routeOptions } from '../../platform/http/index.ts';
import { announceToBuyers } from './announcements.ts';
import { missingTemplateSchema } from './order-delivery.contract.ts';
import {
  idParams,
  raffleSalesSchema,
  raffleSettingsSchema,
  raffleTodaySchema,
  raffleWinnersSchema,
} from './raffle.contract.ts';
import type { RaffleRuntime } from './raffle.runtime.ts';
import { raffleSettingsOf, updateRaffleSettings } from './raffle.settings.ts';
import { raffleToday, salesReport } from './raffle-reports.ts';
import { raffleWhatsAppTemplates } from './whatsapp-templates.ts';
import { raffleWinners } from './winners.ts';

const op = routeOptions(['raffle']);

const announceBody = z.object({ message: z.string().trim().min(1).max(700) });

/** What the console's raffle screens read beyond the lists: a sales report, the winners, settings, the to-do list, announcements. */
export const raffleConsoleRoutes =
  ({ deps }: RaffleRuntime): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      '/api/raffle/raffles/:id/sales',
      op(
        'raffle.order.read',
        "A raffle's paid sales per day (organization's time zone), tickets by status, buyers",
        { params: idParams, response: { 200: raffleSalesSchema } },
      ),
      async (req) => salesReport(req.ctx, req.params.id),
    );
    app.get(
      '/api/raffle/raffles/:id/winners',
      op(
        'raffle.order.read',
        "A drawn raffle's winners in prize order (ticket number, buyer, prize); empty before the draw",
        { params: idParams, response: { 200: raffleWinnersSchema } },
      ),
      async (req) => raffleWinners(req.ctx, req.params.id),
    );
    app.get(
      '/api/raffle/settings',
      op('raffle.raffle.read', 'Raffle settings (the account buyers pay into)', {
        response: { 200: raffleSettingsSchema },
      }),
      async (req) => raffleSettingsOf(req.ctx),
    );
    app.patch(
      '/api/raffle/settings',
      op('raffle.raffle.manage', 'Change raffle settings', {
        body: patchBodyOf(raffleSettingsSchema),
        response: { 200: raffleSettingsSchema },
      }),
      async (req) => updateRaffleSettings(req.ctx, req.body),
    );
    app.get(
      '/api/raffle/today',
      op(
        'raffle.order.read',
        "The seller's to-do list: proofs waiting, holds about to expire, money in today",
        { response: { 200: raffleTodaySchema } },
      ),
      async (req) => raffleToday(req.ctx),
    );
    app.get(
      '/api/raffle/whatsapp-templates',
      op(
        'raffle.order.read',
        "The approved WhatsApp templates the raffle's messages need outside the buyer's 24-hour window, and the languages the organization lacks them in",
        { response: { 200: z.array(missingTemplateSchema) } },
      ),
      async (req) => raffleWhatsAppTemplates(req.ctx, deps),
    );
    app.post(
      '/api/raffle/raffles/:id/announcements',
      op(
        { permission: 'raffle.raffle.manage', refuses: [404, 422] },
        'Send a message (draw date, winners) to every buyer with a paid ticket, through the announcement template; accepts Idempotency-Key',
        { params: idParams, body: announceBody, response: { 202: z.object({ buyers: z.number().int() }) } },
      ),
      async (req, reply) => {
        const body = await idempotentCreate(
          req,
          { scope: 'raffle.announce', request: { ...req.body, raffleId: req.params.id }, status: 202 },
          (tx) => announceToBuyers(tx, deps, { raffleId: req.params.id, message: req.body.message }),
        );
        return reply.status(202).send(body);
      },
    );
  };
