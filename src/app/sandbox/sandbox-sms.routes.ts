import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ownSmsMessageIds } from '../../channels/sms/index.ts';
import { routeOptions } from '../../platform/http/index.ts';
import type { Sandbox } from './start-sandbox.ts';

/** The phone shows the latest texts (a long demo keeps the screen short). */
const SHOWN = 50;

const smsSchema = z.object({
  messageId: z.string(),
  to: z.string(),
  from: z.string().nullable(),
  text: z.string(),
  segments: z.number(),
  encoding: z.enum(['GSM-7', 'UCS-2']),
  cost: z.string(),
  at: z.string(),
  status: z.string(),
  failureReason: z.string().nullable(),
});

/**
 * The texts the sandbox's Africa's Talking carried to people's phones for the caller's organization.
 * Like the caught mail, they hold live tokens and sign-in codes: owners and admins only (issue 40).
 */
export const sandboxSmsRoutes: FastifyPluginAsyncZod<{ sandbox: Sandbox }> = async (app, { sandbox }) => {
  const op = routeOptions(['sandbox']);
  app.get(
    '/api/sandbox/sms',
    op('sandbox.mail.open', 'SMS the sandbox network carried to phones, newest first', {
      response: { 200: z.object({ items: z.array(smsSchema) }) },
    }),
    async (req) => {
      const carried = sandbox.sms?.received() ?? [];
      const own = await ownSmsMessageIds(
        req.ctx,
        carried.slice(0, 500).map((s) => s.messageId),
      );
      return { items: carried.filter((s) => own.has(s.messageId)).slice(0, SHOWN) };
    },
  );
};
