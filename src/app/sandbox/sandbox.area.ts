import { z } from 'zod';
import { defineArea } from '../../core/modules/index.ts';
import { sandboxMailRoutes } from './sandbox-mail.routes.ts';
import { sandboxPhoneRoutes } from './sandbox-phone.routes.ts';
import { SANDBOX_SERVICES, type Sandbox } from './start-sandbox.ts';

/**
 * The sandbox's face in the app, enabled only when the sandbox runs: what it plays (the console's
 * banner and channel cards read it), the payers' phone and the caught-mail inbox. Its permissions
 * exist only then, so no production console shows these screens.
 */
export const sandboxArea = (sandbox: Sandbox) =>
  defineArea<Sandbox>({
    name: 'sandbox',
    permissions: [
      {
        key: 'sandbox.phone.use',
        description: 'Answer payment requests as the sandbox payer',
        roles: ['ops'],
      },
      { key: 'sandbox.mail.read', description: 'Read the e-mails the sandbox caught', roles: ['ops'] },
    ],
    start: () => sandbox,
    routes: (rt) => async (app) => {
      app.get(
        '/api/sandbox',
        {
          schema: {
            tags: ['sandbox'],
            summary: 'The services the sandbox plays instead of the real ones',
            response: { 200: z.object({ services: z.array(z.enum(SANDBOX_SERVICES)) }) },
          },
        },
        async () => ({ services: rt.services }),
      );
      await app.register(sandboxPhoneRoutes, { sandbox: rt });
      await app.register(sandboxMailRoutes, { sandbox: rt });
    },
  });
