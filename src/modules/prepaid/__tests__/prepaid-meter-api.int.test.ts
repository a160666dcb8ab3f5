import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runJob } from '../../../../test/support/jobs.ts';
import { type ApiClient, startTestApp, type TestApp } from '../../../../test/support/test-app.ts';
import { shiftableClock } from '../../../../test/support/test-clock.ts';
import { decodeToken } from '../openpaygo/openpaygo.ts';
import { expireSheetsJob, flagUnusedTokensJob } from '../prepaid.queue.ts';

/*
 * Issue 30, items 2–4, through the real HTTP interfaces: the staff token check knows every token
 * of a meter, a generated key is shown once with a one-time commissioning sheet, and a meter with
 * its own token reports its register and the tokens it took.
 */
const KEY = 'bc41ec9530f6dac86b1a29ab82edc5fb';
const STARTING_CODE = 516959010;
const DAY = 86_400_000;

let app: TestApp;
let staff: ApiClient;
let accountId: string;
const clock = shiftableClock();

const meterCall = (meterToken: string, method: string, url: string, body?: unknown) =>
  app.anonymous().request(method, url, body, { authorization: `Bearer ${meterToken}` });

async function topUp(
  meterId: string,
  amountMinor = 500,
): Promise<{ id: string; token: string; tokenCount: number }> {
  const res = await staff.post('/api/prepaid/purchases', {
    meterId,
    method: 'cash',
    amount: { amountMinor, currency: 'RWF' },
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json();
}

async function newMeter(number: string, body: Record<string, unknown> = {}) {
  const res = await staff.post('/api/prepaid/meters', { accountId, number, ...body });
  expect(res.statusCode, res.body).toBe(201);
  return res.json();
}

async function meterTokenFor(meterId: string): Promise<string> {
  const res = await staff.post(`/api/prepaid/meters/${meterId}/meter-token`, {});
  expect(res.statusCode, res.body).toBe(200);
  return res.json().meterToken;
}

const count = async (sql: string, params: unknown[]) =>
  (await app.database.pool.query<{ n: number }>(sql, params)).rows[0]!.n;

beforeAll(async () => {
  app = await startTestApp({ clock });
  await app.createStaff({ email: 'owner@example.com', role: 'owner' });
  staff = await app.signIn('owner@example.com');
  await app.startWorker();
  const tariff = await staff.post('/api/prepaid/tariffs', {
    category: 'residential',
    currency: 'RWF',
    tiers: [{ uptoKwh: null, priceMinorPerKwh: 100 }],
    effectiveFrom: '2020-01-01T00:00:00Z',
  });
  expect(tariff.statusCode, tariff.body).toBe(201);
  const account = await staff.post('/api/prepaid/accounts', { kind: 'household', name: 'Uwase household' });
  accountId = account.json().id;
}, 120_000);

afterAll(async () => {
  await app?.close();
});

describe('the staff token check', () => {
  it('recognises every top-up of a meter after 34 of them, and calls used what the meter reported taking', async () => {
    const meter = await newMeter('CHK-1', { openPaygoKey: KEY, startingCode: STARTING_CODE });
    const sold: Array<{ token: string; tokenCount: number }> = [];
    for (let i = 0; i < 34; i++) sold.push(await topUp(meter.id));
    const check = async (token: string) => {
      const res = await staff.post(`/api/prepaid/meters/${meter.id}/check-token`, { token });
      expect(res.statusCode, res.body).toBe(200);
      return res.json();
    };
    const first = sold[0]!;
    const last = sold[33]!;
    expect(last.tokenCount).toBe(first.tokenCount + 66);
    // Before any report: both genuine, with their counts and values (the 34th was "invalid").
    expect(await check(last.token)).toMatchObject({
      status: 'valid',
      tokenType: 'ADD_TIME',
      count: last.tokenCount,
      value: 50,
      unitsTenths: 50,
      laterTokensIssued: 0,
      meterReportedCount: null,
    });
    expect(await check(`${first.token.slice(0, 3)} ${first.token.slice(3)}`)).toMatchObject({
      status: 'valid',
      count: first.tokenCount,
      laterTokensIssued: 33,
    });
    expect(await check('123456789')).toMatchObject({
      status: 'invalid',
      reason: 'not_this_meter',
      count: null,
    });

    // The meter reports taking every token but the 33rd.
    const meterToken = await meterTokenFor(meter.id);
    const accepted = sold.filter((_, i) => i !== 32).map((s) => s.tokenCount);
    const report = await meterCall(meterToken, 'POST', '/api/prepaid/meter/reports', {
      reportId: 'r-1',
      readAt: clock.now().toISOString(),
      registerTenths: 1000,
      acceptedCounts: accepted,
    });
    expect(report.statusCode, report.body).toBe(200);
    expect(report.json()).toMatchObject({ created: true, keyedIn: 33, reportedCount: last.tokenCount });

    expect(await check(last.token)).toMatchObject({
      status: 'already_used',
      reason: 'keyed_in',
      count: last.tokenCount,
      laterTokensIssued: 0,
    });
    expect((await check(last.token)).keyedInAt).not.toBeNull();
    // Long superseded: the meter took 33 later tokens, far outside OpenPAYGO's 16-count window.
    expect(await check(first.token)).toMatchObject({
      status: 'already_used',
      reason: 'keyed_in',
      laterTokensIssued: 33,
    });
    // The 33rd was never keyed in and is within the window of older Add Time tokens: the meter takes it.
    expect(await check(sold[32]!.token)).toMatchObject({
      status: 'valid',
      count: sold[32]!.tokenCount,
      laterTokensIssued: 1,
      meterReportedCount: last.tokenCount,
    });
  });
});

describe('a generated meter key', () => {
  it('is in the creation answer once, prints one commissioning sheet, and is never readable again', async () => {
    const created = await staff.post(
      '/api/prepaid/meters',
      { accountId, number: 'GEN-1' },
      { 'idempotency-key': 'gen-1' },
    );
    expect(created.statusCode, created.body).toBe(201);
    const key = created.json().openPaygoKey as string;
    expect(key).toMatch(/^[0-9a-f]{32}$/);
    expect(created.json().commissioningSheetUntil).not.toBeNull();
    // It is the meter's real key: the meter decodes its first top-up with it.
    const sale = await topUp(created.json().id);
    const decoded = decodeToken(
      { key, startingCode: created.json().openPaygo.startingCode, lastCount: 1, usedCounts: [] },
      sale.token,
    );
    expect(decoded).toMatchObject({ status: 'valid', count: sale.tokenCount, value: 50 });

    const replay = await staff.post(
      '/api/prepaid/meters',
      { accountId, number: 'GEN-1' },
      { 'idempotency-key': 'gen-1' },
    );
    expect(replay.statusCode).toBe(201);
    expect(replay.body).not.toContain(key);
    expect((await staff.get(`/api/prepaid/meters/${created.json().id}`)).body).not.toContain(key);
    const stored = await count(
      `select count(*)::int as n from idempotency_key where response_body::text like $1`,
      [`%${key}%`],
    );
    expect(stored).toBe(0);

    const sheetUrl = `/api/prepaid/meters/${created.json().id}/commissioning-sheet`;
    const sheet = await staff.post(sheetUrl, { language: 'fr' });
    expect(sheet.statusCode, sheet.body).toBe(200);
    expect(sheet.headers['content-type']).toBe('application/pdf');
    expect(sheet.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    const again = await staff.post(sheetUrl, {});
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe('prepaid.sheet_gone');
    const { rows } = await app.database.pool.query(
      `select opg_key_sheet_sealed from prepaid_meter where id = $1`,
      [created.json().id],
    );
    expect(rows[0].opg_key_sheet_sealed).toBeNull();
    // Whoever holds the key can still print it; a wrong key is refused, naming the field.
    expect((await staff.post(sheetUrl, { openPaygoKey: key.toUpperCase() })).statusCode).toBe(200);
    const wrong = await staff.post(sheetUrl, { openPaygoKey: KEY });
    expect(wrong.statusCode).toBe(422);
    expect(wrong.json()).toMatchObject({
      code: 'prepaid.key_mismatch',
      errors: [expect.objectContaining({ field: 'body.openPaygoKey' })],
    });
  });

  it('is not in the answer when staff gave the key, and its one-time sheet runs out', async () => {
    const given = await newMeter('GIVEN-1', { openPaygoKey: KEY });
    expect(given.openPaygoKey).toBeUndefined();
    expect(given.commissioningSheetUntil).toBeNull();
    const generated = await newMeter('GEN-2');
    clock.advance(31 * 60_000);
    const late = await staff.post(`/api/prepaid/meters/${generated.id}/commissioning-sheet`, {});
    expect(late.statusCode).toBe(409);
    expect(late.json().code).toBe('prepaid.sheet_gone');
  });

  it('erases the sealed copy of a sheet once its window has run out, and keeps one still open', async () => {
    const lapsed = await newMeter('GEN-3');
    clock.advance(31 * 60_000);
    const open = await newMeter('GEN-4');
    await runJob(app, expireSheetsJob, {});
    const { rows } = await app.database.pool.query<{
      number: string;
      sheet: string | null;
      until: Date | null;
      key: string | null;
    }>(
      `select number, opg_key_sheet_sealed as sheet, opg_key_sheet_until as until, opg_key_sealed as key
       from prepaid_meter where id = any($1) order by number`,
      [[lapsed.id, open.id]],
    );
    // Issue 40: the lapsed sheet could no longer be printed, yet its sealed key copy stayed for good.
    expect(rows[0]).toMatchObject({ number: 'GEN-3', sheet: null, until: null });
    expect(rows[1]).toMatchObject({ number: 'GEN-4', sheet: expect.any(String) });
    // the meter's own sealed key stays: tokens are still made with it
    expect(rows[0]!.key).toEqual(expect.any(String));
    expect((await topUp(lapsed.id)).token).toMatch(/^\d{9}$/);
  });
});

describe('a meter already in service (issue 42, API contract)', () => {
  it('keeps its last count: the next token is issued above it and the meter accepts it', async () => {
    // the meter in the field took its 40th token from the original system
    const meter = await newMeter('FIELD-40', {
      openPaygoKey: KEY,
      startingCode: STARTING_CODE,
      lastCount: 40,
    });
    expect(meter.openPaygo.lastCount).toBe(40);
    const sale = await topUp(meter.id);
    expect(sale.tokenCount).toBe(42);
    const inField = { key: KEY, startingCode: STARTING_CODE, lastCount: 40, usedCounts: [] };
    expect(decodeToken(inField, sale.token)).toMatchObject({ status: 'valid', count: 42, value: 50 });
  });

  it('refuses a last count without the key and starting code it was counted with, naming the field', async () => {
    for (const body of [{ lastCount: 12 }, { lastCount: 12, openPaygoKey: KEY }, { lastCount: -1 }]) {
      const res = await staff.post('/api/prepaid/meters', { accountId, number: 'FIELD-BAD', ...body });
      expect(res.statusCode, res.body).toBe(400);
      expect(res.json().errors).toEqual(
        expect.arrayContaining([expect.objectContaining({ field: 'body.lastCount' })]),
      );
    }
  });
});

describe('the meter API', () => {
  it('refuses a missing, wrong or revoked meter token', async () => {
    const meter = await newMeter('AUTH-1');
    const token = await meterTokenFor(meter.id);
    expect((await app.anonymous().get('/api/prepaid/meter/tokens')).statusCode).toBe(401);
    expect((await meterCall(`${token.slice(0, -2)}xx`, 'GET', '/api/prepaid/meter/tokens')).statusCode).toBe(
      401,
    );
    expect((await meterCall(token, 'GET', '/api/prepaid/meter/tokens')).statusCode).toBe(200);
    const rotated = await meterTokenFor(meter.id);
    expect((await meterCall(token, 'GET', '/api/prepaid/meter/tokens')).statusCode).toBe(401);
    expect((await meterCall(rotated, 'GET', '/api/prepaid/meter/tokens')).statusCode).toBe(200);
    expect((await staff.delete(`/api/prepaid/meters/${meter.id}/meter-token`)).statusCode).toBe(204);
    const revoked = await meterCall(rotated, 'GET', '/api/prepaid/meter/tokens');
    expect(revoked.statusCode).toBe(401);
    expect(revoked.json().code).toBe('prepaid.meter_token_invalid');
    const hashes = await count(
      `select count(*)::int as n from prepaid_meter where device_token_hash like $1`,
      [`%${rotated.slice(-20)}%`],
    );
    expect(hashes).toBe(0);
  });

  it('reports register and tokens taken: waiting tokens, live balance, keyed-in sales, and a retry changes nothing', async () => {
    const meter = await newMeter('REP-1');
    const token = await meterTokenFor(meter.id);
    const a = await topUp(meter.id, 1000); // 10 kWh
    const b = await topUp(meter.id, 500); // 5 kWh
    const waiting = await meterCall(token, 'GET', '/api/prepaid/meter/tokens');
    expect(waiting.json().items.map((t: { token: string }) => t.token)).toEqual([a.token, b.token]);

    const t0 = clock.now().getTime();
    const send = (body: Record<string, unknown>) =>
      meterCall(token, 'POST', '/api/prepaid/meter/reports', body);
    const first = {
      reportId: 'd1',
      readAt: new Date(t0).toISOString(),
      registerTenths: 500,
      acceptedCounts: [a.tokenCount],
    };
    expect((await send(first)).json()).toMatchObject({ created: true, keyedIn: 1 });
    const second = {
      reportId: 'd2',
      readAt: new Date(t0 + DAY).toISOString(),
      registerTenths: 530,
      acceptedCounts: [a.tokenCount, b.tokenCount],
    };
    const live = await send(second);
    // 15 kWh keyed in since the first report, 3 kWh used in a day: 12 kWh and 4 days left.
    expect(live.json()).toMatchObject({
      created: true,
      keyedIn: 1,
      balanceTenths: 120,
      dailyTenths: 30,
      daysLeft: 4,
    });
    const consumption = await staff.get(`/api/prepaid/meters/${meter.id}/consumption`);
    expect(consumption.json()).toMatchObject({ balanceTenths: 120, dailyTenths: 30, daysLeft: 4 });

    const before = await Promise.all([
      count(`select count(*)::int as n from audit_event`, []),
      count(`select count(*)::int as n from prepaid_reading where meter_id = $1`, [meter.id]),
      count(`select count(*)::int as n from prepaid_meter_report where meter_id = $1`, [meter.id]),
    ]);
    const retry = await send(second);
    expect(retry.statusCode).toBe(200);
    expect(retry.json()).toMatchObject({ created: false, keyedIn: 0 });
    const after = await Promise.all([
      count(`select count(*)::int as n from audit_event`, []),
      count(`select count(*)::int as n from prepaid_reading where meter_id = $1`, [meter.id]),
      count(`select count(*)::int as n from prepaid_meter_report where meter_id = $1`, [meter.id]),
    ]);
    expect(after).toEqual(before);
    const conflict = await send({ ...second, registerTenths: 999 });
    expect(conflict.statusCode).toBe(409);
    expect(conflict.json().code).toBe('prepaid.report_conflict');

    const bogus = await send({ ...second, reportId: 'd3', acceptedCounts: [b.tokenCount + 2] });
    expect(bogus.statusCode).toBe(422);
    expect(bogus.json()).toMatchObject({
      code: 'prepaid.counts_not_issued',
      errors: [expect.objectContaining({ field: 'body.acceptedCounts' })],
    });
    const malformed = await send({ reportId: 'd4', readAt: 'yesterday', registerTenths: -1 });
    expect(malformed.statusCode).toBe(400);
    expect(malformed.headers['content-type']).toContain('application/problem+json');
    expect(malformed.json().errors.map((e: { field: string }) => e.field)).toEqual([
      'body.readAt',
      'body.registerTenths',
    ]);

    // Which sales were keyed in: on the purchase, and in the token list.
    const sale = await staff.get(`/api/prepaid/console/tokens?meterId=${meter.id}&sort=count&order=asc`);
    expect(sale.json().items.map((t: { state: string }) => t.state)).toEqual(['keyed_in', 'keyed_in']);
    expect((await meterCall(token, 'GET', '/api/prepaid/meter/tokens')).json().items).toEqual([]);
  });

  it('refuses a report naming any count never issued to the meter, below the last one too, and stores nothing', async () => {
    const meter = await newMeter('REP-2');
    const token = await meterTokenFor(meter.id);
    const a = await topUp(meter.id);
    const b = await topUp(meter.id);
    // Issue 40: an Add Time token moves the count by 2, so the odd count between two sales was never
    // issued; it was accepted (only counts above the last issued were refused) and became the
    // meter's reported count.
    const stored = () =>
      Promise.all([
        count(`select count(*)::int as n from prepaid_meter_report where meter_id = $1`, [meter.id]),
        count(`select coalesce(reported_count, -1) as n from prepaid_meter where id = $1`, [meter.id]),
      ]);
    const before = await stored();
    for (const [i, never] of [a.tokenCount + 1, a.tokenCount - 1, b.tokenCount + 2].entries()) {
      const refused = await meterCall(token, 'POST', '/api/prepaid/meter/reports', {
        reportId: `never-${i}`,
        readAt: clock.now().toISOString(),
        registerTenths: 100,
        acceptedCounts: [a.tokenCount, never],
      });
      expect(refused.statusCode, `count ${never}: ${refused.body}`).toBe(422);
      expect(refused.json()).toMatchObject({
        code: 'prepaid.counts_not_issued',
        errors: [
          expect.objectContaining({
            field: 'body.acceptedCounts',
            message: `counts ${never} were never issued to this meter`,
          }),
        ],
      });
    }
    expect(await stored()).toEqual(before);
  });

  it('answers with the balance the meter reports, not the units sold (issue 41, item 5)', async () => {
    const meter = await newMeter('REP-BAL');
    const token = await meterTokenFor(meter.id);
    const sale = await topUp(meter.id, 1000); // 10 kWh sold
    const res = await meterCall(token, 'POST', '/api/prepaid/meter/reports', {
      reportId: 'bal-1',
      readAt: clock.now().toISOString(),
      registerTenths: 100,
      acceptedCounts: [sale.tokenCount],
      balanceTenths: 37,
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ created: true, keyedIn: 1, balanceTenths: 37 });
    const consumption = await staff.get(`/api/prepaid/meters/${meter.id}/consumption`);
    expect(consumption.json()).toMatchObject({ balanceTenths: 37 });
  });

  it('estimates the balance of a meter that reports its register but not the tokens it took from what was sold (issue 54, item 7)', async () => {
    const meter = await newMeter('REP-SILENT');
    const token = await meterTokenFor(meter.id);
    const t0 = clock.now().getTime();
    const report = (id: string, at: number, registerTenths: number) =>
      meterCall(token, 'POST', '/api/prepaid/meter/reports', {
        reportId: id,
        readAt: new Date(at).toISOString(),
        registerTenths,
        acceptedCounts: [],
      });
    await report('s0', t0 - 60_000, 100);
    await topUp(meter.id, 950); // 9.5 kWh
    const res = await report('s1', t0 + 60_000, 100);
    // Was 0: its balance counted only tokens it reported taking, and it reports none.
    expect(res.json()).toMatchObject({ balanceTenths: 95, basis: 'sold', estimated: true, trusted: false });
    const consumption = await staff.get(`/api/prepaid/meters/${meter.id}/consumption`);
    expect(consumption.json()).toMatchObject({ balanceTenths: 95, estimated: true, doubt: 'few_readings' });
  });

  it('marks a token keyed in no earlier than its issue when the meter dates its report before it (issue 54, item 12)', async () => {
    const meter = await newMeter('REP-CLOCK');
    const token = await meterTokenFor(meter.id);
    const sale = await topUp(meter.id, 1000);
    const issued = await app.database.pool.query<{ created_at: Date }>(
      `select created_at from prepaid_token where meter_id = $1`,
      [meter.id],
    );
    const issuedAt = issued.rows[0]!.created_at;
    // The meter's clock is two hours behind: it says it read its register before the sale.
    const readAt = new Date(issuedAt.getTime() - 2 * 3600_000);
    const res = await meterCall(token, 'POST', '/api/prepaid/meter/reports', {
      reportId: 'behind-1',
      readAt: readAt.toISOString(),
      registerTenths: 40,
      acceptedCounts: [sale.tokenCount],
      balanceTenths: 95,
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ created: true, keyedIn: 1 });
    const row = await app.database.pool.query<{ keyed_in_at: Date }>(
      `select keyed_in_at from prepaid_token where meter_id = $1`,
      [meter.id],
    );
    expect(
      row.rows[0]!.keyed_in_at.toISOString(),
      'keyed in at its issue, not at the meter’s earlier time',
    ).toBe(issuedAt.toISOString());
    const check = await staff.post(`/api/prepaid/meters/${meter.id}/check-token`, { token: sale.token });
    expect(Date.parse(check.json().keyedInAt)).toBeGreaterThanOrEqual(Date.parse(check.json().issuedAt));
    const audit = await app.database.pool.query<{
      after: { keyedInAt: string };
      meta: { reportedAt?: string };
    }>(
      `select after, meta from audit_event where action = 'prepaid.token.keyed_in' and meta->>'meterId' = $1`,
      [meter.id],
    );
    expect(audit.rows).toEqual([
      expect.objectContaining({
        after: expect.objectContaining({ keyedInAt: issuedAt.toISOString() }),
        meta: expect.objectContaining({ reportedAt: readAt.toISOString() }),
      }),
    ]);
    // The balance it gave holds that token already: 9.5 kWh, not 9.5 plus the 10 kWh sold again.
    const consumption = await staff.get(`/api/prepaid/meters/${meter.id}/consumption`);
    expect(consumption.json()).toMatchObject({ balanceTenths: 95 });
  });

  it('flags a token of a reporting meter left unused past the organization’s days, once', async () => {
    const meter = await newMeter('UNUSED-1');
    const token = await meterTokenFor(meter.id);
    const report = await meterCall(token, 'POST', '/api/prepaid/meter/reports', {
      reportId: 'u1',
      readAt: clock.now().toISOString(),
      registerTenths: 10,
      acceptedCounts: [],
    });
    expect(report.statusCode, report.body).toBe(200);
    const sale = await topUp(meter.id);
    const org = await staff.patch('/api/org', { settings: { prepaid: { unusedTokenDays: 3 } } });
    expect(org.statusCode, org.body).toBe(200);
    const flagNow = () => runJob(app, flagUnusedTokensJob, {});
    await flagNow();
    const state = async () => {
      const res = await staff.get(`/api/prepaid/console/tokens?meterId=${meter.id}`);
      expect(res.statusCode, res.body).toBe(200);
      return res.json().items[0].state;
    };
    expect(await state()).toBe('waiting');
    clock.advance(3 * DAY + 60_000);
    staff = await app.signIn('owner@example.com'); // the session ended while the days went by
    await flagNow();
    await flagNow();
    expect(await state()).toBe('unused');
    // This meter's token, once (other meters of this file have tokens of the same count).
    const flags = await count(
      `select count(*)::int as n from audit_event where action = 'prepaid.token.unused_flagged'
         and after->>'count' = $1 and meta->>'meterId' = $2`,
      [String(sale.tokenCount), meter.id],
    );
    expect(flags).toBe(1);
    const unused = await staff.get('/api/prepaid/console/tokens?state=unused');
    expect(unused.json().items.map((t: { meter: string }) => t.meter)).toContain('UNUSED-1');
  });

  it('issues a token valid for the organization’s days, says until when, reports it expired once past unused, and its money goes back (issue 66)', async () => {
    const org = await staff.patch('/api/org', { settings: { prepaid: { tokenValidityDays: 10 } } });
    expect(org.statusCode, org.body).toBe(200);
    const meter = await newMeter('VALID-1');
    const sale = await topUp(meter.id);
    const check = async () =>
      (await staff.post(`/api/prepaid/meters/${meter.id}/check-token`, { token: sale.token })).json();
    const fresh = await check();
    expect(fresh).toMatchObject({ status: 'valid', reason: null });
    // Was: no expiry at all, though the seed promises "token expiry management".
    expect(Date.parse(fresh.expiresAt) - Date.parse(fresh.issuedAt)).toBe(10 * DAY);
    const listed = (await staff.get(`/api/prepaid/console/tokens?meterId=${meter.id}`)).json().items[0];
    expect(Date.parse(listed.expiresAt)).toBe(Date.parse(fresh.expiresAt));
    clock.advance(10 * DAY + 60_000);
    staff = await app.signIn('owner@example.com'); // the session ended while the days went by
    expect(await check()).toMatchObject({ status: 'expired', reason: 'expired', expiresAt: fresh.expiresAt });
    // Its money goes back through the purchase's refund, as any sale's.
    const refund = await staff.post(`/api/prepaid/purchases/${sale.id}/refund`, {
      reason: 'Expired, never keyed in',
      tokenKeepsWorking: true,
    });
    expect(refund.statusCode, refund.body).toBeLessThan(300);
  });
});
