import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from '../../src/platform/db/index.ts';
import { orgIdOf } from '../factories/org.ts';
import { type ApiClient, startTestApp, type TestApp } from '../support/test-app.ts';

// Issue 54 item 22: the dashboard's 14-day chart counted the browser's (UTC) days while the page
// counts the organization's. The count is the server's now, per day of the organization's zone.

const NOW = new Date('2030-06-15T11:00:00Z'); // 16 June, 01:00 in Kiritimati (UTC+14)
let app: TestApp;
let owner: ApiClient;

beforeAll(async () => {
  app = await startTestApp({ modules: [], clock: { now: () => NOW } });
  await app.createStaff({ email: 'owner@activity.example', role: 'owner' });
  owner = await app.signIn('owner@activity.example');
  expect((await owner.patch('/api/org', { timeZone: 'Pacific/Kiritimati' })).statusCode).toBe(200);
  const org = await orgIdOf(app);
  for (const at of ['2030-06-15T10:30:00Z', '2030-06-15T09:30:00Z', '2030-06-01T09:59:00Z'])
    await sql`insert into audit_event (org_id, actor_type, actor_label, action, subject_type, subject_id, at)
      values (${org}, 'system', 'test', 'test.thing.done', 'thing', '1', ${new Date(at)})`.execute(
      app.database.db,
    );
});
afterAll(() => app?.close());

describe('GET /api/audit/activity', () => {
  it("counts each event on the organization's day, fourteen days up to its today", async () => {
    const res = await owner.get('/api/audit/activity?days=14');
    expect(res.statusCode).toBe(200);
    const days = res.json().days as Array<{ day: string; events: number }>;
    expect(days).toHaveLength(14);
    expect(days[0]!.day).toBe('2030-06-03');
    // Both at 15 June in UTC; 23:30 on the 15th and 00:30 on the 16th in Kiritimati.
    expect(days.slice(-2)).toEqual([
      { day: '2030-06-15', events: 1 },
      { day: '2030-06-16', events: 1 },
    ]);
    // 1 June 23:59 there: before the first day, not counted.
    expect(days.reduce((n, d) => n + d.events, 0)).toBe(2);
  });

  it('is for those who may read the audit trail, and refuses a span it does not keep', async () => {
    expect((await owner.get('/api/audit/activity?days=400')).statusCode).toBe(400);
  });
});
