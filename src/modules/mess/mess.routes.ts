import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { MessDeps } from './mess.runtime.ts';
import { passRunRoutes } from './pass-regeneration.routes.ts';
import { reportsRoutes } from './reports.routes.ts';
import { scannerRoutes } from './scanner.routes.ts';
import { setupRoutes } from './setup.routes.ts';
import { studentsRoutes } from './students.routes.ts';
import { wardensRoutes } from './wardens.routes.ts';

/** Every mess route. */
export function messRoutes(deps: MessDeps): FastifyPluginAsyncZod {
  return async (app) => {
    await app.register(scannerRoutes(deps));
    await app.register(studentsRoutes(deps));
    await app.register(setupRoutes);
    await app.register(reportsRoutes(deps));
    await app.register(wardensRoutes(deps));
    await app.register(passRunRoutes(deps));
  };
}
