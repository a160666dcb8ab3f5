import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { routeOptions, sendFile } from '../../platform/http/index.ts';
import { printCommissioningSheet } from './commissioning.ts';
import { SHEET_LANGUAGES } from './commissioning-sheet.pdf.ts';
import { issueMeterToken, revokeMeterToken } from './meter-device-tokens.ts';
import type { PrepaidRuntime } from './prepaid.runtime.ts';

const op = routeOptions(['prepaid']);
const idParams = z.object({ id: z.uuid() });

/** Staff commission a meter: its commissioning sheet, and the token it calls the meter API with. */
export const meterCommissioningRoutes =
  (rt: PrepaidRuntime): FastifyPluginAsyncZod =>
  async (app) => {
    const manage = { permission: 'prepaid.meter.manage' };
    app.post(
      '/api/prepaid/meters/:id/commissioning-sheet',
      op(
        { ...manage, refuses: [404, 409, 422] },
        'The commissioning sheet (PDF: meter number, key, starting code). Without a key: once, within 30 minutes of creating a meter whose key was generated; with the key: for that key. A POST: it prints a secret and is audited',
        {
          params: idParams,
          body: z.object({
            openPaygoKey: z
              .string()
              .regex(/^[0-9a-fA-F]{32}$/)
              .optional(),
            language: z.enum(SHEET_LANGUAGES).default('en'),
          }),
        },
      ),
      async (req, reply) => {
        const { number, pdf } = await printCommissioningSheet(req.ctx, rt.secretKey, {
          meterId: req.params.id,
          ...req.body,
        });
        return sendFile(
          reply.header('cache-control', 'no-store'),
          { type: 'application/pdf', name: `commissioning-${number}.pdf` },
          pdf,
        );
      },
    );
    app.post(
      '/api/prepaid/meters/:id/meter-token',
      op(
        { ...manage, refuses: [404] },
        'Issue the token the meter calls the meter API with (an earlier one stops working); shown once, stored hashed',
        {
          params: idParams,
          response: { 200: z.object({ id: z.string(), meterToken: z.string(), issuedAt: z.string() }) },
        },
      ),
      async (req, reply) =>
        reply.header('cache-control', 'no-store').send(await issueMeterToken(req.ctx, req.params.id)),
    );
    app.delete(
      '/api/prepaid/meters/:id/meter-token',
      op({ ...manage, refuses: [404] }, "Revoke the meter's API token (its calls answer 401)", {
        params: idParams,
      }),
      async (req, reply) => {
        await revokeMeterToken(req.ctx, req.params.id);
        return reply.status(204).send();
      },
    );
  };
