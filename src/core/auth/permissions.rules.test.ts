import { describe, expect, it } from 'vitest';
import { mayAssignRole, type PermissionSpec, permissionsOf, validateCatalog } from './permissions.rules.ts';

const catalog: PermissionSpec[] = [
  { key: 'raffle.order.read', description: '' },
  { key: 'raffle.order.confirm', description: '', roles: ['ops'] },
  { key: 'mess.scan.create', description: '', roles: ['scanner', 'ops'] },
  { key: 'platform.org.manage', description: '', ownerOnly: true },
];

describe('permissionsOf', () => {
  it('gives owners everything and admins everything but owner-only permissions', () => {
    expect(permissionsOf('owner', [], catalog).size).toBe(4);
    expect([...permissionsOf('admin', [], catalog)]).not.toContain('platform.org.manage');
  });

  it('lets viewers read and nothing else', () => {
    expect([...permissionsOf('viewer', [], catalog)]).toEqual(['raffle.order.read']);
  });

  it('gives scanners only what names them', () => {
    expect([...permissionsOf('scanner', [], catalog)]).toEqual(['mess.scan.create']);
  });

  it('adds per-module extra grants that exist and ignores unknown ones', () => {
    const p = permissionsOf('viewer', ['raffle.order.confirm', 'made.up.perm'], catalog);
    expect(p.has('raffle.order.confirm')).toBe(true);
    expect(p.has('made.up.perm')).toBe(false);
  });
});

describe('catalog and role assignment', () => {
  it('refuses malformed and duplicate permission keys', () => {
    expect(() => validateCatalog([{ key: 'raffle.confirm', description: '' }])).toThrow(
      /area.resource.action/,
    );
    expect(() => validateCatalog([catalog[0]!, catalog[0]!])).toThrow(/twice/);
  });

  it('lets only owners create owners', () => {
    expect(mayAssignRole('admin', 'owner')).toBe(false);
    expect(mayAssignRole('admin', 'ops')).toBe(true);
    expect(mayAssignRole('owner', 'owner')).toBe(true);
    expect(mayAssignRole('ops', 'viewer')).toBe(false);
  });
});
