export const ROLES = ['owner', 'admin', 'ops', 'viewer', 'scanner'] as const;
export type Role = (typeof ROLES)[number];

/**
 * A permission is `area.resource.action` (`raffle.order.confirm`). Owners hold every permission;
 * admins every one not marked `ownerOnly`; viewers every `*.read`; ops every `*.read` plus those
 * that name `ops`; scanners only those that name `scanner`.
 */
export interface PermissionSpec {
  key: string;
  description: string;
  roles?: ReadonlyArray<'ops' | 'scanner'>;
  ownerOnly?: boolean;
}

const KEY = /^[a-z][a-z0-9_]*\.[a-z][a-z0-9_]*\.[a-z][a-z0-9_]*$/;

/** Checks a catalog for malformed or duplicate keys; called once when modules are assembled. */
export function validateCatalog(specs: ReadonlyArray<PermissionSpec>): void {
  const seen = new Set<string>();
  for (const spec of specs) {
    if (!KEY.test(spec.key)) throw new Error(`permission ${spec.key} is not area.resource.action`);
    if (seen.has(spec.key)) throw new Error(`permission ${spec.key} declared twice`);
    seen.add(spec.key);
  }
}

/** The permissions a member holds: those of the role, plus extra grants that exist in the catalog. */
export function permissionsOf(
  role: Role,
  extra: ReadonlyArray<string>,
  catalog: ReadonlyArray<PermissionSpec>,
): Set<string> {
  const granted = new Set<string>();
  for (const spec of catalog) {
    if (roleGrants(role, spec)) granted.add(spec.key);
  }
  const known = new Set(catalog.map((s) => s.key));
  for (const key of extra) if (known.has(key)) granted.add(key);
  return granted;
}

function roleGrants(role: Role, spec: PermissionSpec): boolean {
  const isRead = spec.key.endsWith('.read');
  switch (role) {
    case 'owner':
      return true;
    case 'admin':
      return !spec.ownerOnly;
    case 'ops':
      return isRead || (spec.roles?.includes('ops') ?? false);
    case 'viewer':
      return isRead;
    case 'scanner':
      return spec.roles?.includes('scanner') ?? false;
  }
}

/** Whether a role may hand out another role: only owners make owners; admins make the rest. */
export function mayAssignRole(assigner: Role, target: Role): boolean {
  if (assigner === 'owner') return true;
  return assigner === 'admin' && target !== 'owner';
}

/** Platform permissions, declared like any module's. */
export const PLATFORM_PERMISSIONS: PermissionSpec[] = [
  { key: 'platform.user.read', description: 'See staff and their roles' },
  { key: 'platform.user.manage', description: 'Add staff, change roles, disable accounts' },
  { key: 'platform.token.manage', description: 'Create and revoke API tokens' },
  { key: 'platform.audit.read', description: 'Search the audit log' },
  { key: 'platform.job.read', description: 'See background jobs' },
  { key: 'platform.job.retry', description: 'Retry failed or dead-lettered jobs', roles: ['ops'] },
  { key: 'platform.settings.read', description: 'See organization settings' },
  { key: 'platform.settings.update', description: 'Change organization settings' },
  { key: 'platform.org.manage', description: 'Create organizations and transfer ownership', ownerOnly: true },
  {
    key: 'platform.callback_key.rotate',
    description: 'Rotate the keys in the callback URLs given to gateways (USSD, SMS)',
    ownerOnly: true,
  },
];
