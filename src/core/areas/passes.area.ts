import { defineArea } from '../modules/index.ts';
import { passIssuerRoutes, resealPassKeys } from '../pass-issuer/index.ts';
import { PassErrors } from '../passes/index.ts';

/** Signed passes on the server: per-organization keys, issuing, revocation, public keys for scanners. */
export const passesArea = defineArea({
  name: 'passes',
  errors: [PassErrors],
  permissions: [
    { key: 'passes.pass.verify', description: 'Check a scanned pass online', roles: ['scanner', 'ops'] },
    { key: 'passes.key.rotate', description: 'Rotate the pass signing key' },
  ],
  resealSecrets: async (trx, keys) => ({
    label: 'pass signing key(s)',
    count: await resealPassKeys(trx, keys),
  }),
  routes: (deps) => async (app) =>
    app.register(passIssuerRoutes, { secretKey: deps.config.OPSDESK_SECRET_KEY }),
});
