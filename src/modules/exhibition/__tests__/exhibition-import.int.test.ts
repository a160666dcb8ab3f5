import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createExhibition } from '../../../../test/factories/exhibition.ts';
import { createOrg, orgCtx } from '../../../../test/factories/org.ts';
import { signedInStaff } from '../../../../test/factories/staff.ts';
import {
  changeCounts,
  holdingsOf,
  moduleImport,
  originalPostgres,
} from '../../../../test/support/import-kit.ts';
import { TEST_MODULES } from '../../../../test/support/template-sources.ts';
import { type ApiClient, startTestApp, type TestApp } from '../../../../test/support/test-app.ts';
import type { ImportReport } from '../../../core/imports/index.ts';
import { dumpdataSource } from '../../../core/imports/index.ts';
import { sql } from '../../../platform/db/index.ts';
import { CREDIT_NOTE, NO_BILLER_NOTE, ORIGINAL_DESK, ZERO_NOTE } from '../import/bills.import.ts';
import { NO_EMAIL_NOTE, NO_PHONE_NOTE } from '../import/customers.import.ts';
import { continueStatementRun } from '../statement-run.ts';

/** The exhibition alone (with the core): the import needs nothing else. */
const AREAS = TEST_MODULES.filter((m) => m.name === 'exhibition');

// Issue 51 for the exhibition: data written by the original's own code (its admin and its models'
// save(), test/fixtures/import/exhibition-original/make_data.py) comes over whole: every customer code,
// local UAE numbers read in the exhibition's country, blanks blank, what cannot be read kept as typed
// and flagged, bills of 0.00 and negative ones (credits) signed, each tab equal to the original's total
// to the cent; a second snapshot after more activity brings exactly its changes, a third run nothing.

type DumpRecord = { model: string; pk: number; fields: Record<string, unknown> };
const FIXTURES = new URL('../../../../test/fixtures/import/exhibition-original/', import.meta.url);
const customers = (dump: DumpRecord[]) => dump.filter((r) => r.model === 'customers.customer');
const bills = (dump: DumpRecord[]) => dump.filter((r) => r.model === 'customers.bill');
const readDump = (name: string) => JSON.parse(readFileSync(new URL(name, FIXTURES), 'utf8')) as DumpRecord[];

/** The original's `get_total_bills()` and `get_bill_count()` of each customer code, in fils (cents). */
function originalTotals(dump: DumpRecord[]): Map<string, [number, number]> {
  const codeOf = new Map(customers(dump).map((c) => [c.pk, String(c.fields.customer_id)]));
  const totals = new Map([...codeOf.values()].map((code) => [code, [0, 0] as [number, number]]));
  for (const b of bills(dump)) {
    const tab = totals.get(codeOf.get(b.fields.customer as number)!)!;
    // Decimal text to cents without floats: "-73.82" → -7382.
    const [whole, cents = ''] = String(b.fields.amount).replace('-', '').split('.');
    const minor = Number(whole) * 100 + Number(cents.padEnd(2, '0'));
    tab[0] += String(b.fields.amount).startsWith('-') ? -minor : minor;
    tab[1] += 1;
  }
  return totals;
}

const FIRST = readDump('first-dumpdata.json');
const SECOND = readDump('second-dumpdata.json');

let app: TestApp;
let desk: ApiClient;
let exhibitionId: string;

/** An organization with the exhibition the operator created in Opsdesk before importing: in Dubai, in AED. */
async function orgWithExhibition(slug: string): Promise<string> {
  if (slug !== 'default') await createOrg(app, { slug, currency: 'AED', timeZone: 'Asia/Dubai' });
  const { exhibition } = await createExhibition(app, {
    org: slug,
    name: 'Gulf Gifts Fair',
    currency: 'AED',
    timeZone: 'Asia/Dubai',
    booths: ['Perfumes'],
  });
  return exhibition.id;
}

beforeAll(async () => {
  app = await startTestApp({ modules: AREAS });
  desk = await signedInStaff(app, { role: 'ops' });
  exhibitionId = await orgWithExhibition('default');
}, 180_000);
afterAll(() => app?.close());

const run = moduleImport(() => app, AREAS, 'exhibition');
const source = (dump: DumpRecord[], name: string) => dumpdataSource(dump, `dumpdata ${name}`);

/** What an organization holds of the exhibition and its e-mails: everything an import could write. */
const holdings = (org: string) =>
  holdingsOf(app.database.db, org, {
    customers: 'exhibition_customer',
    bills: 'exhibition_bill',
    booths: 'exhibition_booth',
    tabs: 'select coalesce(sum(c.total_minor), 0) from exhibition_customer c where c.org_id = o.id',
    notifications: 'notification',
    origins: 'import_origin',
  });

/** Each customer's code → [total in minor units, bill count], as Opsdesk holds them. */
async function opsdeskTotals(org: string): Promise<Map<string, [number, number]>> {
  const { rows } = await sql<{ code: string; total: string; count: number }>`
    select trim(c.code) as code, c.total_minor as total, c.bill_count as count
    from exhibition_customer c join organization o on o.id = c.org_id where o.slug = ${org}`.execute(
    app.database.db,
  );
  return new Map(rows.map((r) => [r.code, [Number(r.total), r.count]]));
}

const refused = (report: ImportReport) => report.issues.filter((i) => i.kind === 'refused');
const flagged = (report: ImportReport) => report.issues.filter((i) => i.kind === 'flagged');

describe('opsdesk import exhibition, from data the original wrote', () => {
  it('brings every customer code and bill of the first snapshot, refusing none; each tab is the original’s total to the cent', async () => {
    const report = await run('default', source(FIRST, 'first'));
    expect(refused(report)).toEqual([]);
    expect(changeCounts(report)).toEqual({
      'customers.customer': expect.objectContaining({ created: customers(FIRST).length, refused: 0 }),
      'customers.bill': expect.objectContaining({ created: bills(FIRST).length, refused: 0 }),
    });
    // Kept as typed for a person to review (the report's CSV): what is no phone or address.
    expect(flagged(report).map((i) => [i.pk, i.field, i.reason])).toEqual([
      [
        '9',
        'email',
        '"mohammed at gmail dot com" is not an e-mail address: kept as typed, nothing is e-mailed to it',
      ],
      ['11', 'phone', '"same as husband" is not a phone number we can read: kept as typed'],
      ['21', 'phone', '"050 123 456" is not a phone number we can read: kept as typed'],
      ['22', 'phone', '"0300 8176494" is not a phone number we can read: kept as typed'],
      ['32', 'phone', '"0000000000" is not a phone number we can read: kept as typed'],
      ['37', 'phone', '"same as husband" is not a phone number we can read: kept as typed'],
      ['39', 'phone', '"050 123 456" is not a phone number we can read: kept as typed'],
      ['40', 'email', '"no email" is not an e-mail address: kept as typed, nothing is e-mailed to it'],
    ]);
    expect(report.models.map((m) => m.notes)).toEqual([
      { [NO_PHONE_NOTE]: 2, [NO_EMAIL_NOTE]: 1 },
      { [NO_BILLER_NOTE]: 49, [ZERO_NOTE]: 6, [CREDIT_NOTE]: 5 },
    ]);
    // --notify would welcome the 37 with an address that reads; this run sent nothing.
    expect(report.messages).toEqual({ wouldSend: 37, queued: 0 });
    // Every code, every total and bill count, exactly as the original's get_total_bills() / get_bill_count().
    expect(await opsdeskTotals('default')).toEqual(originalTotals(FIRST));
    const h = await holdings('default');
    expect(h).toMatchObject({ customers: 40, bills: 94, booths: 2, notifications: 0, origins: 134 });
    expect(h.tabs).toBe([...originalTotals(FIRST).values()].reduce((n, [t]) => n + t, 0));
  });

  it('reads local UAE numbers in the exhibition’s country, keeps blanks blank and flags what it cannot read, kept as typed', async () => {
    const { rows } = await sql<{ code: string; email: string; phone: string; created_at: Date }>`
      select trim(c.code) as code, c.email, c.phone, c.created_at from exhibition_customer c
      join organization o on o.id = c.org_id where o.slug = 'default'`.execute(app.database.db);
    const byCode = new Map(rows.map((r) => [r.code, r]));
    const original = (code: string) =>
      customers(FIRST).find((r) => r.fields.customer_id === code)!.fields as Record<string, string>;
    // As its admins typed them (make_data.py): 05x local, (05x), 00971…, 971…, +971 (0)5x, Arabic digits.
    expect(byCode.get('7EA38B48')).toMatchObject({ phone: '+971500984092' }); // 0500984092
    expect(byCode.get('9BE77616')).toMatchObject({ phone: '+971582874520' }); // (058) 287 4520
    expect(byCode.get('4A033196')).toMatchObject({ phone: '+971502771650' }); // 00971502771650
    expect(byCode.get('ADE90BC9')).toMatchObject({ phone: '+971523088036' }); // 971523088036
    expect(byCode.get('F9F5C910')).toMatchObject({ phone: '+971589747882' }); // +971 (0)58 974 7882
    expect(byCode.get('8746AD6B')).toMatchObject({ phone: '+971566510971' }); // ٠٥٦ ٦٥١ ٠٩٧١
    expect(byCode.get('E70FF73A')).toMatchObject({ phone: '+97123441361' }); // 02-344-1361, Abu Dhabi
    expect(byCode.get('2F375B4F')).toMatchObject({ phone: '+923001742871', email: 'anjali88@gmail.com' });
    // Blank in the original (typed in the shell): blank here, not flagged.
    expect(byCode.get('C084C5ED')).toMatchObject({ email: '', phone: '' });
    // Not a number or an address: kept as typed, flagged with the reason.
    expect(byCode.get('844F45C9')).toMatchObject({ phone: 'same as husband' });
    expect(byCode.get('70A85168')).toMatchObject({ email: 'mohammed at gmail dot com', phone: '' });
    expect(byCode.get('A6C7A9AD')).toMatchObject({ email: 'no email' });
    // Registration times kept (dumpdata keeps milliseconds).
    for (const [code, row] of byCode) expect(row.created_at.toISOString()).toBe(original(code).created_at);
  });

  it('keeps bills of 0.00 and negative ones (credits) signed, with their biller, time and booth', async () => {
    const { rows } = await sql<{ amount: string; created_by: string; booth: string; imported: boolean }>`
      select b.amount_minor as amount, b.created_by, bo.name as booth, b.imported
      from exhibition_bill b join exhibition_booth bo on bo.id = b.booth_id
      join organization o on o.id = b.org_id where o.slug = 'default' order by b.created_at`.execute(
      app.database.db,
    );
    const amounts = bills(FIRST).map((b) => Math.round(Number(b.fields.amount) * 100));
    expect(rows.map((r) => Number(r.amount))).toEqual(amounts);
    expect(amounts.filter((a) => a < 0).length).toBeGreaterThan(0);
    expect(amounts.filter((a) => a === 0).length).toBeGreaterThan(0);
    expect(rows.map((r) => r.created_by)).toEqual(bills(FIRST).map((b) => b.fields.created_by ?? ''));
    expect(new Set(rows.map((r) => r.booth))).toEqual(new Set([ORIGINAL_DESK]));
    expect(rows.every((r) => r.imported)).toBe(true);
  });

  it('changes nothing when the same snapshot is imported again', async () => {
    const before = await holdings('default');
    const again = await run('default', source(FIRST, 'first'));
    expect(again.issues).toEqual([]);
    expect(changeCounts(again)).toEqual({
      'customers.customer': { created: 0, updated: 0, unchanged: 40, refused: 0, flagged: 0 },
      'customers.bill': { created: 0, updated: 0, unchanged: 94, refused: 0, flagged: 0 },
    });
    expect(await holdings('default')).toEqual(before);
  });

  it('brings exactly what changed in the original since: new customers and bills, a phone and an e-mail corrected, a bill’s amount fixed; a third run changes nothing', async () => {
    const second = await run('default', source(SECOND, 'second'));
    expect(refused(second)).toEqual([]);
    expect(changeCounts(second)).toEqual({
      'customers.customer': expect.objectContaining({ created: 8, updated: 4, unchanged: 36, refused: 0 }),
      'customers.bill': expect.objectContaining({ created: 27, updated: 2, unchanged: 92, refused: 0 }),
    });
    expect(await opsdeskTotals('default')).toEqual(originalTotals(SECOND));
    const { rows } = await sql<{ code: string; phone: string; email: string; name: string }>`
      select trim(code) as code, phone, email, name from exhibition_customer
      where trim(code) in ('2F375B4F', 'E70FF73A', 'E77DB89E', '8746AD6B') order by created_at`.execute(
      app.database.db,
    );
    expect(rows).toEqual([
      { code: '2F375B4F', phone: '+971505550142', email: 'anjali88@gmail.com', name: 'Anjali Iyer' },
      { code: 'E70FF73A', phone: '+971559876543', email: 'buyer82@gmail.com', name: '李娜' },
      { code: 'E77DB89E', phone: '+639174761794', email: 'corrected.chlo43@company.ae', name: 'Chloé Iyer' },
      { code: '8746AD6B', phone: '+971566510971', email: 'visitor486@web.de', name: 'عائشة المهيري (VIP)' },
    ]);
    const { rows: audit } = await sql<{ action: string; n: string }>`
      select action, count(*) as n from audit_event where action like 'exhibition.%.changed_in_original'
      group by action order by action`.execute(app.database.db);
    expect(audit).toEqual([
      { action: 'exhibition.bill.changed_in_original', n: '2' },
      { action: 'exhibition.customer.changed_in_original', n: '4' },
    ]);

    const before = await holdings('default');
    const third = await run('default', source(SECOND, 'second'));
    expect(third.issues).toEqual([]);
    expect(changeCounts(third)).toEqual({
      'customers.customer': { created: 0, updated: 0, unchanged: 48, refused: 0, flagged: 0 },
      'customers.bill': { created: 0, updated: 0, unchanged: 121, refused: 0, flagged: 0 },
    });
    expect(await holdings('default')).toEqual(before);
  });

  it('finds an imported customer at the desk and the booths by the original code however typed', async () => {
    // A code with 0 and 1 (not in Opsdesk's alphabet) and one made only of letters and digits it has.
    for (const [code, spellings] of [
      ['042C3D03', ['042C3D03', '042c3d03', '042C-3D03', ' 042c 3d03 ', 'O42C3DO3', 'o42c-3d03']],
      ['9BE77616', ['9BE77616', '9be7-7616', '9BE7 7616', '9BE776I6', '9be7 76l6']],
      ['ADE90BC9', ['ade90bc9', 'ADE9-0BC9']],
    ] as const) {
      for (const typed of spellings) {
        const found = await desk.get(`/api/exhibition/customers/by-code/${encodeURIComponent(typed)}`);
        expect(found.statusCode, `${typed}: ${found.body}`).toBe(200);
        expect(found.json().code).toBe(code);
        const listed = await desk.get(
          `/api/exhibition/exhibitions/${exhibitionId}/customers?q=${encodeURIComponent(typed)}`,
        );
        expect(
          listed.json().map((c: { code: string }) => c.code),
          typed,
        ).toContain(code);
      }
    }
  });
});

describe('the original’s own PostgreSQL (pg_dump of its tables), first and second snapshots', () => {
  it('reads the same records, and the second snapshot brings the same changes', async () => {
    await orgWithExhibition('from-db');
    const original = await originalPostgres();
    /** The tables as pg_dump wrote them, loaded anew. */
    const load = async (file: string) => {
      await original.db.pool.query('drop table if exists customers_bill, customers_customer');
      await original.load(readFileSync(new URL(file, FIXTURES), 'utf8'));
    };
    const importFromDb = async () => {
      const from = await original.source('postgres original');
      try {
        return await run('from-db', from);
      } finally {
        await from.close();
      }
    };
    try {
      await load('first-postgres.sql');
      const first = await importFromDb();
      expect(refused(first)).toEqual([]);
      expect(changeCounts(first)).toEqual({
        'customers.customer': { created: 40, updated: 0, unchanged: 0, refused: 0, flagged: 8 },
        'customers.bill': { created: 94, updated: 0, unchanged: 0, refused: 0, flagged: 0 },
      });
      expect(await opsdeskTotals('from-db')).toEqual(originalTotals(FIRST));

      await load('second-postgres.sql');
      const second = await importFromDb();
      expect(refused(second)).toEqual([]);
      expect(changeCounts(second)).toEqual({
        'customers.customer': expect.objectContaining({ created: 8, updated: 4, unchanged: 36 }),
        'customers.bill': expect.objectContaining({ created: 27, updated: 2, unchanged: 92 }),
      });
      expect(await opsdeskTotals('from-db')).toEqual(originalTotals(SECOND));
      const third = await importFromDb();
      expect(third.issues).toEqual([]);
      expect(changeCounts(third)).toMatchObject({
        'customers.customer': { created: 0, updated: 0 },
        'customers.bill': { created: 0, updated: 0 },
      });

      // The same snapshot as a dumpdata file (its foreign keys are numbers, the database's text):
      // whatever the run counts as brought again, nothing changes and nothing is audited as changed.
      const audited = () =>
        sql<{ n: string }>`select count(*) as n from audit_event a join organization o on o.id = a.org_id
          where o.slug = 'from-db' and a.action like 'exhibition.%.changed_in_original'`
          .execute(app.database.db)
          .then((r) => Number(r.rows[0]!.n));
      const [heldBefore, auditedBefore] = [await holdings('from-db'), await audited()];
      const fromFile = await run('from-db', source(SECOND, 'second'));
      expect(fromFile.issues).toEqual([]);
      expect(changeCounts(fromFile)).toMatchObject({
        'customers.customer': { created: 0, refused: 0 },
        'customers.bill': { created: 0, refused: 0 },
      });
      expect(await holdings('from-db')).toEqual(heldBefore);
      expect(await audited()).toBe(auditedBefore);
      expect(await opsdeskTotals('from-db')).toEqual(originalTotals(SECOND));
    } finally {
      await original.close();
    }
  }, 180_000);
});

describe('choices and refusals', () => {
  it('writes nothing in a dry run and counts the welcome e-mails --notify would send (readable addresses only); --notify queues them', async () => {
    await orgWithExhibition('dry');
    const dry = await run('dry', source(FIRST, 'first'), { dryRun: true, notify: true });
    expect(changeCounts(dry)).toEqual({
      'customers.customer': { created: 40, updated: 0, unchanged: 0, refused: 0, flagged: 8 },
      'customers.bill': { created: 94, updated: 0, unchanged: 0, refused: 0, flagged: 0 },
    });
    expect(dry.messages).toEqual({ wouldSend: 37, queued: 0 });
    expect(await holdings('dry')).toMatchObject({
      customers: 0,
      bills: 0,
      booths: 1,
      origins: 0,
      notifications: 0,
    });

    const sent = await run('dry', source(FIRST, 'first'), { notify: true });
    expect(sent.messages).toEqual({ wouldSend: 37, queued: 37 });
    expect(await holdings('dry')).toMatchObject({ customers: 40, notifications: 37 });
  });

  it('reads local numbers in the country the operator answers (phone_country), else flags them', async () => {
    await orgWithExhibition('pakistan');
    const report = await run('pakistan', source(FIRST, 'first'), { answers: { phone_country: 'pk' } });
    expect(refused(report)).toEqual([]);
    const phones = await sql<{ code: string; phone: string }>`
      select trim(c.code) as code, c.phone from exhibition_customer c join organization o on o.id = c.org_id
      where o.slug = 'pakistan' and trim(c.code) in ('3D713BA7', '7EA38B48', '2F375B4F') order by 1`.execute(
      app.database.db,
    );
    expect(phones.rows).toEqual([
      { code: '2F375B4F', phone: '+923001742871' }, // +92 300 1742871
      { code: '3D713BA7', phone: '+923008176494' }, // 0300 8176494, local in Pakistan
      { code: '7EA38B48', phone: '0500984092' }, // a UAE local number does not read in Pakistan: kept, flagged
    ]);
    expect(flagged(report).some((i) => i.pk === '13' && i.field === 'phone')).toBe(true);

    await orgWithExhibition('typo');
    await expect(run('typo', source(FIRST, 'first'), { answers: { phone_country: 'UAE' } })).rejects.toThrow(
      /phone_country: "UAE" is not a two-letter country code/,
    );
  });

  it('refuses a second customer with a code already held, naming the first, and reports its bills with it', async () => {
    await orgWithExhibition('twins');
    const first = customers(FIRST)[0]!;
    const twin = { ...first, pk: 900, fields: { ...first.fields, name: 'Twin', email: 'twin@example.ae' } };
    const twinBill = { ...bills(FIRST)[0]!, pk: 900, fields: { ...bills(FIRST)[0]!.fields, customer: 900 } };
    const report = await run('twins', source([...FIRST, twin, twinBill], 'with a twin'));
    expect(refused(report)).toEqual([
      {
        kind: 'refused',
        model: 'customers.customer',
        pk: '900',
        field: null,
        reason: 'customer_id:2F375B4F is already held by customers.customer record 1 of this import',
      },
      {
        kind: 'refused',
        model: 'customers.bill',
        pk: '900',
        field: 'customer',
        reason:
          'its customer 900 was refused: customer_id:2F375B4F is already held by customers.customer record 1 of this import',
      },
    ]);
    expect(await holdings('twins')).toMatchObject({ customers: 40, bills: 94 });
  });

  it('refuses every customer, in words, when the organization has no open exhibition to bring them into', async () => {
    await createOrg(app, { slug: 'no-expo', currency: 'AED', timeZone: 'Asia/Dubai' });
    const report = await run('no-expo', source(FIRST, 'first'));
    expect(report.issues[0]).toEqual({
      kind: 'refused',
      model: 'customers.customer',
      pk: '1',
      field: null,
      reason: 'no open exhibition in Opsdesk to bring customers into: create the exhibition first',
    });
    expect(await holdings('no-expo')).toMatchObject({ customers: 0, bills: 0, origins: 0 });
  });
});

describe('a customer the original kept without an e-mail address', () => {
  it('has no welcome or statement e-mailed at a person’s request (422, in words); the PDF is there to print', async () => {
    const id = await customerId('C084C5ED');
    const resend = await desk.post(`/api/exhibition/customers/${id}/resend`);
    expect(resend.statusCode, resend.body).toBe(422);
    expect(resend.json().code).toBe('exhibition.customer_no_email');
    const statement = await desk.post(`/api/exhibition/customers/${id}/statement/email`);
    expect(statement.statusCode, statement.body).toBe(422);
    const pdf = await desk.get(`/api/exhibition/customers/${id}/statement.pdf`);
    expect(pdf.statusCode).toBe(200);
  });

  it('is listed by the end-of-exhibition statements run among its failures (no address), to print, and the run ends', async () => {
    const started = await desk.post(`/api/exhibition/exhibitions/${exhibitionId}/statement-runs`);
    expect(started.statusCode, started.body).toBe(202);
    // The run's steps, as its job takes them (this test runs no worker).
    const ctx = await orgCtx(app);
    while ((await continueStatementRun(ctx, app.deps, started.json().id)) === 'more');
    const done = (await desk.get(`/api/exhibition/statement-runs/${started.json().id}`)).json();
    expect(done.status).toBe('done');
    const id = await customerId('C084C5ED');
    expect(done.failures).toContainEqual(
      expect.objectContaining({ customerId: id, email: '', status: 'undeliverable' }),
    );
  });

  it('is no duplicate of another customer without one', async () => {
    const pairs = await desk.get(`/api/exhibition/exhibitions/${exhibitionId}/duplicates`);
    expect(pairs.statusCode, pairs.body).toBe(200);
    for (const p of pairs.json() as Array<{ first: { email: string; phone: string }; matches: string[] }>) {
      if (p.matches.includes('email')) expect(p.first.email).not.toBe('');
      if (p.matches.includes('phone')) expect(p.first.phone).not.toBe('');
    }
  });
});

async function customerId(code: string): Promise<string> {
  const found = await desk.get(`/api/exhibition/customers/by-code/${code}`);
  expect(found.statusCode, found.body).toBe(200);
  return found.json().id;
}
