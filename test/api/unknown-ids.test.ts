import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isolationProbes, type OpenApi } from '../support/isolation-probes.ts';
import { type ApiClient, startTestApp, type TestApp } from '../support/test-app.ts';

/**
 * Issue 40, item 7: a list under a record (`/api/prepaid/accounts/{id}/portal-users`) answered
 * 200 with an empty list for an id that exists nowhere (and so for another organization's), where
 * the record itself answers 404. Every read that names a record in its path, on an empty
 * organization, for an owner who may read everything: the record is not there, so neither is
 * anything under it.
 */
let app: TestApp;
let owner: ApiClient;

beforeAll(async () => {
  app = await startTestApp();
  await app.createStaff({ email: 'owner@unknown-ids.example', role: 'owner' });
  owner = await app.signIn('owner@unknown-ids.example');
}, 60_000);
afterAll(() => app?.close());

describe('a read under an id that exists nowhere', () => {
  it('answers 404 on every route that names a record in its path, lists under one included', async () => {
    const spec = (await app.anonymous().get('/api/openapi.json')).json() as OpenApi;
    const reads = isolationProbes(spec, []).filter(
      (p) => p.method === 'GET' && /\{[A-Za-z]*[iI]d\}/.test(p.route),
    );
    expect(reads.length).toBeGreaterThan(50);
    const answered: string[] = [];
    for (const probe of reads) {
      const res = await owner.get(probe.request(randomUUID()).url);
      if (res.statusCode < 400) answered.push(`${res.statusCode} GET ${probe.route}`);
    }
    expect(answered).toEqual([]);
  });
});
