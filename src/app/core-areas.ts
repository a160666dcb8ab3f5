import { telegramArea } from '../channels/telegram/index.ts';
import { whatsappArea } from '../channels/whatsapp/index.ts';
import { auditRoutes } from '../core/audit/index.ts';
import { PLATFORM_PERMISSIONS } from '../core/auth/index.ts';
import { contactsArea } from '../core/contacts/index.ts';
import { conversationsArea } from '../core/conversations/index.ts';
import { filesArea } from '../core/files/index.ts';
import { jobsRoutes } from '../core/jobs/index.ts';
import type { ModuleDefinition } from '../core/modules/index.ts';
import { notificationsArea } from '../core/notifications/index.ts';
import { passIssuerArea } from '../core/pass-issuer/index.ts';
import { paymentsArea } from '../core/payments/index.ts';
import { resourcesArea } from '../core/resources/index.ts';

/**
 * Core capabilities plugged in like modules (same contract), always enabled. Their tables come from
 * the single `src/core/migrations` folder. Auth is wired separately: every other area depends on it.
 */
export const CORE_AREAS: ModuleDefinition[] = [
  {
    name: 'platform',
    permissions: PLATFORM_PERMISSIONS,
    // `/api/org` is registered by build-app: it needs the secret settings every area declares.
    routes: () => async (app) => app.register(auditRoutes),
  },
  { name: 'jobs', routes: (deps) => async (app) => app.register(jobsRoutes, { jobs: deps.jobs }) },
  contactsArea,
  filesArea,
  notificationsArea,
  paymentsArea,
  passIssuerArea,
  resourcesArea,
  conversationsArea(),
  whatsappArea,
  telegramArea,
];
