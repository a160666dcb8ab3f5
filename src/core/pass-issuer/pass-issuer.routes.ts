import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { routeOptions } from '../../platform/http/index.ts';
import { PASS_REFUSAL_REASONS } from '../passes/index.ts';
import { ensurePassKey, listPublicPassKeys, rotatePassKey, verifyPassOnline } from './pass-issuer.ts';

/** Public keys for scanners, and an online verification for devices that are connected. */
export const passIssuerRoutes: FastifyPluginAsyncZod<{ secretKey: string }> = async (app, { secretKey }) => {
  const tags = ['passes'];
  const op = routeOptions(tags);
  app.get(
    '/api/passes/keys',
    {
      schema: {
        tags,
        summary: 'Public keys that verify this organization’s passes (active and retired)',
        response: {
          200: z.array(
            z.object({
              keyId: z.string(),
              publicKey: z.string(),
              createdAt: z.iso.datetime(),
              retiredAt: z.iso.datetime().nullable(),
            }),
          ),
        },
      },
    },
    async (req) => {
      await ensurePassKey(req.ctx, secretKey);
      return listPublicPassKeys(req.ctx);
    },
  );
  app.post(
    '/api/passes/keys/rotate',
    op('passes.key.rotate', 'Make a new signing key active; passes signed by the old one keep verifying', {
      response: { 200: z.object({ retired: z.string().nullable(), active: z.string() }) },
    }),
    async (req) => rotatePassKey(req.ctx, secretKey),
  );
  app.post(
    '/api/passes/verify',
    op('passes.pass.verify', 'Verify a scanned pass: signature, expiry and revocation', {
      body: z.object({ code: z.string().min(1).max(400) }),
      response: {
        200: z.object({
          ok: z.boolean(),
          reason: z.enum(PASS_REFUSAL_REASONS).nullable(),
          subject: z.object({ type: z.string(), id: z.string() }).nullable(),
          passVersion: z.number().nullable(),
        }),
      },
    }),
    async (req) => {
      const result = await verifyPassOnline(req.ctx, req.body.code);
      const pass = 'pass' in result ? result.pass : undefined;
      return {
        ok: result.ok,
        reason: result.ok ? null : result.reason,
        subject: pass ? { type: pass.subject.type, id: pass.subject.id } : null,
        passVersion: pass?.passVersion ?? null,
      };
    },
  );
};
