import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { routeOptions, sendFile } from '../../../platform/http/index.ts';
import { alertSettingsInput, getAlertSettings, updateAlertSettings } from '../alert-settings.ts';
import { accountMeterRequests, requestMeter } from '../meter-requests.ts';
import { accountAlerts, meterUsage } from '../meter-usage.ts';
import { statementQuery } from '../prepaid.contract.ts';
import type { PrepaidRuntime } from '../prepaid.runtime.ts';
import { statementPdf } from '../statement.pdf.ts';
import { lastMonth, statementData } from '../statements.ts';
import {
  alertList,
  alertSettingsSchema,
  meterParams,
  meterRequestBody,
  meterRequestList,
  meterRequestSchema,
  meterUsageSchema,
  orgParam,
  sessionHeaders,
} from './portal.contract.ts';
import { portalLanguageOf } from './portal.rules.ts';
import { portalAuth, portalRouteAccess } from './portal-auth.ts';
import { accountMeter } from './portal-views.ts';

const op = routeOptions(['prepaid portal']);

/**
 * What a signed-in customer reads and sets about their own account: alert settings, alerts, and
 * each meter's use per day. Public routes that authenticate their caller by the portal session.
 */
export const portalAccountRoutes =
  (rt: PrepaidRuntime): FastifyPluginAsyncZod =>
  async (app) => {
    const { signedIn } = portalAuth(rt);
    const { sessionRoute: config } = portalRouteAccess(rt);

    app.get(
      '/api/prepaid/portal/:org/alert-settings',
      op(config, 'My alert settings: low balance (days or kWh left) and unusual use', {
        params: orgParam,
        headers: sessionHeaders,
        response: { 200: alertSettingsSchema },
      }),
      async (req) => {
        const { ctx, account } = await signedIn(req);
        return getAlertSettings(ctx, account.id);
      },
    );
    app.put(
      '/api/prepaid/portal/:org/alert-settings',
      op(
        { ...config, refuses: [401, 403, 404, 422] as const },
        'Change my alert settings (what is left out stays as it was)',
        {
          params: orgParam,
          headers: sessionHeaders,
          body: alertSettingsInput,
          response: { 200: alertSettingsSchema },
        },
      ),
      async (req) => {
        const { ctx, account } = await signedIn(req, 'settings');
        return updateAlertSettings(ctx, account.id, req.body);
      },
    );
    app.get(
      '/api/prepaid/portal/:org/alerts',
      op(config, 'My meters’ alerts: open ones and those of the last 30 days', {
        params: orgParam,
        headers: sessionHeaders,
        response: { 200: alertList },
      }),
      async (req) => {
        const { ctx, account } = await signedIn(req);
        return { items: await accountAlerts(ctx, account.id) };
      },
    );
    app.get(
      '/api/prepaid/portal/:org/meters/:meterId/usage',
      op(config, 'One of my meters: use per day over the last 30 days, balance and days left', {
        params: meterParams,
        headers: sessionHeaders,
        response: { 200: meterUsageSchema },
      }),
      async (req) => {
        const { ctx, account } = await signedIn(req);
        const meter = await accountMeter(ctx, account.id, req.params.meterId);
        return meterUsage(ctx, meter.id);
      },
    );
    app.get(
      '/api/prepaid/portal/:org/meter-requests',
      op(config, 'My requests to add meters, and what staff decided', {
        params: orgParam,
        headers: sessionHeaders,
        response: { 200: meterRequestList },
      }),
      async (req) => {
        const { ctx, account } = await signedIn(req);
        return { items: await accountMeterRequests(ctx, account.id) };
      },
    );
    app.post(
      '/api/prepaid/portal/:org/meter-requests',
      op(
        { ...config, refuses: [401, 403, 404, 409] as const },
        'Ask for a meter on my account (staff approve); asking again returns the open request',
        {
          params: orgParam,
          headers: sessionHeaders,
          body: meterRequestBody,
          response: { 201: meterRequestSchema },
        },
      ),
      async (req, reply) => {
        const { ctx, account } = await signedIn(req, 'settings');
        const request = await requestMeter(ctx, {
          accountId: account.id,
          meterNumber: req.body.meterNumber,
          origin: 'add_meter',
        });
        return reply.status(201).send(request);
      },
    );
    app.get(
      '/api/prepaid/portal/:org/statement',
      op(config, 'My monthly statement as a PDF: per meter, purchases, tokens, kWh and use per day', {
        params: orgParam,
        querystring: statementQuery,
        headers: sessionHeaders,
      }),
      async (req, reply) => {
        const { ctx, account } = await signedIn(req);
        const month = req.query.month ?? (await lastMonth(ctx));
        // In the language the portal is read in (it sends it), the account's otherwise (issue 54, item 8).
        const language = portalLanguageOf(null, req.headers['accept-language']) ?? account.language;
        const pdf = await statementPdf(
          await statementData(ctx, account.id, month),
          ctx.clock.now(),
          language,
        );
        return sendFile(reply, { type: 'application/pdf', name: `statement-${month}.pdf` }, pdf);
      },
    );
  };
