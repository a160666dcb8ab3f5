import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { Ctx } from '../context/index.ts';
import { type AreaDeps, defineModule, type ModuleRuntime } from './index.ts';

/** The deps the app would give; only what building a runtime reads, stand-ins for whole services. */
function fakeDeps(published: unknown[]): AreaDeps {
  return {
    jobs: { name: 'jobs' },
    files: { name: 'files' },
    log: { name: 'log' },
    systemCtx: () => ({}) as Ctx,
    config: { OPSDESK_SECRET_KEY: 'the-key' },
    live: { publish: async (tx: unknown, event: unknown) => void published.push({ tx, event }) },
  } as unknown as AreaDeps;
}

const txIn = (orgId: string, isTransaction: boolean) => ({ orgId, db: { isTransaction } }) as Ctx;

describe('the runtime the core builds for a module', () => {
  it('gives a module without start its deps, parsed settings, jobs, files and secret key', () => {
    const shop = defineModule({ name: 'shop', config: z.object({ SHOP_SIZE: z.coerce.number() }) });
    const deps = fakeDeps([]);
    const rt = shop.start!(deps, { SHOP_SIZE: 3 }) as ModuleRuntime<{ SHOP_SIZE: number }>;
    expect(rt.name).toBe('shop');
    expect(rt.deps).toBe(deps);
    expect(rt.config).toEqual({ SHOP_SIZE: 3 });
    expect(rt.jobs).toBe(deps.jobs);
    expect(rt.files).toBe(deps.files);
    expect(rt.log).toBe(deps.log);
    expect(rt.secretKey).toBe('the-key');
  });

  it("hands the same core runtime to a module's start, which extends it", () => {
    let given: ModuleRuntime | undefined;
    const shop = defineModule<ModuleRuntime & { extra: number }>({
      name: 'shop',
      start: (core) => {
        given = core;
        return { ...core, extra: 7 };
      },
    });
    const rt = shop.start!(fakeDeps([]), undefined);
    expect(rt.extra).toBe(7);
    expect(rt.name).toBe('shop');
    expect(given?.name).toBe('shop');
  });

  it("publishes an id-only event in the caller's transaction, and only on the module's own topics", async () => {
    const published: unknown[] = [];
    const rt = defineModule({ name: 'shop' }).start!(fakeDeps(published), undefined);
    const tx = txIn('org-1', true);
    await rt.publish(tx, 'shop.orders', 'o-1');
    await rt.publish(txIn('org-1', false), 'shop.orders');
    expect(published).toEqual([
      { tx: tx.db, event: { orgId: 'org-1', topic: 'shop.orders', id: 'o-1' } },
      { tx: undefined, event: { orgId: 'org-1', topic: 'shop.orders' } },
    ]);
    expect(() => rt.publish(tx, 'cafe.orders')).toThrow('module shop cannot publish on topic cafe.orders');
  });
});
