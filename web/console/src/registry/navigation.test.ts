import { describe, expect, it } from 'vitest';
import type { Session } from '../api/session.ts';
import type { ResourceMeta } from '../api/resource-meta.ts';
import { navigationFor } from './navigation.ts';

describe('the console menu', () => {
  it('puts the prepaid sales counter first in the prepaid module (issue 41, item 5)', () => {
    const session = {
      role: 'ops',
      organization: { modules: ['prepaid'] },
      permissions: ['prepaid.purchase.create', 'prepaid.purchase.read', 'prepaid.meter.read'],
    } as unknown as Session;
    const resources = ['prepaid.purchases', 'prepaid.meters'].map((name) => ({
      name,
      label: name,
    })) as ResourceMeta[];
    const prepaid = navigationFor(session, resources, false).filter((i) => i.group === 'prepaid');
    expect(prepaid[0]?.to).toBe('/prepaid/counter');
  });

  it('offers the import from the original system in the menu of each module that has one (issue 42, item 1)', () => {
    const session = {
      role: 'owner',
      organization: { modules: ['mess', 'raffle'] },
      permissions: ['imports.run.create', 'mess.student.read'],
    } as unknown as Session;
    const items = navigationFor(session, [], false, ['mess']);
    const imports = items.filter((i) => i.key.startsWith('import:'));
    expect(imports.map((i) => [i.group, i.to])).toEqual([['mess', '/imports/mess']]);
    // Staff who may not import see no entry.
    const ops = { ...session, role: 'ops', permissions: ['mess.student.read'] } as unknown as Session;
    expect(navigationFor(ops, [], false, ['mess']).some((i) => i.key.startsWith('import:'))).toBe(false);
  });
});
