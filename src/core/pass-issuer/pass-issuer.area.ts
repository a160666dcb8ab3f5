import type { ModuleDefinition } from '../modules/index.ts';
import { passIssuerRoutes } from './pass-issuer.routes.ts';
import { resealPassKeys } from './reseal-pass-keys.ts';

/** Signed passes on the server: per-organization keys, issuing, revocation, public keys for scanners. */
export const passIssuerArea: ModuleDefinition = {
  name: 'passes',
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
};
