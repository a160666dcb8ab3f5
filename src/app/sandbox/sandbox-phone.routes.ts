import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Ctx } from '../../core/context/index.ts';
import { findPayment, type SandboxPhoneRequest } from '../../core/payments/index.ts';
import { PlatformErrors } from '../../platform/errors/index.ts';
import { routeOptions } from '../../platform/http/index.ts';
import { isUuid, UUID_PATTERN } from '../../platform/ids/index.ts';
import type { Sandbox } from './start-sandbox.ts';

const PROVIDERS = ['momo', 'airtel'] as const;
type PhoneProvider = (typeof PROVIDERS)[number];
/** The phone shows the latest requests of each network (a long demo keeps the screen short). */
const SHOWN_PER_PROVIDER = 30;

const promptSchema = z.object({
  requestedAt: z.string(),
  autoApproveAt: z.string().nullable(),
  expiresAt: z.string(),
  ignored: z.boolean(),
});
const phoneRequestSchema = z.object({
  provider: z.enum(PROVIDERS),
  reference: z.string(),
  payer: z.string(),
  amount: z.string(),
  currency: z.string(),
  message: z.string(),
  status: z.enum(['pending', 'approved', 'failed']),
  reason: z.string().nullable(),
  /** Money that came back to the payer on this request (a refund), as the network carries it. */
  refunded: z.string().nullable().optional(),
  prompt: promptSchema.nullable(),
});
const answerParams = z.object({
  provider: z.enum(PROVIDERS),
  reference: z.string().regex(UUID_PATTERN, 'expected the payment id'),
  answer: z.enum(['approve', 'decline', 'timeout']),
});

/** Each network's phone, when the sandbox plays it. */
function phonesOf(sandbox: Sandbox) {
  const phones: Partial<Record<PhoneProvider, () => SandboxPhoneRequest[]>> = {};
  if (sandbox.momo) phones.momo = sandbox.momo.phone;
  if (sandbox.airtel) phones.airtel = sandbox.airtel.phone;
  return phones;
}

/** Only requests for this organization's payments (the reference is the payment's id). */
async function ownRequests(ctx: Ctx, provider: PhoneProvider, requests: SandboxPhoneRequest[]) {
  const own = [];
  for (const request of requests.slice(0, SHOWN_PER_PROVIDER)) {
    if (!isUuid(request.reference)) continue;
    if (await findPayment(ctx, request.reference)) own.push({ provider, ...request });
  }
  return own;
}

/**
 * The sandbox phone: the payment requests MoMo and Airtel pushed to the payers' phones, and the
 * payer's answers (approve, decline, or let it time out instead of approving by itself).
 */
export const sandboxPhoneRoutes: FastifyPluginAsyncZod<{ sandbox: Sandbox }> = async (app, { sandbox }) => {
  const op = routeOptions(['sandbox']);
  const phones = phonesOf(sandbox);
  app.get(
    '/api/sandbox/phone',
    op('sandbox.phone.use', 'Payment requests on the sandbox payers’ phones, newest first', {
      response: { 200: z.object({ items: z.array(phoneRequestSchema) }) },
    }),
    async (req) => {
      const items = [];
      for (const provider of PROVIDERS) {
        const phone = phones[provider];
        if (phone) items.push(...(await ownRequests(req.ctx, provider, phone())));
      }
      items.sort((a, b) => (b.prompt?.requestedAt ?? '').localeCompare(a.prompt?.requestedAt ?? ''));
      return { items };
    },
  );
  app.post(
    '/api/sandbox/phone/:provider/:reference/:answer',
    op(
      { permission: 'sandbox.phone.use', refuses: [404, 409] },
      'Answer a payment request as the payer: approve, decline, or let it time out',
      { params: answerParams, response: { 204: z.null() } },
    ),
    async (req, reply) => {
      const { provider, reference, answer } = req.params;
      const request = phones[provider]?.().find((r) => r.reference === reference);
      if (!request || !(await findPayment(req.ctx, reference)))
        throw PlatformErrors.not_found({ provider, reference });
      if (request.status !== 'pending') throw PlatformErrors.conflict({ reference, status: request.status });
      if (answer === 'timeout') {
        if (provider === 'momo') sandbox.momo?.letTimeOut(reference);
        else sandbox.airtel?.letTimeOut(reference);
      } else if (provider === 'momo') {
        await sandbox.momo?.settle(
          reference,
          answer === 'approve' ? 'SUCCESSFUL' : 'FAILED',
          'APPROVAL_REJECTED',
        );
      } else {
        await sandbox.airtel?.settle(
          reference,
          answer === 'approve' ? 'TS' : 'TF',
          answer === 'approve' ? undefined : 'The subscriber declined the payment',
        );
      }
      return reply.status(204).send(null);
    },
  );
};
