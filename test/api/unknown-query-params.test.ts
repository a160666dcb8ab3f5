import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApiClient, startTestApp, type TestApp } from '../support/test-app.ts';

interface Operation {
  tags?: string[];
  parameters?: { name: string; in: string }[];
}

let app: TestApp;
let owner: ApiClient;
let lists: { path: string; compat: boolean }[];

beforeAll(async () => {
  app = await startTestApp();
  await app.createStaff({ email: 'owner@example.com', role: 'owner' });
  owner = await app.signIn('owner@example.com');
  const spec = (await app.anonymous().get('/api/openapi.json')).json() as {
    paths: Record<string, Record<string, Operation>>;
  };
  // Every GET that takes query parameters and no path parameter: the lists, reports and searches.
  lists = Object.entries(spec.paths).flatMap(([path, methods]) => {
    const op = methods.get;
    const params = op?.parameters ?? [];
    if (!op || path.includes('{') || !params.some((p) => p.in === 'query')) return [];
    return [{ path, compat: (op.tags ?? []).some((t) => t.includes('compatibility')) }];
  });
});
afterAll(() => app.close());

describe('a query parameter a list does not take', () => {
  it('is refused by name on the raffle lists the issue found ignoring it', async () => {
    for (const url of ['/api/raffle/orders?raffle=1', '/api/raffle/raffles?is_active=true']) {
      const res = await owner.get(url);
      expect(res.statusCode, url).toBe(400);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      const param = url.split('?')[1]!.split('=')[0]!;
      expect(res.json().errors, url).toEqual([
        expect.objectContaining({ field: `query.${param}`, code: 'unknown_param' }),
      ]);
      expect(res.json().detail, url).toContain(param);
    }
    // What the lists declare still works.
    expect((await owner.get('/api/raffle/orders?status=paid')).statusCode).toBe(200);
    expect((await owner.get('/api/raffle/raffles?status=selling')).statusCode).toBe(200);
  });

  it('is refused by every native list, and ignored by the original systems\u2019 APIs as they did', async () => {
    expect(lists.filter((l) => !l.compat).length).toBeGreaterThan(20);
    expect(lists.filter((l) => l.compat).length).toBeGreaterThan(3);
    for (const { path, compat } of lists) {
      const res = await owner.get(`${path}?zz_not_a_param=1`);
      if (compat) {
        expect(JSON.stringify(res.json()), path).not.toContain('zz_not_a_param');
        continue;
      }
      expect(res.statusCode, path).toBe(400);
      expect(res.json().errors, path).toContainEqual(
        expect.objectContaining({ field: 'query.zz_not_a_param', code: 'unknown_param' }),
      );
    }
  });

  it('keeps the original raffle API\u2019s documented parameters working', async () => {
    const res = await owner.get('/api/raffles/?is_active=true&page=1');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ results: [] });
    expect((await owner.get('/api/orders/?raffle=7f1c2f0e-0000-4000-8000-000000000001')).statusCode).toBe(
      200,
    );
  });
});
