import { describe, expect, it } from 'vitest';
import type { Session } from '../api/session.ts';
import type { ResourceMeta } from '../resources/resource-meta.ts';
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
});
