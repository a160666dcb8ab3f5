import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOrg } from '../../../../test/factories/org.ts';
import { holdingsOf, moduleImport, reportCounts } from '../../../../test/support/import-kit.ts';
import { TEST_MODULES } from '../../../../test/support/template-sources.ts';
import {
  dumpdataSource,
  type ImportSource,
  postgresSource,
  type SourceConnection,
} from '../../../core/imports/index.ts';
import { createEmbedded, openDatabase, sql } from '../../../platform/db/index.ts';
import { type RaffleHarness, startRaffleApp } from './raffle-harness.ts';

// Issue 42 for the raffle: the original raffle backoffice's records come over from a dumpdata file
// or its database; a second run changes nothing; sold and held numbers stay taken; an imported
// buyer who writes on WhatsApp is the same buyer; a bad row is reported and nothing of it written;
// the original's API (compat/) answers on what came over.

const FIXTURES = new URL('../../../../test/fixtures/import/', import.meta.url);
const DUMPDATA = JSON.parse(readFileSync(new URL('raffle-dumpdata.json', FIXTURES), 'utf8')) as Array<{
  model: string;
  pk: number;
  fields: Record<string, unknown>;
}>;
/** The switch happens ten minutes before Luis's hold on number 7 runs out. */
const NOW = '2026-11-20T18:00:00Z';
const startedAt = Date.now();

let h: RaffleHarness;

beforeAll(async () => {
  h = await startRaffleApp({ clock: { now: () => new Date(Date.parse(NOW) + (Date.now() - startedAt)) } });
});
afterAll(async () => h?.close());

const run = (org: string, source: ImportSource, dryRun = false) =>
  moduleImport(() => h.app, TEST_MODULES, 'raffle')(org, source, { dryRun });
const fixture = (records = DUMPDATA) => dumpdataSource(records, 'dumpdata raffle-dumpdata.json');

/** What an organization holds of raffles, contacts and payments: everything an import could write. */
const holdings = (org: string) =>
  holdingsOf(h.app.database.db, org, {
    raffles: 'raffle_raffle',
    tickets: 'raffle_ticket',
    sold: "select count(*) from raffle_ticket t where t.org_id = o.id and t.status = 'sold'",
    held: "select count(*) from raffle_ticket t where t.org_id = o.id and t.status = 'held'",
    buyers: 'raffle_buyer',
    identities: "select count(*) from contact_identity i where i.org_id = o.id and i.channel = 'whatsapp'",
    orders: 'raffle_order',
    payments: 'payment',
    files: 'file_object',
    notifications: 'notification',
    origins: 'import_origin',
  });

const FULL = {
  'whatsapp.whatsappcontact': [3, 3, 0, 0, 0],
  'raffles.raffle': [2, 2, 0, 0, 0],
  'raffles.ticketnumber': [5, 5, 0, 0, 0],
  'raffles.orderticket': [5, 5, 0, 0, 0],
  'raffles.order': [5, 4, 0, 1, 0],
};
const HOLDINGS = {
  raffles: 2,
  tickets: 30,
  sold: 3,
  held: 1,
  buyers: 3,
  identities: 3,
  orders: 4,
  payments: 3,
  files: 2,
  notifications: 0,
  origins: 3 + 2 + 5 + 5 + 4,
};

async function ordersOf(org: string) {
  const { rows } = await sql<{
    title: string;
    wa_id: string;
    status: string;
    numbers: number[];
    amount_minor: string;
  }>`
    select r.title, b.wa_id, x.status, x.numbers, x.amount_minor from raffle_order x
    join raffle_raffle r on r.id = x.raffle_id join raffle_buyer b on b.id = x.buyer_id
    join organization o on o.id = x.org_id where o.slug = ${org} order by x.created_at`.execute(
    h.app.database.db,
  );
  return rows.map((r) => ({ ...r, amount_minor: Number(r.amount_minor) }));
}

describe('opsdesk import raffle', () => {
  it('brings the dumpdata fixture over: ranges, ticket states, orders with their numbers and proofs, buyers with their numbers; sends nothing', async () => {
    const before = (await holdings('default')).notifications;
    const report = await run('default', fixture());
    expect(report.issues).toEqual([]);
    expect(reportCounts(report)).toEqual(FULL);
    expect(await holdings('default')).toMatchObject({ ...HOLDINGS, notifications: before });
    expect(await ordersOf('default')).toEqual([
      { title: 'Rifa de Octubre', wa_id: '595981200001', status: 'paid', numbers: [3], amount_minor: 500 },
      {
        title: 'Rifa Solidaria',
        wa_id: '595981200003',
        status: 'cancelled',
        numbers: [9],
        amount_minor: 20000,
      },
      {
        title: 'Rifa Solidaria',
        wa_id: '595981200001',
        status: 'paid',
        numbers: [5, 12],
        amount_minor: 40000,
      },
      {
        title: 'Rifa Solidaria',
        wa_id: '595981200002',
        status: 'pending_payment',
        numbers: [7],
        amount_minor: 20000,
      },
    ]);
    const raffles = (await h.ops.get('/api/raffle/raffles')).json() as Array<{
      title: string;
      status: string;
    }>;
    expect(raffles.filter((r) => r.title.startsWith('Rifa ')).map((r) => [r.title, r.status])).toEqual(
      expect.arrayContaining([
        ['Rifa Solidaria', 'selling'],
        ['Rifa de Octubre', 'closed'],
      ]),
    );
    // Luis's proof waits in the review queue by its WhatsApp media id.
    const { rows } = await sql<{ status: string; original_name: string }>`
      select p.status, f.original_name from v_payments_payment p join file_object f on f.id = p.proof_file_id
      where p.purpose_type = 'raffle.order' and p.status = 'submitted'`.execute(h.app.database.db);
    expect(rows).toEqual([
      { status: 'submitted', original_name: expect.stringContaining('1048576000000002') },
    ]);
  });

  it('changes nothing when the same import runs again', async () => {
    const again = await run('default', fixture());
    expect(again.issues).toEqual([]);
    expect(reportCounts(again)).toEqual({
      'whatsapp.whatsappcontact': [3, 0, 3, 0, 0],
      'raffles.raffle': [2, 0, 2, 0, 0],
      'raffles.ticketnumber': [5, 0, 5, 0, 0],
      'raffles.orderticket': [5, 0, 5, 0, 0],
      'raffles.order': [5, 0, 4, 1, 0],
    });
    expect(await holdings('default')).toMatchObject(HOLDINGS);
  });

  it('keeps sold and held numbers taken: nobody can buy them again, a free one sells', async () => {
    const raffles = (await h.ops.get('/api/raffle/raffles')).json() as Array<{ id: string; title: string }>;
    const id = raffles.find((r) => r.title === 'Rifa Solidaria')!.id;
    for (const n of [5, 12, 7]) {
      const taken = await h.ops.post(`/api/raffle/raffles/${id}/reservations`, {
        waId: '595981299999',
        numbers: [n],
      });
      expect(taken.statusCode, `number ${n}`).toBeGreaterThanOrEqual(400);
      expect(taken.headers['content-type']).toMatch(/application\/problem\+json/);
    }
    // 9 was released when its order was cancelled in the original.
    const free = await h.ops.post(`/api/raffle/raffles/${id}/reservations`, {
      waId: '595981299999',
      numbers: [9],
    });
    expect(free.statusCode, free.body).toBe(201);
  });

  it('recognises an imported buyer who writes on WhatsApp: the same contact and buyer, with their order', async () => {
    const [answer] = await h.say('595981200002', 'mis boletos');
    expect(answer).toContain('7');
    const { rows } = await sql<{ buyers: string; contacts: string }>`
      select (select count(*) from raffle_buyer where wa_id = '595981200002') as buyers,
             (select count(*) from contact_identity where channel = 'whatsapp' and external_id = '595981200002') as contacts`.execute(
      h.app.database.db,
    );
    expect(rows[0]).toEqual({ buyers: '1', contacts: '1' });
  });

  it("answers the original's API on what came over: raffles, orders waiting for payment, confirm-payment", async () => {
    const list = (await h.owner.get('/api/raffles/?is_active=true')).json();
    expect(list.results.map((r: { title: string }) => r.title)).toContain('Rifa Solidaria');
    const solidaria = list.results.find((r: { title: string }) => r.title === 'Rifa Solidaria');
    expect(solidaria).toMatchObject({
      ticket_price: '20000',
      currency: 'PYG',
      min_number: 1,
      max_number: 20,
    });
    const pending = (await h.owner.get('/api/orders/pending-payment/')).json() as Array<{
      id: string;
      contact_wa_id: string;
      ticket_numbers: number[];
    }>;
    const luis = pending.find((o) => o.contact_wa_id === '595981200002')!;
    expect(luis.ticket_numbers).toEqual([7]);
    const confirmed = await h.owner.post(`/api/orders/${luis.id}/confirm-payment/`, {});
    expect(confirmed.statusCode, confirmed.body).toBe(200);
    expect(confirmed.json()).toMatchObject({ status: 'PAID', ticket_numbers: [7] });
  });

  it('reports a record that cannot come over with its reason, and writes none of it', async () => {
    await createOrg(h.app, { slug: 'raffle-bad-rows', currency: 'PYG', timeZone: 'America/Asuncion' });
    const broken = DUMPDATA.map((r) =>
      r.model === 'raffles.raffle' && r.pk === 2 ? { ...r, fields: { ...r.fields, max_number: 0 } } : r,
    ).concat([
      {
        model: 'whatsapp.whatsappcontact',
        pk: 4,
        fields: { ...DUMPDATA[0]!.fields, wa_id: 'not-a-number' },
      },
    ]);
    const report = await run('raffle-bad-rows', fixture(broken));
    expect(report.issues).toEqual([
      {
        model: 'whatsapp.whatsappcontact',
        pk: '4',
        field: 'wa_id',
        reason: 'expected a WhatsApp number (digits), got not-a-number',
      },
      { model: 'raffles.raffle', pk: '2', field: 'max_number', reason: 'is below min_number (1)' },
      expect.objectContaining({ model: 'raffles.ticketnumber', pk: '5', field: 'raffle' }),
      expect.objectContaining({ model: 'raffles.orderticket', pk: '5', field: 'ticket' }),
      expect.objectContaining({ model: 'raffles.order', pk: '4', field: 'raffle' }),
    ]);
    expect(await holdings('raffle-bad-rows')).toMatchObject({
      raffles: 1,
      tickets: 20,
      buyers: 3,
      orders: 3,
      payments: 2,
      origins: 3 + 1 + 4 + 4 + 3,
    });
  });

  it("reads the same records from the original's PostgreSQL", async () => {
    const lite = await createEmbedded();
    const original = await openDatabase({ lite });
    try {
      await original.pool.query(readFileSync(new URL('raffle-django-schema.sql', FIXTURES), 'utf8'));
      const FKS = ['tenant', 'raffle', 'contact', 'reserved_by_order', 'order', 'ticket'];
      // Django's foreign keys are deferred: the records go in as one transaction, in dumpdata's order.
      const loader = await original.pool.connect();
      await loader.query('begin');
      for (const r of DUMPDATA) {
        const table = r.model.replace('.', '_');
        const columns = Object.keys(r.fields).map((f) => (FKS.includes(f) ? `${f}_id` : f));
        const values = Object.values(r.fields).map((v) =>
          v && typeof v === 'object' ? JSON.stringify(v) : v,
        );
        await loader.query(
          `insert into ${table} (id, ${columns.join(', ')}) values (${[r.pk, ...values].map((_, i) => `$${i + 1}`).join(', ')})`,
          [r.pk, ...values],
        );
      }
      await loader.query('commit');
      loader.release();
      await createOrg(h.app, { slug: 'raffle-from-db', currency: 'PYG', timeZone: 'America/Asuncion' });
      const client = await original.pool.connect();
      const source = await postgresSource(client as unknown as SourceConnection, 'postgres original', () =>
        client.release(),
      );
      const fromDb = await run('raffle-from-db', source);
      await source.close();
      expect(fromDb.issues).toEqual([]);
      expect(reportCounts(fromDb)).toEqual(FULL);
      expect(await holdings('raffle-from-db')).toEqual(HOLDINGS);
    } finally {
      await original.close();
      await lite.close();
    }
  }, 180_000);
});
