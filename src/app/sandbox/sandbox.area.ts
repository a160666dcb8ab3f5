import type { FastifyPluginAsync } from 'fastify';
import { z } from 'zod';
import { defineArea } from '../../core/modules/index.ts';
import type { Config } from '../../platform/config/index.ts';
import { sandboxChatsRoutes } from './sandbox-chats.routes.ts';
import { createSandboxChats, type SandboxChats } from './sandbox-chats.ts';
import { sandboxMailRoutes } from './sandbox-mail.routes.ts';
import { sandboxPhoneRoutes } from './sandbox-phone.routes.ts';
import { sandboxSmsRoutes } from './sandbox-sms.routes.ts';
import { sandboxUssdRoutes } from './sandbox-ussd.routes.ts';
import { SANDBOX_SERVICES, type Sandbox, type SandboxService } from './start-sandbox.ts';

export type SandboxRuntime = Sandbox & { chats: SandboxChats; config: Config };

/**
 * The sandbox's face in the app, enabled only when the sandbox runs: what it plays (the console's
 * banner and channel cards read it), the payers' phone and its USSD handset, the caught-mail inbox and the simulator's
 * chats on the played WhatsApp and Telegram. Its permissions exist only then, so no production
 * console shows these screens.
 */
export const sandboxArea = (sandbox: Sandbox) =>
  defineArea<SandboxRuntime>({
    name: 'sandbox',
    permissions: [
      {
        key: 'sandbox.phone.use',
        description: 'Answer payment requests as the sandbox payer',
        roles: ['ops'],
      },
      // Not `.read` (every viewer holds those) and no role: the caught mail holds live portal sign-in
      // codes and meter tokens, so only owners and admins open it (issue 40).
      {
        key: 'sandbox.mail.open',
        description: 'Open the e-mails the sandbox caught, sign-in codes and tokens among them',
      },
      // No role either: the USSD menu shows any number's last token to whoever dials as that number.
      {
        key: 'sandbox.ussd.dial',
        description: 'Dial the USSD menu from the sandbox phone as any number',
      },
    ],
    start: (deps) => ({ ...sandbox, config: deps.config, chats: createSandboxChats(deps, sandbox) }),
    // Organizations made after the start (the demo's) get their number and bot here too.
    workers: (rt) => [
      {
        name: 'sandbox.chats',
        async start() {
          await rt.chats.provisionAll();
          return async () => {};
        },
      },
    ],
    routes: (rt) => async (app) => {
      await app.register(sandboxServicesRoute, { services: rt.services });
      await app.register(sandboxPhoneRoutes, { sandbox: rt });
      await app.register(sandboxSmsRoutes, { sandbox: rt });
      await app.register(sandboxUssdRoutes, { sandbox: rt, config: rt.config });
      await app.register(sandboxMailRoutes, { sandbox: rt });
      await app.register(sandboxChatsRoutes, { sandbox: rt, chats: rt.chats });
    },
  });

/**
 * `GET /api/sandbox`: the services the sandbox plays; none on a server without one (the console asks
 * on every sign-in, and a 404 there was a failed request in every operator's browser).
 */
export const sandboxServicesRoute: FastifyPluginAsync<{ services: SandboxService[] }> = async (
  app,
  { services },
) => {
  app.get(
    '/api/sandbox',
    {
      schema: {
        tags: ['sandbox'],
        summary: 'The services the sandbox plays instead of the real ones (none without a sandbox)',
        response: { 200: z.object({ services: z.array(z.enum(SANDBOX_SERVICES)) }) },
      },
    },
    async () => ({ services: [...services] }),
  );
};
