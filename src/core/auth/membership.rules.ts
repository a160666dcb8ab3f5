export const MEMBERSHIP_STATES = ['invited', 'active', 'disabled'] as const;
export type MembershipState = (typeof MEMBERSHIP_STATES)[number];

/** What a membership allows: a pending invitation and a disabled membership grant nothing. */
export function membershipState(m: { acceptedAt: Date | null; disabledAt: Date | null }): MembershipState {
  if (m.disabledAt) return 'disabled';
  return m.acceptedAt ? 'active' : 'invited';
}

export interface SignInCandidate {
  orgId: string;
  orgSlug: string;
  state: MembershipState;
  createdAt: Date;
}

export type SignInChoice =
  | { ok: true; orgId: string; accept: boolean }
  | { ok: false; code: 'account_disabled' | 'no_membership' };

/**
 * Which membership a sign-in opens. Naming an organization opens it, accepting its pending
 * invitation (signing in there is the person's own act). Without a name: the oldest active
 * membership; a person with none (just added, not signed in yet) accepts their oldest invitation.
 * An invitation never replaces an active membership on its own, so being invited somewhere
 * changes nothing until the person chooses it.
 */
export function chooseSignInMembership(
  candidates: ReadonlyArray<SignInCandidate>,
  orgSlug?: string,
): SignInChoice {
  const pool = orgSlug ? candidates.filter((c) => c.orgSlug === orgSlug) : [...candidates];
  const oldest = (state: MembershipState) =>
    pool.filter((c) => c.state === state).sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime())[0];
  const active = oldest('active');
  if (active) return { ok: true, orgId: active.orgId, accept: false };
  const invited = oldest('invited');
  if (invited) return { ok: true, orgId: invited.orgId, accept: true };
  if (pool.length > 0) return { ok: false, code: 'account_disabled' };
  return { ok: false, code: 'no_membership' };
}
