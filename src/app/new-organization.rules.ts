import { z } from 'zod';
import { LOCALES } from '../core/i18n/index.ts';
import type { OrganizationInput } from '../core/orgs/index.ts';
import { isTimeZone } from '../core/time/index.ts';
import type { Config } from '../platform/config/index.ts';

const options = (enabledModules: readonly string[]) =>
  z.object({
    name: z.string().trim().min(1).max(200),
    // The slug is a URL segment (`/webhooks/telegram/<slug>`) and the sign-in `org` field (≤ 40).
    slug: z
      .string()
      .regex(
        /^[a-z0-9](?:[a-z0-9-]{0,38}[a-z0-9])?$/,
        'expected lowercase letters, digits and dashes, up to 40',
      ),
    ownerEmail: z.email(),
    ownerName: z.string().trim().min(1).max(200).optional(),
    timeZone: z.string().refine(isTimeZone, 'expected an IANA time zone like Asia/Kolkata'),
    currency: z.string().regex(/^[A-Z]{3}$/, 'expected an ISO 4217 code like INR'),
    languages: z.array(z.enum(LOCALES)).min(1),
    modules: z
      .array(z.string())
      .min(1, 'expected at least one module')
      .refine((list) => list.every((m) => enabledModules.includes(m)), {
        message: `expected modules this deployment enables: ${enabledModules.join(', ')}`,
      })
      .optional(),
  });

export type NewOrganization = {
  organization: OrganizationInput;
  owner: { email: string; name: string };
};

/**
 * `opsdesk create-org` options, with the deployment's defaults for what is left out; every
 * problem is named after its flag so the operator can fix all of them in one go. `--modules`
 * (a comma list among the enabled modules) is the business it runs; left out, it runs them all.
 */
export function parseNewOrganization(
  opts: Record<string, string | undefined>,
  defaults: Pick<Config, 'OPSDESK_TIMEZONE' | 'OPSDESK_CURRENCY' | 'OPSDESK_LANGUAGES'>,
  enabledModules: readonly string[] = [],
): { ok: true; value: NewOrganization } | { ok: false; problems: string[] } {
  const list = (value: string) =>
    value
      .split(',')
      .map((l) => l.trim())
      .filter(Boolean);
  const parsed = options(enabledModules).safeParse({
    ...opts,
    timeZone: opts.timeZone ?? defaults.OPSDESK_TIMEZONE,
    currency: (opts.currency ?? defaults.OPSDESK_CURRENCY).toUpperCase(),
    languages: opts.languages ? opts.languages.split(',').map((l) => l.trim()) : defaults.OPSDESK_LANGUAGES,
    modules: opts.modules === undefined ? undefined : [...new Set(list(opts.modules))],
  });
  if (!parsed.success) {
    const flag = (key: PropertyKey | undefined) =>
      `--${String(key ?? '').replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;
    return { ok: false, problems: parsed.error.issues.map((i) => `${flag(i.path[0])}: ${i.message}`) };
  }
  const v = parsed.data;
  return {
    ok: true,
    value: {
      organization: {
        name: v.name,
        slug: v.slug,
        timeZone: v.timeZone,
        currency: v.currency,
        languages: v.languages,
        ...(v.modules ? { modules: v.modules } : {}),
      },
      owner: { email: v.ownerEmail.toLowerCase(), name: v.ownerName ?? v.ownerEmail.split('@')[0]! },
    },
  };
}
