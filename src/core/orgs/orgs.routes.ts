import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { routeOptions } from '../../platform/http/index.ts';
import { LOCALES } from '../i18n/index.ts';
import { isTimeZone } from '../time/index.ts';
import type { ClaimedSetting } from './channel-claims.rules.ts';
import type { GuardedSetting } from './guarded-settings.rules.ts';
import { type OrgSecrets, presentSettings } from './org-secrets.rules.ts';
import { getOrganization, type Organization, updateOrganization } from './organizations.ts';

const organization = z.object({
  id: z.string(),
  slug: z.string(),
  name: z.string(),
  timeZone: z.string(),
  currency: z.string(),
  languages: z.array(z.string()),
  settings: z.record(z.string(), z.unknown()),
  modules: z
    .array(z.string())
    .nullable()
    .describe('The modules it runs (menu, dashboard, bots and API); null: every enabled module'),
  /** Dotted paths in `settings` that hold secrets: write-only, shown as `{ set, last4 }`. */
  secretSettings: z.array(z.string()),
  /** Dotted paths in `settings` only holders of a permission change (a PATCH changing one without it: 403). */
  guardedSettings: z.array(z.object({ path: z.string(), permission: z.string() })),
});

/** The modules an organization may choose: those the deployment enables, each once. */
const modulesChoice = (enabled: readonly string[]) =>
  z
    .array(z.string())
    .refine((list) => list.every((m) => enabled.includes(m)), {
      message: `expected modules this deployment enables: ${enabled.join(', ')}`,
    })
    .refine((list) => new Set(list).size === list.length, 'expected each module once')
    .nullable();

const patchBody = (enabled: readonly string[]) =>
  z.object({
    name: z.string().trim().min(1).max(200).optional(),
    timeZone: z.string().refine(isTimeZone, 'expected an IANA time zone like Asia/Kolkata').optional(),
    currency: z
      .string()
      .regex(/^[A-Z]{3}$/, 'expected an ISO 4217 code')
      .optional(),
    languages: z.array(z.enum(LOCALES)).min(1).optional(),
    settings: z.record(z.string(), z.unknown()).optional(),
    modules: modulesChoice(enabled).optional(),
  });

export interface OrgRouteOptions {
  /** The secret settings every enabled area declared, and the key that seals them. */
  secrets: OrgSecrets;
  /** Settings naming a chat identity that one organization of the deployment holds (`claimedSettings`). */
  claimed: ReadonlyArray<ClaimedSetting>;
  /** Settings only holders of a permission change (`guardedSettings`), as every enabled area declares them. */
  guarded: ReadonlyArray<GuardedSetting>;
  /** The modules the deployment enables: an organization chooses among them. */
  enabledModules: readonly string[];
}

/**
 * The caller's organization and its settings. Secret settings are write-only: PATCH takes the
 * plaintext string (`null` clears it), every answer shows `{ "set": true, "last4": "…" }`. A guarded
 * setting (the refund limits) changes only for a caller holding its permission.
 */
export const orgRoutes: FastifyPluginAsyncZod<OrgRouteOptions> = async (
  app,
  { secrets, claimed, guarded, enabledModules },
) => {
  const present = (org: Organization) => ({
    ...org,
    settings: presentSettings(org.settings, secrets.paths),
    secretSettings: [...secrets.paths],
    guardedSettings: guarded.map(({ path, permission }) => ({ path, permission })),
  });
  const op = routeOptions(['organization']);
  app.get(
    '/api/org',
    op('platform.settings.read', 'My organization and its settings', { response: { 200: organization } }),
    async (req) => present(await getOrganization(req.ctx)),
  );
  app.patch(
    '/api/org',
    op({ permission: 'platform.settings.update', refuses: [409] }, 'Change organization settings', {
      body: patchBody(enabledModules),
      response: { 200: organization },
    }),
    async (req) =>
      present(
        await updateOrganization(req.ctx, req.body, secrets, claimed, {
          guarded,
          holds: (permission) => req.auth?.permissions.has(permission) ?? false,
        }),
      ),
  );
};
