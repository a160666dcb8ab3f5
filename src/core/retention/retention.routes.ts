import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { routeOptions } from '../../platform/http/index.ts';
import {
  legalHoldBody,
  legalHoldParams,
  retentionPreviewSchema,
  retentionSettingsPatch,
  retentionSettingsSchema,
} from './retention.contract.ts';
import { readRetentionSettings, setLegalHold, updateRetentionSettings } from './retention-settings.ts';
import { type CleanupDeps, retentionRules, runCleanup } from './run-cleanup.ts';

const op = routeOptions(['retention']);

export interface RetentionRouteOptions {
  cleanup: CleanupDeps;
  jobsKeepDays: number;
}

/** Retention settings of the caller's organization, the dry run as a preview, and legal holds. */
export const retentionRoutes: FastifyPluginAsyncZod<RetentionRouteOptions> = async (
  app,
  { cleanup, jobsKeepDays },
) => {
  const settingsOf = async (settings: Awaited<ReturnType<typeof readRetentionSettings>>) => ({
    kinds: retentionRules(cleanup).map((rule) => {
      const chosen = Object.hasOwn(settings.periods, rule.kind);
      return {
        kind: rule.kind,
        label: rule.label,
        defaultDays: rule.defaultDays,
        days: chosen ? (settings.periods[rule.kind] ?? null) : rule.defaultDays,
        chosen,
      };
    }),
    legalHold: settings.legalHold,
    legalHoldReason: settings.legalHoldReason,
    jobsKeepDays,
  });

  app.get(
    '/api/retention/settings',
    op('retention.settings.read', 'How long each kind of data is kept (defaults shown) and the legal hold', {
      response: { 200: retentionSettingsSchema },
    }),
    async (req) => settingsOf(await readRetentionSettings(req.ctx)),
  );

  app.patch(
    '/api/retention/settings',
    op(
      { permission: 'retention.settings.manage', refuses: [422] },
      'Change retention periods (null keeps a kind forever) or the legal hold',
      { body: retentionSettingsPatch, response: { 200: retentionSettingsSchema } },
    ),
    async (req) =>
      settingsOf(
        await updateRetentionSettings(
          req.ctx,
          retentionRules(cleanup).map((r) => r.kind),
          req.body,
        ),
      ),
  );

  app.get(
    '/api/retention/preview',
    op('retention.settings.read', 'What a cleanup would remove now, per kind (a dry run)', {
      response: { 200: retentionPreviewSchema },
    }),
    async (req) => {
      const [report] = await runCleanup(cleanup, { dryRun: true, trigger: 'console', orgId: req.ctx.orgId });
      return { held: report?.held ?? false, kinds: report?.kinds ?? [] };
    },
  );

  // one path per kind of record: every path parameter is an id
  for (const [path, type] of [
    ['/api/retention/holds/contacts/:id', 'contact'],
    ['/api/retention/holds/payments/:id', 'payment'],
  ] as const)
    app.put(
      path,
      op('retention.hold.manage', `Put a ${type} under a legal hold, or release it`, {
        params: legalHoldParams,
        body: legalHoldBody,
        response: { 204: z.null() },
      }),
      async (req, reply) => {
        await setLegalHold(req.ctx, { type, id: req.params.id, ...req.body });
        return reply.status(204).send(null);
      },
    );
};
