import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, demoOrganizationsOf, seedDemo } from '../../src/app/demo-seed.ts';
import { fixedClock } from '../../src/platform/clock/index.ts';
import { uuidsIn } from '../../src/platform/ids/index.ts';
import { type ApiClient, startTestApp, type TestApp } from '../support/test-app.ts';

/**
 * Issue 61 item 7: every operation of the OpenAPI document, called anonymously, as an owner of every demo
 * business and as a viewer, with what a careless or hostile caller sends (ids that are not ids,
 * other types, overlong and NUL-laden strings, huge numbers, nested junk, malformed JSON), answers
 * a 4xx or a 2xx, never a 5xx. Ids are real where a list gave one, so the probes reach past the lookup.
 * The inputs come from a seeded generator: the same seed makes the same requests (FUZZ_SEED to explore).
 */
const SEED = Number(process.env.FUZZ_SEED ?? 61);
const clock = fixedClock('2026-11-26T09:30:00Z');

/** Operations that hold the connection open (event streams): nothing to fuzz in one answer. */
const STREAMS = /\/(events|live|stream)(\/|$)/;

type Schema = {
  type?: string | string[];
  properties?: Record<string, Schema>;
  items?: Schema;
  enum?: unknown[];
  anyOf?: Schema[];
  oneOf?: Schema[];
};
type Operation = {
  parameters?: Array<{ name: string; in: 'path' | 'query' | 'header'; schema?: Schema }>;
  requestBody?: { content?: Record<string, { schema?: Schema }> };
};

/** A small seeded generator (mulberry32): deterministic inputs, so a failure is repeatable. */
function generator(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return { pick: <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)] as T };
}

const JUNK: readonly unknown[] = [
  null,
  '',
  ' ',
  'x'.repeat(20_000),
  'nul\u0000byte',
  '\u202e\ud83d\ude00 ﷽',
  "' or 1=1 --",
  '../../etc/passwd',
  -1,
  0,
  1e308,
  Number.MIN_SAFE_INTEGER - 2,
  1.5,
  true,
  [],
  [[[{}]]],
  {},
  { $ne: null },
  '2026-02-30T25:61:00Z',
  '00000000-0000-0000-0000-000000000000',
];
const PATH_JUNK = [
  '0',
  '-1',
  'x'.repeat(300),
  '%00',
  '%E2%80%AE',
  'null',
  '00000000-0000-4000-8000-000000000000',
];

/** A body shaped like the schema with one junk value per property, or junk in place of the whole. */
function bodiesFor(schema: Schema | undefined, rng: ReturnType<typeof generator>): unknown[] {
  const props = schema?.properties ?? {};
  const names = Object.keys(props);
  const shaped = Object.fromEntries(names.map((n) => [n, rng.pick(JUNK)]));
  const wrongEach = names.slice(0, 4).map((n) => ({ [n]: rng.pick(JUNK) }));
  return [shaped, ...wrongEach, rng.pick(JUNK), [shaped]];
}

let app: TestApp;
let spec: { paths: Record<string, Record<string, Operation>> };
const callers: Array<{ label: string; client: ApiClient }> = [];

beforeAll(async () => {
  app = await startTestApp({ clock });
  await seedDemo(app);
  spec = (await app.anonymous().get('/api/openapi.json')).json();
  callers.push({ label: 'anonymous', client: app.anonymous() });
  // Owners reach every operation of their business; a viewer of one is refused the writes early.
  const slugs = demoOrganizationsOf(app).map(({ organization }) => organization.slug);
  for (const slug of slugs)
    callers.push({
      label: `owner@${slug}`,
      client: await app.signIn('owner@demo.opsdesk.dev', DEMO_PASSWORD, slug),
    });
  callers.push({
    label: `viewer@${slugs[0]}`,
    client: await app.signIn('viewer@demo.opsdesk.dev', DEMO_PASSWORD, slugs[0]),
  });
}, 300_000);
afterAll(() => app?.close());

/** Real ids a caller can see, by the list path that showed them (`/api/raffle/raffles` → its ids). */
async function idsSeenBy(client: ApiClient): Promise<Map<string, string[]>> {
  const seen = new Map<string, string[]>();
  for (const [path, methods] of Object.entries(spec.paths)) {
    if (!methods.get || path.includes('{') || STREAMS.test(path)) continue;
    const res = await client.get(path);
    if (res.statusCode !== 200) continue;
    const ids = [...new Set(uuidsIn(res.body))].slice(0, 3);
    if (ids.length) seen.set(path, ids);
  }
  return seen;
}

/** The concrete URLs for an operation's path: real ids from the nearest list, then junk. */
function urlsFor(path: string, seen: Map<string, string[]>, rng: ReturnType<typeof generator>): string[] {
  const list = path.slice(0, path.indexOf('/{'));
  const real = seen.get(list) ?? [];
  const fill = (value: string) => path.replace(/\{[^}]+\}/g, value);
  if (!path.includes('{')) return [path];
  return [...real.slice(0, 1).map(fill), fill(rng.pick(PATH_JUNK)), fill(rng.pick(PATH_JUNK))];
}

function queryFor(op: Operation, rng: ReturnType<typeof generator>): string {
  const names = (op.parameters ?? []).filter((p) => p.in === 'query').map((p) => p.name);
  if (!names.length) return '';
  const pairs = names.map((n) => `${encodeURIComponent(n)}=${encodeURIComponent(String(rng.pick(JUNK)))}`);
  return `?${pairs.join('&')}`;
}

describe('every operation, fuzzed', () => {
  it('answers no 5xx to anonymous, viewers and owners of every business', async () => {
    const rng = generator(SEED);
    const failures: string[] = [];
    let requests = 0;
    const note = (label: string, method: string, url: string, res: LightMyRequestResponse) => {
      requests += 1;
      if (res.statusCode >= 500)
        failures.push(
          `${label} ${method} ${url.slice(0, 160)} → ${res.statusCode} ${res.body.slice(0, 200)}`,
        );
    };
    for (const { label, client } of callers) {
      const seen = label === 'anonymous' ? new Map<string, string[]>() : await idsSeenBy(client);
      for (const [path, methods] of Object.entries(spec.paths)) {
        if (STREAMS.test(path)) continue;
        for (const [method, op] of Object.entries(methods)) {
          const verb = method.toUpperCase();
          if (!['GET', 'POST', 'PUT', 'PATCH', 'DELETE'].includes(verb)) continue;
          const json = op.requestBody?.content?.['application/json']?.schema;
          for (const url of urlsFor(path, seen, rng)) {
            const withQuery = `${url}${queryFor(op, rng)}`;
            if (verb === 'GET' || verb === 'DELETE') {
              note(label, verb, withQuery, await client.request(verb, withQuery));
              continue;
            }
            for (const body of bodiesFor(json, rng))
              note(label, verb, url, await client.request(verb, url, body));
            note(label, verb, url, await client.raw(verb, url, '{"unterminated": [1, 2'));
            note(
              label,
              verb,
              url,
              await client.raw(verb, url, 'a=1&a=%ZZ', 'application/x-www-form-urlencoded'),
            );
          }
        }
      }
    }
    expect(requests).toBeGreaterThan(10_000);
    expect(failures).toEqual([]);
  }, 900_000);
});
