import type { Config } from '../../platform/config/index.ts';
import { type Db, sql } from '../../platform/db/index.ts';
import type { Ctx } from '../context/index.ts';
import {
  type ClaimChange,
  type ClaimedSetting,
  type Dispute,
  type HeldClaim,
  reconcilePlan,
  storedIdentityOf,
  type WantedClaim,
} from './channel-claims.rules.ts';
import type { OrgSecrets, Settings } from './org-secrets.rules.ts';
import { OrgErrors } from './orgs.errors.ts';

/**
 * Applies a settings patch's claim changes inside its transaction (`updateOrganization`). The claim
 * is the table's primary key, so of two organizations saving one number at once exactly one insert
 * wins; the other is refused naming the field and its whole patch rolls back.
 */
export async function applyClaimChanges(tx: Ctx, changes: ReadonlyArray<ClaimChange>): Promise<void> {
  for (const { setting, identity } of changes) {
    const kind = setting.path;
    if (identity !== null && (await holderOf(tx.db, kind, identity)) === tx.orgId) {
      // Saved again (or the deployment's own number saved in settings): keep the claim, drop any other.
      await sql`delete from org_channel_claim where org_id = ${tx.orgId} and kind = ${kind}
        and identity <> ${identity} and source = 'settings'`.execute(tx.db);
      continue;
    }
    await sql`delete from org_channel_claim where org_id = ${tx.orgId} and kind = ${kind} and source = 'settings'`.execute(
      tx.db,
    );
    await sql`delete from org_channel_claim_conflict where org_id = ${tx.orgId} and kind = ${kind}`.execute(
      tx.db,
    );
    if (identity === null) continue;
    // An identity in dispute is held by nobody, and nobody new gets it while others still name it.
    const { rows } = await sql<{ org_id: string }>`
      insert into org_channel_claim (kind, identity, org_id)
      select ${kind}, ${identity}, ${tx.orgId}
      where not exists (select 1 from org_channel_claim_conflict
                        where kind = ${kind} and identity = ${identity} and org_id <> ${tx.orgId})
      on conflict (kind, identity) do nothing
      returning org_id`.execute(tx.db);
    if (rows.length > 0) continue;
    const field = {
      field: `body.settings.${kind}`,
      message: 'belongs to another organization of this deployment',
      code: 'taken',
    };
    const held = (await holderOf(tx.db, kind, identity)) !== undefined;
    throw (held ? OrgErrors.identity_claimed : OrgErrors.identity_disputed)(
      { setting: kind },
      {
        message: `${kind}: ${held ? 'another organization holds it' : 'several organizations name it'}`,
        fields: [field],
      },
    );
  }
}

/** The organization that holds an identity, if any. */
export async function holderOf(db: Db, kind: string, identity: string): Promise<string | undefined> {
  const { rows } = await sql<{ org_id: string }>`
    select org_id from org_channel_claim where kind = ${kind} and identity = ${identity}`.execute(db);
  return rows[0]?.org_id;
}

/** The holder of an identity with its settings (inbound routing), or the organizations disputing it. */
export async function findClaimHolder(
  db: Db,
  kind: string,
  identity: string,
): Promise<{ orgId: string; settings: Settings } | { disputedBy: string[] } | undefined> {
  const { rows } = await sql<{ id: string; settings: Settings }>`
    select o.id, o.settings from org_channel_claim c join organization o on o.id = c.org_id
    where c.kind = ${kind} and c.identity = ${identity}`.execute(db);
  if (rows[0]) return { orgId: rows[0].id, settings: rows[0].settings };
  const disputed = await sql<{ slug: string }>`
    select o.slug from org_channel_claim_conflict c join organization o on o.id = c.org_id
    where c.kind = ${kind} and c.identity = ${identity} order by o.slug`.execute(db);
  return disputed.rows.length > 0 ? { disputedBy: disputed.rows.map((r) => r.slug) } : undefined;
}

/** Whether an organization holds an identity: it sends through it only then. */
export async function holdsClaim(db: Db, orgId: string, kind: string, identity: string): Promise<boolean> {
  return (await holderOf(db, kind, identity)) === orgId;
}

/** A dispute as the operator reads it: organizations by slug. */
export type DisputeReport = { kind: string; identity: string; holder?: string; without: string[] };

/** One line for the operator's log (every start) and `opsdesk migrate`'s output. */
export const describeDispute = (d: DisputeReport): string =>
  d.holder
    ? `${d.kind} ${d.identity} belongs to organization ${d.holder}; ${d.without.join(', ')} also name it in their settings and cannot use it until they remove it`
    : `${d.kind} ${d.identity} is named by organizations ${d.without.join(', ')}: nobody holds it and its inbound messages are refused until all but one remove it from their settings`;

/**
 * Brings the claims in line with every organization's settings and the deployment's configuration,
 * at every start (right after migrations: bot tokens are sealed, and SQL migrations never see
 * OPSDESK_SECRET_KEY). Rows written before claims existed become claims when one organization names
 * an identity, disputes when several do (see `reconcilePlan`). Returns every open dispute, for the log.
 */
export async function reconcileChannelClaims(
  db: Db,
  input: { claimed: ReadonlyArray<ClaimedSetting>; secrets: OrgSecrets; config: Config },
): Promise<DisputeReport[]> {
  if (input.claimed.length === 0) return [];
  return db.transaction().execute(async (trx) => {
    // Two processes starting together reconcile one after the other.
    await sql`select pg_advisory_xact_lock(hashtext('org_channel_claim.reconcile'))`.execute(trx);
    const orgs = (
      await sql<{ id: string; slug: string; settings: Settings }>`
      select id, slug, settings from organization`.execute(trx)
    ).rows;
    const held = (
      await sql<{ kind: string; identity: string; org_id: string; source: HeldClaim['source'] }>`
      select kind, identity, org_id, source from org_channel_claim`.execute(trx)
    ).rows.map((r): HeldClaim => ({ kind: r.kind, identity: r.identity, orgId: r.org_id, source: r.source }));
    const plan = reconcilePlan(wantedClaims(orgs, held, input), held);
    for (const c of plan.drop)
      await sql`delete from org_channel_claim where kind = ${c.kind} and identity = ${c.identity}`.execute(
        trx,
      );
    for (const c of plan.grant)
      await sql`insert into org_channel_claim (kind, identity, org_id, source)
        values (${c.kind}, ${c.identity}, ${c.orgId}, ${c.source})`.execute(trx);
    const disputed = plan.disputes.flatMap((d) => d.orgIds.map((orgId) => ({ ...d, orgId })));
    await sql`delete from org_channel_claim_conflict`.execute(trx);
    for (const d of disputed)
      await sql`insert into org_channel_claim_conflict (kind, identity, org_id)
        values (${d.kind}, ${d.identity}, ${d.orgId})`.execute(trx);
    const slugOf = new Map(orgs.map((o) => [o.id, o.slug]));
    return plan.disputes.map(
      (d: Dispute): DisputeReport => ({
        kind: d.kind,
        identity: d.identity,
        ...(d.holderId ? { holder: slugOf.get(d.holderId)! } : {}),
        without: d.orgIds.map((id) => slugOf.get(id)!).sort(),
      }),
    );
  });
}

function wantedClaims(
  orgs: ReadonlyArray<{ id: string; slug: string; settings: Settings }>,
  held: ReadonlyArray<HeldClaim>,
  input: { claimed: ReadonlyArray<ClaimedSetting>; secrets: OrgSecrets; config: Config },
): WantedClaim[] {
  const wanted: WantedClaim[] = [];
  const defaultOrg = orgs.find((o) => o.slug === 'default');
  for (const setting of input.claimed) {
    const deployment = setting.deploymentIdentity?.(input.config);
    if (deployment && defaultOrg)
      wanted.push({ kind: setting.path, identity: deployment, orgId: defaultOrg.id, source: 'deployment' });
    for (const org of orgs) {
      let identities: string[];
      try {
        identities = [storedIdentityOf(org.settings ?? {}, setting, input.secrets)].filter(
          (i): i is string => i !== undefined,
        );
      } catch {
        // A box this key cannot open (a start with the wrong OPSDESK_SECRET_KEY): keep what the
        // organization holds rather than free its bot for anyone to claim meanwhile.
        identities = held
          .filter((c) => c.orgId === org.id && c.kind === setting.path && c.source === 'settings')
          .map((c) => c.identity);
      }
      for (const identity of identities)
        wanted.push({ kind: setting.path, identity, orgId: org.id, source: 'settings' });
    }
  }
  return wanted;
}
