import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../../test/support/test-database.ts';
import { systemClock } from '../../platform/clock/index.ts';
import type { Database } from '../../platform/db/index.ts';
import { systemCtx } from '../context/index.ts';
import { forEachOrganization, type OrganizationSweep } from './each-organization.ts';

/*
 * The fan-out every sweep shares: the organizations its query finds, one context each, narrowed to
 * the one its payload names and to those that run its module.
 */
let database: Database;
const org: Record<'all' | 'raffle' | 'mess' | 'idle', string> = { all: '', raffle: '', mess: '', idle: '' };
type ContactTables = { contact: { org_id: string; display_name: string | null } };

beforeAll(async () => {
  database = await createTestDatabase();
  const modules = { all: null, raffle: ['raffle'], mess: ['mess'], idle: null };
  for (const name of Object.keys(org) as Array<keyof typeof org>) {
    const { rows } = await database.pool.query<{ id: string }>(
      'insert into organization (slug, name, modules) values ($1, $1, $2) returning id',
      [`sweep-${name}`, modules[name]],
    );
    org[name] = rows[0]!.id;
    // Every organization but the idle one has work: two rows, so the fan-out must not visit it twice.
    if (name !== 'idle')
      await database.pool.query(
        `insert into contact (org_id, display_name) values ($1, 'due'), ($1, 'due'), ($1, 'done')`,
        [org[name]],
      );
  }
}, 60_000);
afterAll(async () => {
  await database?.close();
});

async function visited(sweep: Partial<OrganizationSweep>, displayName = 'due') {
  const seen: Array<{ orgId: string; actor: string | null }> = [];
  await forEachOrganization(
    {
      withWork: database.db
        .withTables<ContactTables>()
        .selectFrom('contact')
        .select('org_id')
        .where('display_name', '=', displayName),
      job: { name: 'test.sweep' },
      systemCtx: (orgId, job) =>
        systemCtx({
          orgId,
          db: database.forOrg(orgId),
          clock: systemClock,
          events: { emit: async () => {} },
          job,
        }),
      ...sweep,
    },
    async (ctx) => {
      seen.push({ orgId: ctx.orgId, actor: ctx.actor.type === 'system' ? ctx.actor.label : null });
    },
  );
  const name = (id: string) => Object.entries(org).find(([, v]) => v === id)![0];
  return seen.map((s) => ({ org: name(s.orgId), actor: s.actor })).sort((a, b) => a.org.localeCompare(b.org));
}

describe('a sweep over organizations', () => {
  it('visits each organization with work once, in a system context named after its job', async () => {
    expect(await visited({})).toEqual([
      { org: 'all', actor: 'test.sweep' },
      { org: 'mess', actor: 'test.sweep' },
      { org: 'raffle', actor: 'test.sweep' },
    ]);
  });

  it("leaves alone an organization that does not run the sweep's module", async () => {
    expect((await visited({ module: 'mess' })).map((v) => v.org)).toEqual(['all', 'mess']);
  });

  it('visits only the organization the payload names, and none when it does not run the module', async () => {
    expect((await visited({ module: 'mess', orgId: org.mess })).map((v) => v.org)).toEqual(['mess']);
    expect(await visited({ module: 'mess', orgId: org.raffle })).toEqual([]);
    expect(await visited({ orgId: org.idle })).toEqual([]);
  });

  it("keeps the sweep's own conditions", async () => {
    expect(await visited({ module: 'raffle' }, 'nobody')).toEqual([]);
  });
});
