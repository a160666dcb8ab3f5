import { describe, expect, it } from 'vitest';
import type { ResourceMeta } from '../api/resource-meta.ts';
import type { Session } from '../api/session.ts';
import { navigationFor } from './navigation.ts';
import { consoleExtensions } from './registry.ts';

describe('the console menu', () => {
  it('puts the prepaid sales counter first in the prepaid module (issue 41, item 5)', () => {
    const session = {
      role: 'ops',
      organization: { modules: ['prepaid'] },
      permissions: ['prepaid.purchase.create', 'prepaid.purchase.read', 'prepaid.meter.read'],
    } as Session;
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
    } as Session;
    const items = navigationFor(session, [], false, ['mess']);
    const imports = items.filter((i) => i.key.startsWith('import:'));
    expect(imports.map((i) => [i.group, i.to])).toEqual([['mess', '/imports/mess']]);
    // Staff who may not import see no entry.
    const ops = { ...session, role: 'ops', permissions: ['mess.student.read'] } as Session;
    expect(navigationFor(ops, [], false, ['mess']).some((i) => i.key.startsWith('import:'))).toBe(false);
  });

  it("orders a module's screens as its console declares its menu, the screens it does not name after them", () => {
    const mess = consoleExtensions.find((e) => e.name === 'mess')!;
    const session = {
      role: 'owner',
      organization: { modules: ['mess'] },
      permissions: (mess.pages ?? []).flatMap((p) => (p.permission ? [p.permission] : [])),
    } as Session;
    // The server lists its resources in its own order, one the menu does not name among them.
    const resources = ['mess.closures', 'mess.extra', 'mess.scans', 'mess.students', 'mess.meals'].map(
      (name) => ({ name, label: name }),
    ) as ResourceMeta[];
    const menu = navigationFor(session, resources, false)
      .filter((i) => i.group === 'mess')
      .map((i) => i.to);
    expect(menu).toEqual([
      '/mess.students',
      '/mess.meals',
      '/mess.scans',
      '/mess/passes',
      '/mess/reports',
      '/mess.closures',
      '/mess/settings',
      '/mess.extra',
    ]);
  });

  it("names in each module's menu only its own pages and resources, so a renamed screen cannot fall out of order unseen", () => {
    const modules = consoleExtensions.filter((e) => e.menu);
    expect(modules.map((e) => e.name).sort()).toEqual(['coffee', 'exhibition', 'mess', 'prepaid', 'raffle']);
    for (const extension of modules) {
      const paths = new Set((extension.pages ?? []).map((p) => p.path));
      const strangers = extension.menu!.filter(
        (entry) => !paths.has(entry) && !entry.startsWith(`${extension.name}.`),
      );
      expect({ module: extension.name, strangers }).toEqual({ module: extension.name, strangers: [] });
    }
  });
});
