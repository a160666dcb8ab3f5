import { describe, expect, it } from 'vitest';
import { chooseSignInMembership, membershipState, type SignInCandidate } from './membership.rules.ts';

const day = (d: number) => new Date(Date.UTC(2026, 10, d));
const m = (orgSlug: string, state: SignInCandidate['state'], d: number): SignInCandidate => ({
  orgId: `id-${orgSlug}`,
  orgSlug,
  state,
  createdAt: day(d),
});

describe('membershipState', () => {
  it('is invited until accepted, and disabled wins over both', () => {
    expect(membershipState({ acceptedAt: null, disabledAt: null })).toBe('invited');
    expect(membershipState({ acceptedAt: day(1), disabledAt: null })).toBe('active');
    expect(membershipState({ acceptedAt: day(1), disabledAt: day(2) })).toBe('disabled');
    expect(membershipState({ acceptedAt: null, disabledAt: day(2) })).toBe('disabled');
  });
});

describe('chooseSignInMembership', () => {
  it('opens the oldest active membership and ignores a newer invitation', () => {
    const all = [m('b', 'invited', 1), m('a', 'active', 2), m('c', 'active', 3)];
    expect(chooseSignInMembership(all)).toEqual({ ok: true, orgId: 'id-a', accept: false });
  });

  it('still opens another organization when one has disabled the person', () => {
    const all = [m('a', 'disabled', 1), m('b', 'active', 2)];
    expect(chooseSignInMembership(all)).toEqual({ ok: true, orgId: 'id-b', accept: false });
    expect(chooseSignInMembership(all, 'a')).toEqual({ ok: false, code: 'account_disabled' });
  });

  it('accepts an invitation when the person signs in to that organization', () => {
    const all = [m('a', 'active', 1), m('b', 'invited', 2)];
    expect(chooseSignInMembership(all, 'b')).toEqual({ ok: true, orgId: 'id-b', accept: true });
  });

  it('accepts the oldest invitation of a person who has no active membership yet', () => {
    const all = [m('b', 'invited', 2), m('a', 'invited', 1)];
    expect(chooseSignInMembership(all)).toEqual({ ok: true, orgId: 'id-a', accept: true });
  });

  it('refuses an organization the person does not belong to', () => {
    expect(chooseSignInMembership([m('a', 'active', 1)], 'zzz')).toEqual({
      ok: false,
      code: 'no_membership',
    });
    expect(chooseSignInMembership([])).toEqual({ ok: false, code: 'no_membership' });
  });
});
