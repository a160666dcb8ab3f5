import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { onContactsMerged } from '../../core/contacts/index.ts';
import type { ModuleDeps } from '../../core/modules/index.ts';
import { registerFeeHooks } from './fee-payments.ts';
import './mess.errors.ts';
import { bindMessDeps } from './mess.runtime.ts';
import { reportsRoutes } from './reports.routes.ts';
import { scannerRoutes } from './scanner.routes.ts';
import { setupRoutes } from './setup.routes.ts';
import { studentsRoutes } from './students.routes.ts';
import { repointStudentContacts } from './students.ts';

/** Every mess route, and the hooks the module keeps with the core (payments, contact merges). */
export function messRoutes(deps: ModuleDeps): FastifyPluginAsyncZod {
  bindMessDeps(deps);
  registerFeeHooks();
  onContactsMerged('mess.student', repointStudentContacts);
  const messDeps = { jobs: deps.jobs, config: deps.config };
  return async (app) => {
    await app.register(scannerRoutes(messDeps));
    await app.register(studentsRoutes(messDeps));
    await app.register(setupRoutes);
    await app.register(reportsRoutes(messDeps));
  };
}
