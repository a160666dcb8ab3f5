import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { idempotentCreate } from '../../core/idempotency/index.ts';
import { patchBodyOf } from '../../platform/http/index.ts';
import { createCycle } from './billing-cycles.ts';
import { closureBody, createdResponse, cycleBody, mealBody, sheetOwnershipSchema } from './mess.contract.ts';
import type { MessRuntime } from './mess.runtime.ts';
import { messSettingsOf, messSettingsSchema } from './mess.settings.ts';
import { changeMessSettings, createClosure, createMeal } from './setup.ts';
import { sheetOwnershipOf } from './sheet-ownership.ts';

/** Settings, meal windows, closures and billing cycles (lists and exports come from the resources). */
export const setupRoutes =
  (rt: MessRuntime): FastifyPluginAsyncZod =>
  async (app) => {
    const tags = ['mess'];
    app.get(
      '/api/mess/settings',
      {
        schema: { tags, summary: 'Mess settings', response: { 200: messSettingsSchema } },
        config: { permission: 'mess.setup.read' },
      },
      async (req) => {
        const { timeZone: _tz, currency: _c, languages: _l, ...settings } = await messSettingsOf(req.ctx);
        return settings;
      },
    );
    app.patch(
      '/api/mess/settings',
      {
        schema: {
          tags,
          summary: 'Change mess settings',
          body: patchBodyOf(messSettingsSchema),
          response: { 200: messSettingsSchema },
        },
        config: { permission: 'mess.setup.update', refuses: [409, 503] },
      },
      async (req) => changeMessSettings(req.ctx, rt, req.body),
    );
    app.get(
      '/api/mess/settings/sheet-ownership',
      {
        schema: {
          tags,
          summary:
            "The backup spreadsheet's proof of ownership: the code to type into it, and whether it is proven",
          response: { 200: sheetOwnershipSchema },
        },
        config: { permission: 'mess.setup.read' },
      },
      async (req) => sheetOwnershipOf(req.ctx, rt, (await messSettingsOf(req.ctx)).sheetsSpreadsheetId),
    );
    app.post(
      '/api/mess/meals',
      {
        schema: {
          tags,
          summary: 'Add a meal window',
          body: mealBody,
          response: createdResponse,
        },
        config: { permission: 'mess.setup.update', refuses: [409, 422] },
      },
      async (req, reply) => {
        const body = await idempotentCreate(req, { scope: 'mess.meal.create' }, (tx) =>
          createMeal(tx, req.body),
        );
        return reply.status(201).send(body);
      },
    );
    app.post(
      '/api/mess/closures',
      {
        schema: {
          tags,
          summary: 'Close the mess on a date (all meals, or some)',
          body: closureBody,
          response: createdResponse,
        },
        config: { permission: 'mess.setup.update', refuses: [409, 422] },
      },
      async (req, reply) => {
        const body = await idempotentCreate(req, { scope: 'mess.closure.create' }, (tx) =>
          createClosure(tx, req.body),
        );
        return reply.status(201).send(body);
      },
    );
    app.post(
      '/api/mess/cycles',
      {
        schema: {
          tags,
          summary: 'Open a billing cycle',
          body: cycleBody,
          response: createdResponse,
        },
        config: { permission: 'mess.setup.update', refuses: [409, 422] },
      },
      async (req, reply) => {
        const body = await idempotentCreate(req, { scope: 'mess.cycle.create' }, (tx) =>
          createCycle(tx, req.body),
        );
        return reply.status(201).send(body);
      },
    );
  };
