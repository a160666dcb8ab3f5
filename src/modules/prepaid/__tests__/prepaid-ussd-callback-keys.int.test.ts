import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOrg, orgCtx } from '../../../../test/factories/org.ts';
import { createPrepaidMeter, createPrepaidTariff } from '../../../../test/factories/prepaid.ts';
import { createStaff } from '../../../../test/factories/staff.ts';
import { eventually } from '../../../../test/support/eventually.ts';
import { type ApiClient, startTestApp, type TestApp } from '../../../../test/support/test-app.ts';
import { postUssdScreen } from '../../../../test/support/ussd-screens.ts';
import { type MomoSandbox, startMomoSandbox } from '../../../channels/momo/index.ts';
import type { Ctx } from '../../../core/context/index.ts';
import type { PrepaidTables } from '../prepaid.tables.ts';
import { momoEnv } from './prepaid-harness.ts';

// Issue 61 item 1: the USSD callback URL carries a key of the organization's own. An admin of A who
// reads A's URL and posts to B's slug with the phone of B's customer is refused 403 before anything
// of B runs (no token read out, no purchase started); B's owner rotates B's key and the old URL stops.

const SECRET = 'ussd-keys-test-secret-key-0123456789abcdef012345';
const PHONE = '+250788610001';
let app: TestApp;
let momo: MomoSandbox;
let appUrl: string;
let a: { slug: string; owner: ApiClient };
let b: { slug: string; owner: ApiClient; ctx: Ctx; meter: string };

beforeAll(async () => {
  momo = await startMomoSandbox({
    payerRules: [{ msisdnSuffix: '610001', status: 'SUCCESSFUL' }],
    callbackBase: () => appUrl,
  });
  app = await startTestApp({
    // A loaded machine may take longer than the gateway's 4 s over a MoMo request to pay: this file is
    // about whose URL opens what, not the deadline (an answer past it would be "still working on it").
    env: { ...momoEnv(momo), OPSDESK_SECRET_KEY: SECRET, USSD_ANSWER_DEADLINE_MS: '15000' },
  });
  appUrl = await app.http.listen({ host: '127.0.0.1', port: 0 });
  await app.startWorker();
  const orgA = await createOrg(app, { slug: 'west-power', currency: 'RWF' });
  const orgB = await createOrg(app, { slug: 'east-power', currency: 'RWF' });
  await createPrepaidTariff(app, { org: orgB.slug });
  a = { slug: orgA.slug, owner: await app.signIn(orgA.ownerEmail, undefined, orgA.slug) };
  b = {
    slug: orgB.slug,
    owner: await app.signIn(orgB.ownerEmail, undefined, orgB.slug),
    ctx: await orgCtx(app, orgB.slug),
    meter: (await createPrepaidMeter(app, { org: orgB.slug, number: 'EAST-0001' })).number,
  };
}, 120_000);
afterAll(async () => {
  await app?.close();
  await momo?.close();
});

/**
 * The callback URL an organization's setup shows, as a path to post to the app: it is absolute, on the
 * address the owner's request came to (no OPSDESK_PUBLIC_URL here), as a provider's form wants it.
 */
async function setupUrl(staff: ApiClient): Promise<string> {
  const res = await staff.get('/api/ussd/setup');
  expect(res.statusCode, res.body).toBe(200);
  expect(res.json().callbackUrl).toMatch(/^http:\/\/localhost(:\d+)?\/webhooks\/ussd\/africastalking\//);
  return new URL(res.json().callbackUrl).pathname;
}

/** `url` with its organization's slug swapped for `slug`: another organization's URL under the same key. */
const onSlug = (url: string, slug: string) =>
  url.replace(/\/africastalking\/[^/]+\//, `/africastalking/${slug}/`);

/** One screen of a session posted to `url`, as Africa's Talking does. */
async function dial(url: string, session: string, inputs: string[]) {
  const res = await postUssdScreen(`${appUrl}${url}`, {
    sessionId: session,
    serviceCode: '*384*61#',
    phoneNumber: PHONE,
    inputs,
  });
  return { status: res.status, text: await res.text() };
}

/** A whole session, screen by screen. */
async function session(url: string, id: string, inputs: string[]) {
  const screens = [];
  for (let i = 0; i <= inputs.length; i++) screens.push(await dial(url, id, inputs.slice(0, i)));
  return screens;
}

const purchasesInB = async () =>
  b.ctx.db
    .withTables<PrepaidTables>()
    .selectFrom('prepaid_purchase')
    .select('id')
    .where('payer_msisdn', '=', PHONE)
    .execute();

const tokensInB = async () =>
  b.ctx.db
    .withTables<PrepaidTables>()
    .selectFrom('prepaid_token as t')
    .innerJoin('prepaid_purchase as p', 'p.id', 't.purchase_id')
    .select('t.token')
    .where('p.payer_msisdn', '=', PHONE)
    .execute();

describe('USSD callback keys, one per organization', () => {
  it("gives each organization a URL of its own: A's key on B's slug is refused and nothing of B runs", async () => {
    const urlA = await setupUrl(a.owner);
    const urlB = await setupUrl(b.owner);
    expect(urlA).toMatch(/^\/webhooks\/ussd\/africastalking\/west-power\/[\w-]{32}$/);
    expect(urlB).toMatch(/^\/webhooks\/ussd\/africastalking\/east-power\/[\w-]{32}$/);
    expect(urlB.split('/').at(-1)).not.toBe(urlA.split('/').at(-1));

    // B's customer buys on B's own URL: a token of B's for that phone.
    const bought = await session(urlB, 'ATUid_east1', ['1', b.meter, '1000', '1']);
    expect(bought.map((s) => s.status)).toEqual([200, 200, 200, 200, 200]);
    expect(bought[4]!.text).toMatch(/^END Approve RWF\s?1,000/);
    await eventually(async () => (await tokensInB()).length > 0, { what: "B's token" });
    const [, last] = await session(urlB, 'ATUid_east2', ['2']);
    expect(last!.text).toMatch(/^END Meter EAST-0001\nToken [\d ]+/);

    // A's admin reads A's URL and posts to B's slug with B's customer's phone.
    const admin = await app.signIn(
      (await createStaff(app, { org: a.slug, role: 'admin' })).email,
      undefined,
      a.slug,
    );
    const forged = onSlug(await setupUrl(admin), b.slug);
    const before = (await purchasesInB()).length;
    for (const inputs of [[], ['2'], ['1', '1', '1000', '1']]) {
      const res = await dial(forged, 'ATUid_forged', inputs);
      expect(res.status).toBe(403);
      expect(JSON.parse(res.text)).toMatchObject({ code: 'forbidden', details: { field: 'key' } });
      expect(res.text).not.toMatch(/^(CON|END) |Token|Meter|EAST-0001|kWh/);
    }
    expect(await purchasesInB()).toHaveLength(before);
    // The same refusal for a slug that names no organization, and for B's slug with no key at all.
    expect((await dial(onSlug(urlB, 'no-such-power'), 'ATUid_none', [])).status).toBe(403);
    expect((await dial(onSlug(urlA, 'no-such-power'), 'ATUid_none', [])).status).toBe(403);
    expect(
      (await dial(`${urlB.slice(0, urlB.lastIndexOf('/'))}/${'x'.repeat(32)}`, 'ATUid_x', [])).status,
    ).toBe(403);
    // A's key still opens A's own URL.
    expect((await dial(urlA, 'ATUid_west1', [])).text).toMatch(/^CON Electricity/);
  });

  it("lets only the owner rotate the key: the old URL is refused, the new one works, and it's audited", async () => {
    const old = await setupUrl(b.owner);
    const admin = await app.signIn(
      (await createStaff(app, { org: b.slug, role: 'admin' })).email,
      undefined,
      b.slug,
    );
    const refused = await admin.post('/api/ussd/setup/rotate');
    expect(refused.statusCode).toBe(403);
    expect(refused.json()).toMatchObject({
      code: 'forbidden',
      details: { permission: 'platform.callback_key.rotate' },
    });
    expect(await setupUrl(b.owner)).toBe(old);

    const rotated = await b.owner.post('/api/ussd/setup/rotate');
    expect(rotated.statusCode, rotated.body).toBe(200);
    const fresh: string = new URL(rotated.json().callbackUrl).pathname;
    expect(fresh).toMatch(/^\/webhooks\/ussd\/africastalking\/east-power\/[\w-]{32}$/);
    expect(fresh).not.toBe(old);
    expect(await setupUrl(b.owner)).toBe(fresh);
    expect(await setupUrl(admin)).toBe(fresh);

    expect((await dial(old, 'ATUid_old', [])).status).toBe(403);
    const menu = await dial(fresh, 'ATUid_new', []);
    expect(menu).toEqual({ status: 200, text: expect.stringMatching(/^CON Electricity/) });
    // A's URL is untouched by B's rotation.
    expect((await dial(await setupUrl(a.owner), 'ATUid_west2', [])).status).toBe(200);

    const { rows } = await app.database.pool.query(
      `select e.actor_type, e.subject_type, e.subject_id, e.before, e.after
         from audit_event e join organization o on o.id = e.org_id
        where o.slug = $1 and e.action = 'platform.callback_key.rotated'`,
      [b.slug],
    );
    expect(rows).toEqual([
      {
        actor_type: 'user',
        subject_type: 'organization',
        subject_id: b.ctx.orgId,
        before: { purpose: 'ussd', generation: 0 },
        after: { purpose: 'ussd', generation: 1 },
      },
    ]);
    expect(JSON.stringify(rows)).not.toContain(fresh.split('/').at(-1));
  });
});
