import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { sendCreated } from '../../core/idempotency/index.ts';
import { patchBodyOf, routeOptions } from '../../platform/http/index.ts';
import { createCycle } from './billing-cycles.ts';
import {
  closureBody,
  createdResponse,
  cycleBody,
  mealBody,
  messSettingsSchema,
  sheetOwnershipSchema,
} from './mess.contract.ts';
import type { MessRuntime } from './mess.runtime.ts';
import { messSettingsOf } from './mess.settings.ts';
import { changeMessSettings, createClosure, createMeal } from './setup.ts';
import { sheetOwnershipOf } from './sheet-ownership.ts';

/** Settings, meal windows, closures and billing cycles (lists and exports come from the resources). */
export const setupRoutes =
  (rt: MessRuntime): FastifyPluginAsyncZod =>
  async (app) => {
    const op = routeOptions(['mess']);
    app.get(
      '/api/mess/settings',
      op('mess.setup.read', 'Mess settings', { response: { 200: messSettingsSchema } }),
      async (req) => {
        const { timeZone: _tz, currency: _c, languages: _l, ...settings } = await messSettingsOf(req.ctx);
        return settings;
      },
    );
    app.patch(
      '/api/mess/settings',
      op({ permission: 'mess.setup.update', refuses: [409, 503] }, 'Change mess settings', {
        body: patchBodyOf(messSettingsSchema),
        response: { 200: messSettingsSchema },
      }),
      async (req) => changeMessSettings(req.ctx, rt, req.body),
    );
    app.get(
      '/api/mess/settings/sheet-ownership',
      op(
        'mess.setup.read',
        "The backup spreadsheet's proof of ownership: the code to type into it, and whether it is proven",
        { response: { 200: sheetOwnershipSchema } },
      ),
      async (req) => sheetOwnershipOf(req.ctx, rt, (await messSettingsOf(req.ctx)).sheetsSpreadsheetId),
    );
    app.post(
      '/api/mess/meals',
      op({ permission: 'mess.setup.update', refuses: [409, 422] }, 'Add a meal window', {
        body: mealBody,
        response: createdResponse,
      }),
      async (req, reply) =>
        sendCreated(req, reply, { scope: 'mess.meal.create' }, (tx) => createMeal(tx, req.body)),
    );
    app.post(
      '/api/mess/closures',
      op(
        { permission: 'mess.setup.update', refuses: [409, 422] },
        'Close the mess on a date (all meals, or some)',
        { body: closureBody, response: createdResponse },
      ),
      async (req, reply) =>
        sendCreated(req, reply, { scope: 'mess.closure.create' }, (tx) => createClosure(tx, req.body)),
    );
    app.post(
      '/api/mess/cycles',
      op({ permission: 'mess.setup.update', refuses: [409, 422] }, 'Open a billing cycle', {
        body: cycleBody,
        response: createdResponse,
      }),
      async (req, reply) =>
        sendCreated(req, reply, { scope: 'mess.cycle.create' }, (tx) => createCycle(tx, req.body)),
    );
  };
