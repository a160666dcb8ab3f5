import { describe, expect, it } from 'vitest';
import { type Assigner, refuseAccessChange } from './access-change.rules.ts';
import { type PermissionSpec, permissionsOf, type Role } from './permissions.rules.ts';

const catalog: PermissionSpec[] = [
  { key: 'platform.user.manage', description: '' },
  { key: 'platform.org.manage', description: '', ownerOnly: true },
  { key: 'raffle.order.confirm', description: '', roles: ['ops'] },
  { key: 'raffle.order.read', description: '' },
  { key: 'mess.scan.create', description: '', roles: ['scanner'] },
];
const who = (userId: string, role: Role, extra: string[] = []): Assigner => ({
  userId,
  role,
  permissions: permissionsOf(role, extra, catalog),
});
const member = (userId: string, role: Role, extraPermissions: string[] = []) => ({
  userId,
  role,
  extraPermissions,
});
const decide = (
  assigner: Assigner,
  target: ReturnType<typeof member>,
  change: { role?: Role; extraPermissions?: string[] },
) => refuseAccessChange({ assigner, target, change, catalog });

describe('refuseAccessChange', () => {
  it('refuses an admin granting itself an owner-only permission (the reported case)', () => {
    expect(
      decide(who('a', 'admin'), member('a', 'admin'), { extraPermissions: ['platform.org.manage'] }),
    ).toEqual({
      code: 'own_access',
      field: 'extraPermissions',
    });
  });

  it('refuses anyone, owners too, changing their own role or permissions', () => {
    expect(decide(who('o', 'owner'), member('o', 'owner'), { role: 'admin' })).toEqual({
      code: 'own_access',
      field: 'role',
    });
    expect(
      decide(who('o', 'owner'), member('o', 'owner'), { extraPermissions: ['mess.scan.create'] }),
    ).toMatchObject({
      code: 'own_access',
    });
  });

  it('lets a member save their own unchanged role and permissions (a form sent back as it was)', () => {
    const self = member('a', 'admin', ['mess.scan.create']);
    expect(
      decide(who('a', 'admin'), self, { role: 'admin', extraPermissions: ['mess.scan.create'] }),
    ).toBeNull();
  });

  it('refuses an admin granting an owner-only permission to someone else', () => {
    expect(
      decide(who('a', 'admin'), member('v', 'viewer'), { extraPermissions: ['platform.org.manage'] }),
    ).toEqual({
      code: 'permission_owner_only',
      field: 'extraPermissions',
      permission: 'platform.org.manage',
    });
  });

  it('refuses granting a permission the assigner does not hold', () => {
    // An ops member holding platform.user.manage as an extra still lacks scanning.
    const ops = who('p', 'ops', ['platform.user.manage']);
    expect(decide(ops, member('v', 'viewer'), { extraPermissions: ['mess.scan.create'] })).toEqual({
      code: 'permission_not_held',
      field: 'extraPermissions',
      permission: 'mess.scan.create',
    });
    expect(decide(ops, member('v', 'viewer'), { extraPermissions: ['raffle.order.confirm'] })).toBeNull();
  });

  it('refuses a permission outside the catalog: nobody holds it', () => {
    expect(decide(who('o', 'owner'), member('v', 'viewer'), { extraPermissions: ['x.y.z'] })).toMatchObject({
      code: 'permission_not_held',
      permission: 'x.y.z',
    });
  });

  it('lets an admin keep or take away what an owner granted', () => {
    const granted = member('v', 'viewer', ['platform.org.manage', 'raffle.order.confirm']);
    expect(decide(who('a', 'admin'), granted, { extraPermissions: ['platform.org.manage'] })).toBeNull();
    expect(decide(who('a', 'admin'), granted, { extraPermissions: [] })).toBeNull();
  });

  it('lets only an owner make an owner or touch one', () => {
    expect(decide(who('a', 'admin'), member('v', 'viewer'), { role: 'owner' })).toEqual({
      code: 'role_not_allowed',
      field: 'role',
      role: 'owner',
    });
    expect(decide(who('a', 'admin'), member('o', 'owner'), { role: 'viewer' })).toMatchObject({
      code: 'role_not_allowed',
    });
    expect(
      decide(who('a', 'admin'), member('o', 'owner'), { extraPermissions: ['raffle.order.read'] }),
    ).toMatchObject({ code: 'role_not_allowed' });
    expect(decide(who('o', 'owner'), member('v', 'viewer'), { role: 'owner' })).toBeNull();
    expect(
      decide(who('o', 'owner'), member('v', 'viewer'), { extraPermissions: ['platform.org.manage'] }),
    ).toBeNull();
  });

  it('lets an admin change roles below owner', () => {
    expect(decide(who('a', 'admin'), member('v', 'viewer'), { role: 'ops' })).toBeNull();
  });
});
