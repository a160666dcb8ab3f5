import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { patchBodyOf } from '../../platform/http/index.ts';
import { createCycle } from './billing-cycles.ts';
import type { MessDeps } from './mess.runtime.ts';
import { messSettingsOf, messSettingsSchema } from './mess.settings.ts';
import { changeMessSettings, createClosure, createMeal } from './setup.ts';
import { sheetOwnershipOf } from './sheet-ownership.ts';

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected YYYY-MM-DD');
const clock = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'expected HH:MM');
const created = { 201: z.object({ id: z.string() }) };

const sheetOwnership = z.object({
  /** The organization's verification code, to type into `cell` of the sheet named `sheet`. */
  code: z.string(),
  sheet: z.string(),
  cell: z.string(),
  /** The backup spreadsheet in the settings, and when it was proven (null: not yet, nothing is written to it). */
  spreadsheetId: z.string().nullable(),
  provenAt: z.string().nullable(),
  /** Whether this deployment has a Google service account at all. */
  sheetsConfigured: z.boolean(),
});

/** Settings, meal windows, closures and billing cycles (lists and exports come from the resources). */
export const setupRoutes =
  (deps: MessDeps): FastifyPluginAsyncZod =>
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
      async (req) => changeMessSettings(req.ctx, deps, req.body),
    );
    app.get(
      '/api/mess/settings/sheet-ownership',
      {
        schema: {
          tags,
          summary:
            "The backup spreadsheet's proof of ownership: the code to type into it, and whether it is proven",
          response: { 200: sheetOwnership },
        },
        config: { permission: 'mess.setup.read' },
      },
      async (req) => sheetOwnershipOf(req.ctx, deps, (await messSettingsOf(req.ctx)).sheetsSpreadsheetId),
    );
    app.post(
      '/api/mess/meals',
      {
        schema: {
          tags,
          summary: 'Add a meal window',
          body: z.object({
            name: z.string().trim().min(1).max(60),
            start: clock,
            end: clock,
            weekdays: z.array(z.number().int().min(1).max(7)).min(1).default([1, 2, 3, 4, 5, 6, 7]),
            position: z.number().int().min(0).max(100).optional(),
          }),
          response: created,
        },
        config: { permission: 'mess.setup.update' },
      },
      async (req, reply) => reply.status(201).send(await createMeal(req.ctx, req.body)),
    );
    app.post(
      '/api/mess/closures',
      {
        schema: {
          tags,
          summary: 'Close the mess on a date (all meals, or some)',
          body: z.object({
            date: isoDate,
            mealIds: z.array(z.string().uuid()).min(1).nullable().default(null),
            reason: z.string().max(200).optional(),
          }),
          response: created,
        },
        config: { permission: 'mess.setup.update' },
      },
      async (req, reply) => reply.status(201).send(await createClosure(req.ctx, req.body)),
    );
    app.post(
      '/api/mess/cycles',
      {
        schema: {
          tags,
          summary: 'Open a billing cycle',
          body: z
            .object({
              name: z.string().trim().min(1).max(60),
              from: isoDate,
              to: isoDate,
              feeMinor: z.number().int().min(0),
              rebatePerDayMinor: z.number().int().min(0).default(0),
              currency: z.string().regex(/^[A-Z]{3}$/),
            })
            .refine((c) => c.to >= c.from, { message: 'to is before from', path: ['to'] }),
          response: created,
        },
        config: { permission: 'mess.setup.update' },
      },
      async (req, reply) => reply.status(201).send(await createCycle(req.ctx, req.body)),
    );
  };
