import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { messV1Routes } from './compat/v1.routes.ts';
import { feeRefundRoutes } from './fee-refunds.routes.ts';
import { legacyPassRoutes } from './legacy-passes.routes.ts';
import type { MessRuntime } from './mess.runtime.ts';
import { passLinkRoutes } from './pass-link.routes.ts';
import { passRunRoutes } from './pass-regeneration.routes.ts';
import { reportsRoutes } from './reports.routes.ts';
import { scannerRoutes } from './scanner.routes.ts';
import { setupRoutes } from './setup.routes.ts';
import { studentMessagesRoutes } from './student-messages.routes.ts';
import { studentsRoutes } from './students.routes.ts';
import { wardensRoutes } from './wardens.routes.ts';

/** Every mess route. */
export function messRoutes(rt: MessRuntime): FastifyPluginAsyncZod {
  return async (app) => {
    await app.register(scannerRoutes(rt));
    await app.register(studentsRoutes(rt));
    await app.register(studentMessagesRoutes);
    await app.register(feeRefundRoutes(rt));
    await app.register(setupRoutes(rt));
    await app.register(reportsRoutes(rt));
    await app.register(wardensRoutes(rt));
    await app.register(passRunRoutes(rt));
    await app.register(passLinkRoutes(rt));
    await app.register(legacyPassRoutes(rt));
    await app.register(messV1Routes(rt));
  };
}
