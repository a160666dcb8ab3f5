import type { Config } from '../../platform/config/index.ts';
import type { FieldIssue } from '../../platform/errors/index.ts';
import { type OrgSecrets, openSetting, type Settings, settingAt } from './org-secrets.rules.ts';

/**
 * A setting whose value names an outside identity that one organization holds in the whole
 * deployment (issue 26): a WhatsApp phone number id, a Telegram bot. Declared by the channel area
 * that routes by it (`claimedSettings`); its path is the claim's kind.
 */
export interface ClaimedSetting {
  /** Dotted path inside `organization.settings` (`whatsapp.phoneNumberId`). */
  path: string;
  /**
   * The identity a value names: the value itself, or for a bot token the bot's id (a new token of
   * the same bot is the same bot). Undefined when the value names none (refused with `expected`).
   */
  identityOf(value: string): string | undefined;
  /** What a value must look like, for the refusal of one that names no identity. */
  expected: string;
  /** The identity the deployment's own configuration gives the default organization. */
  deploymentIdentity?(config: Config): string | undefined;
}

/** What a settings patch does to an organization's claim of one kind. */
export type ClaimChange = { setting: ClaimedSetting; identity: string | null };

const isObject = (v: unknown): v is Settings => typeof v === 'object' && v !== null && !Array.isArray(v);
const isPresented = (v: unknown, set: boolean) => isObject(v) && v.set === set && !('sealed' in v);

/**
 * The claims a settings patch changes: a new value claims its identity, a removed one (`null`, a
 * replaced parent object that leaves it out) releases it, and a secret left out or sent back as GET
 * showed it (`{ set: true }`) keeps the stored one. Values that name no identity are listed as issues.
 */
export function claimChangesOf(
  patch: Settings,
  claimed: ReadonlyArray<ClaimedSetting>,
  secretPaths: readonly string[],
): { changes: ClaimChange[]; issues: FieldIssue[] } {
  const changes: ClaimChange[] = [];
  const issues: FieldIssue[] = [];
  for (const setting of claimed) {
    const steps = setting.path.split('.');
    if (!(steps[0]! in patch)) continue;
    const parent = settingAt(patch, steps.slice(0, -1).join('.'));
    const sent = isObject(parent) ? parent[steps.at(-1)!] : undefined;
    const secret = secretPaths.includes(setting.path);
    if (secret && isObject(parent) && (sent === undefined || isPresented(sent, true))) continue;
    if (sent === undefined || sent === null || isPresented(sent, false) || sent === '') {
      changes.push({ setting, identity: null });
      continue;
    }
    const identity = typeof sent === 'string' ? setting.identityOf(sent) : undefined;
    if (identity === undefined) {
      // A secret is never echoed, even when it is not one.
      issues.push({
        field: `body.settings.${setting.path}`,
        message: `expected ${setting.expected}`,
        code: typeof sent === 'string' ? 'invalid_string' : 'invalid_type',
        expected: setting.expected,
      });
      continue;
    }
    changes.push({ setting, identity });
  }
  return { changes, issues };
}

/** The identity an organization's stored settings name for one claimed setting (secrets opened). */
export function storedIdentityOf(
  settings: Settings,
  setting: ClaimedSetting,
  secrets: OrgSecrets,
): string | undefined {
  const value = secrets.paths.includes(setting.path)
    ? openSetting(settingAt(settings, setting.path), setting.path, secrets.key)
    : settingAt(settings, setting.path);
  return typeof value === 'string' && value !== '' ? setting.identityOf(value) : undefined;
}

/** One organization naming one identity: from its settings, or from the deployment's configuration. */
export interface WantedClaim {
  kind: string;
  identity: string;
  orgId: string;
  source: 'settings' | 'deployment';
}

/** A claim as stored. */
export interface HeldClaim {
  kind: string;
  identity: string;
  orgId: string;
  source: 'settings' | 'deployment';
}

/** An identity several organizations name: `orgIds` name it without holding it; `holderId` holds it, if anyone does. */
export interface Dispute {
  kind: string;
  identity: string;
  holderId?: string;
  orgIds: string[];
}

/** What a start-up reconciliation writes: claims to add, claims to drop, identities in dispute. */
export interface ReconcilePlan {
  grant: WantedClaim[];
  drop: HeldClaim[];
  disputes: Dispute[];
}

/**
 * Reconciles the stored claims with what every organization's settings name (rows written before
 * claims existed, or by hand). Nothing is silently given to one of several organizations: an
 * identity held by one keeps its holder and the others that name it are disputed; an unheld one
 * named by one is granted, named by several it is disputed and nobody holds it. The deployment's
 * own configuration outranks settings. Claims nobody names any more are dropped.
 */
export function reconcilePlan(
  wanted: ReadonlyArray<WantedClaim>,
  held: ReadonlyArray<HeldClaim>,
): ReconcilePlan {
  const key = (c: { kind: string; identity: string }) => `${c.kind}\u0000${c.identity}`;
  const heldBy = new Map(held.map((c) => [key(c), c]));
  const groups = new Map<string, WantedClaim[]>();
  for (const w of wanted) groups.set(key(w), [...(groups.get(key(w)) ?? []), w]);
  const plan: ReconcilePlan = { grant: [], drop: [], disputes: [] };
  for (const [k, group] of groups) {
    const { kind, identity } = group[0]!;
    const orgIds = [...new Set(group.map((w) => w.orgId))];
    const deployment = group.find((w) => w.source === 'deployment');
    const holder = heldBy.get(k);
    const keeper = deployment?.orgId ?? (holder && orgIds.includes(holder.orgId) ? holder.orgId : undefined);
    if (keeper) {
      // The deployment's claim is marked as such, so clearing the setting never releases it.
      if (holder?.orgId !== keeper || (deployment && holder.source !== 'deployment')) {
        if (holder) plan.drop.push(holder);
        plan.grant.push(deployment ?? group.find((w) => w.orgId === keeper)!);
      }
      const others = orgIds.filter((id) => id !== keeper);
      if (others.length) plan.disputes.push({ kind, identity, holderId: keeper, orgIds: others });
    } else if (orgIds.length === 1) {
      if (holder) plan.drop.push(holder);
      plan.grant.push(group[0]!);
    } else {
      if (holder) plan.drop.push(holder);
      plan.disputes.push({ kind, identity, orgIds });
    }
  }
  for (const [k, claim] of heldBy) if (!groups.has(k)) plan.drop.push(claim);
  return plan;
}
