import type { ExpressionBuilder } from 'kysely';
import type { Clock } from '../../platform/clock/index.ts';
import type { Db } from '../../platform/db/index.ts';
import { recordAudit } from '../audit/index.ts';
import type { ActorRef, Events } from '../context/index.ts';
import type { Invitation } from './auth.contract.ts';
import { AuthErrors } from './auth.errors.ts';
import type { AuthTables } from './auth.tables.ts';

export interface InvitationDeps {
  /** Unscoped: a person's invitations come from organizations they do not work in yet. */
  db: Db;
  clock: Clock;
  events: Events;
}

export type { Invitation } from './auth.contract.ts';

/**
 * The person's own invitation to the organization while it is pending: not accepted, not disabled.
 * Accepting and declining check it in the statement that writes, so one disabled meanwhile is kept.
 */
const ownPendingInvitation =
  (input: { userId: string; orgId: string }) => (eb: ExpressionBuilder<AuthTables, 'membership'>) =>
    eb.and([
      eb('user_id', '=', input.userId),
      eb('org_id', '=', input.orgId),
      eb('accepted_at', 'is', null),
      eb('disabled_at', 'is', null),
    ]);

/** The pending invitations of one person, in every organization, oldest first. */
export async function listInvitations(deps: InvitationDeps, userId: string): Promise<Invitation[]> {
  const rows = await deps.db
    .withTables<AuthTables>()
    .selectFrom('membership as m')
    .innerJoin('organization as o', 'o.id', 'm.org_id')
    .select(['o.id', 'o.slug', 'o.name', 'm.role', 'm.created_at'])
    .where('m.user_id', '=', userId)
    .where('m.accepted_at', 'is', null)
    .where('m.disabled_at', 'is', null)
    .orderBy('m.created_at')
    .execute();
  return rows.map((r) => ({
    orgId: r.id,
    orgSlug: r.slug,
    orgName: r.name,
    role: r.role,
    invitedAt: r.created_at.toISOString(),
  }));
}

/** Accepts one's own pending invitation: the membership becomes active. */
export async function acceptInvitation(
  deps: InvitationDeps,
  input: { userId: string; orgId: string; actor: ActorRef },
): Promise<void> {
  await deps.db.transaction().execute(async (tx) => {
    // Checked and written in one statement: an invitation disabled meanwhile is not accepted.
    const row = await tx
      .withTables<AuthTables>()
      .updateTable('membership')
      .set({ accepted_at: deps.clock.now() })
      .where(ownPendingInvitation(input))
      .returning('member_id')
      .executeTakeFirst();
    if (!row) throw AuthErrors.invitation_not_found({ orgId: input.orgId });
    await recordAudit(
      { orgId: input.orgId, db: tx, clock: deps.clock, events: deps.events, actor: input.actor },
      { action: 'platform.member.accepted', subject: { type: 'staff_user', id: row.member_id } },
    );
  });
}

/** Declines one's own pending invitation: the organization no longer lists the person. */
export async function declineInvitation(
  deps: InvitationDeps,
  input: { userId: string; orgId: string; actor: ActorRef },
): Promise<void> {
  await deps.db.transaction().execute(async (tx) => {
    const row = await tx
      .withTables<AuthTables>()
      .deleteFrom('membership')
      .where(ownPendingInvitation(input))
      .returning(['member_id', 'invite_email'])
      .executeTakeFirst();
    if (!row) throw AuthErrors.invitation_not_found({ orgId: input.orgId });
    // Named by the invitation, as the organization knew it: declining does not reveal the account.
    const invitee = { type: 'user' as const, id: null, label: row.invite_email ?? 'invitee' };
    await recordAudit(
      { orgId: input.orgId, db: tx, clock: deps.clock, events: deps.events, actor: invitee },
      { action: 'platform.member.declined', subject: { type: 'staff_user', id: row.member_id } },
    );
  });
}
