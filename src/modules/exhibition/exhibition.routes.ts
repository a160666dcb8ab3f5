import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { badgeLinkRoutes } from './badge-link.routes.ts';
import { billRefundRoutes } from './bill-refunds.routes.ts';
import { billRoutes } from './bills.routes.ts';
import { boothRoutes } from './booths.routes.ts';
import { customerRoutes } from './customers.routes.ts';
import { emailRunRoutes } from './email-runs.routes.ts';
import type { ExhibitionRuntime } from './exhibition.runtime.ts';
import { exhibitionSetupRoutes } from './exhibition-setup.routes.ts';
import { exhibitionsRoutes } from './exhibitions.routes.ts';
import { mailTextRoutes } from './mail-texts.routes.ts';
import { statementLinkRoutes } from './statement-link.routes.ts';
import { statementRoutes } from './statements.routes.ts';
import { tabPaymentRoutes } from './tab-payments.routes.ts';

/**
 * Every exhibition route, one file per resource, for the desk, the booths and the console.
 * Handlers: validate → one use case → reply.
 */
export function exhibitionRoutes(rt: ExhibitionRuntime): FastifyPluginAsyncZod {
  return async (app) => {
    await app.register(exhibitionsRoutes(rt));
    await app.register(boothRoutes(rt));
    await app.register(customerRoutes(rt));
    await app.register(billRoutes(rt));
    await app.register(statementRoutes(rt));
    await app.register(billRefundRoutes(rt));
    await app.register(tabPaymentRoutes(rt));
    await app.register(emailRunRoutes(rt));
    await app.register(exhibitionSetupRoutes());
    await app.register(badgeLinkRoutes(rt));
    await app.register(statementLinkRoutes(rt));
    await app.register(mailTextRoutes());
  };
}
