import type { Db } from '../../platform/db/index.ts';
import { isUniqueViolation, PlatformErrors } from '../../platform/errors/index.ts';
import { recordAudit } from '../audit/index.ts';
import { type Ctx, inTransaction } from '../context/index.ts';
import { type ClaimedSetting, claimChangesOf } from './channel-claims.rules.ts';
import { applyClaimChanges } from './channel-claims.ts';
import { applyGuardedSettings, type GuardedOutcome, type GuardedSetting } from './guarded-settings.rules.ts';
import { mergeSettings, type OrgSecrets, redactSettings, type Settings } from './org-secrets.rules.ts';
import { OrgErrors } from './orgs.errors.ts';
import type { OrgsTables } from './orgs.tables.ts';

export interface Organization {
  id: string;
  slug: string;
  name: string;
  timeZone: string;
  currency: string;
  languages: string[];
  settings: Record<string, unknown>;
  /** The modules it runs; null: it never chose, and runs every module the deployment enables. */
  modules: string[] | null;
}

export interface OrganizationInput {
  slug: string;
  name: string;
  timeZone: string;
  currency: string;
  languages: string[];
  /** Checked against the enabled modules by the caller; omitted or null: every enabled module. */
  modules?: string[] | null;
}

/** Creates an organization (operator); its slug is unique across the deployment. */
export async function createOrganization(db: Db, input: OrganizationInput): Promise<Organization> {
  try {
    const row = await db
      .withTables<OrgsTables>()
      .insertInto('organization')
      .values({
        slug: input.slug,
        name: input.name,
        time_zone: input.timeZone,
        currency: input.currency,
        languages: input.languages,
        modules: input.modules ?? null,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    return toOrganization(row);
  } catch (err) {
    if (isUniqueViolation(err))
      throw PlatformErrors.conflict({ slug: input.slug }, { message: `Organization ${input.slug} exists` });
    throw err;
  }
}

/** Finds an organization by slug across the deployment (CLI, webhooks routing). */
export async function findOrganizationBySlug(db: Db, slug: string): Promise<Organization | undefined> {
  const row = await db
    .withTables<OrgsTables>()
    .selectFrom('organization')
    .selectAll()
    .where('slug', '=', slug)
    .executeTakeFirst();
  return row ? toOrganization(row) : undefined;
}

/** Every organization, for jobs that work across all of them. */
export async function listOrganizations(db: Db): Promise<Organization[]> {
  const rows = await db
    .withTables<OrgsTables>()
    .selectFrom('organization')
    .selectAll()
    .orderBy('created_at')
    .execute();
  return rows.map(toOrganization);
}

/** The caller's organization. */
export async function getOrganization(
  ctx: Ctx,
  options: { forUpdate?: boolean } = {},
): Promise<Organization> {
  let query = ctx.db
    .withTables<OrgsTables>()
    .selectFrom('organization')
    .selectAll()
    .where('id', '=', ctx.orgId);
  // Settings are merged read-modify-write: lock the row so concurrent updates do not lose keys.
  if (options.forUpdate) query = query.forUpdate();
  const row = await query.executeTakeFirst();
  if (!row) throw OrgErrors.org_not_found({ id: ctx.orgId });
  return toOrganization(row);
}

/** A change to the caller's organization; `settings` merges into the stored ones (top-level keys). */
export type OrganizationPatch = Partial<Omit<OrganizationInput, 'slug'>> & {
  settings?: Record<string, unknown>;
};

/**
 * Changes the caller's organization settings; audited with before and after, secrets shown only
 * as `{ set, last4 }`. Declared secret settings in the patch are sealed before they reach SQL, so
 * neither the row, a database error nor the audit entry ever holds them in plaintext. A patch that
 * changes nothing answers the organization as it is and writes no audit entry. A claimed setting
 * (a WhatsApp number, a Telegram bot) is claimed in the same transaction: when another
 * organization holds it, nothing of the patch is kept. A guarded setting (`access`) is changed only
 * by a caller holding its permission (403 otherwise, nothing kept), and each change is audited by
 * its area besides the organization's update.
 */
export async function updateOrganization(
  ctx: Ctx,
  patch: OrganizationPatch,
  secrets: OrgSecrets = { paths: [], key: '' },
  claimed: ReadonlyArray<ClaimedSetting> = [],
  access: SettingsAccess = { guarded: [], holds: () => false },
): Promise<Organization> {
  const changes = definedKeys(patch).filter(
    (k) => k !== 'settings' || definedKeys(patch.settings!).length > 0,
  );
  if (changes.length === 0) return getOrganization(ctx);
  const claims = changes.includes('settings')
    ? claimChangesOf(patch.settings!, claimed, secrets.paths)
    : { changes: [], issues: [] };
  if (claims.issues.length)
    throw PlatformErrors.validation_failed(
      {},
      { message: claims.issues.map((i) => i.field).join('; '), fields: claims.issues },
    );
  return inTransaction(ctx, async (tx) => {
    const before = await getOrganization(tx, { forUpdate: true });
    const settings = changes.includes('settings')
      ? settledSettings(before.settings, patch.settings!, secrets, access)
      : undefined;
    const row = await tx.db
      .withTables<OrgsTables>()
      .updateTable('organization')
      .set({
        ...(patch.name !== undefined ? { name: patch.name } : {}),
        ...(patch.timeZone !== undefined ? { time_zone: patch.timeZone } : {}),
        ...(patch.currency !== undefined ? { currency: patch.currency } : {}),
        ...(patch.languages !== undefined ? { languages: patch.languages } : {}),
        ...(patch.modules !== undefined ? { modules: patch.modules } : {}),
        ...(settings ? { settings: JSON.stringify(settings.settings) } : {}),
      })
      .where('id', '=', tx.orgId)
      .returningAll()
      .executeTakeFirstOrThrow();
    await applyClaimChanges(tx, claims.changes);
    const after = toOrganization(row);
    await recordAudit(tx, {
      action: 'platform.organization.updated',
      subject: { type: 'organization', id: tx.orgId },
      before: redactOrganization(before, secrets.paths),
      after: redactOrganization(after, secrets.paths),
    });
    for (const change of settings?.guarded ?? []) await change.setting.recordChange(tx, change);
    return after;
  });
}

/** Who may change what among the guarded settings: those the areas declare, and the caller's permissions. */
export interface SettingsAccess {
  guarded: ReadonlyArray<GuardedSetting>;
  holds(permission: string): boolean;
}

/**
 * The settings a patch leaves, and the guarded ones it changes. A guarded setting the caller may
 * not change refuses the whole patch (403 naming the permission) before any of its values is
 * judged; then a value its area refuses (400, naming the field).
 */
function settledSettings(
  stored: Settings,
  patch: Settings,
  secrets: OrgSecrets,
  access: SettingsAccess,
): { settings: Settings; guarded: GuardedOutcome[] } {
  const merged = mergeSettings(stored, patch, secrets);
  const { settings, outcomes } = applyGuardedSettings(stored, merged, patch, access.guarded);
  const denied = outcomes.find((o) => !access.holds(o.setting.permission));
  if (denied) {
    const { path, permission } = denied.setting;
    throw PlatformErrors.forbidden(
      { permission, setting: path },
      { message: `Changing the setting ${path} needs the permission ${permission}` },
    );
  }
  const issues = outcomes.flatMap((o) => o.issues);
  if (issues.length)
    throw PlatformErrors.validation_failed(
      {},
      { message: issues.map((i) => i.field).join('; '), fields: issues },
    );
  return { settings, guarded: outcomes };
}

/** An organization fit for an audit entry or a log line: secret settings as `{ set, last4 }`. */
export const redactOrganization = (org: Organization, secretPaths: readonly string[]): Organization => ({
  ...org,
  settings: redactSettings(org.settings, secretPaths),
});

const definedKeys = (o: object) => Object.entries(o).flatMap(([k, v]) => (v === undefined ? [] : [k]));

function toOrganization(r: {
  id: string;
  slug: string;
  name: string;
  time_zone: string;
  currency: string;
  languages: string[];
  settings: Record<string, unknown>;
  modules: string[] | null;
}): Organization {
  return {
    id: r.id,
    slug: r.slug,
    name: r.name,
    timeZone: r.time_zone,
    currency: r.currency.trim(),
    languages: r.languages,
    settings: r.settings,
    modules: r.modules,
  };
}
