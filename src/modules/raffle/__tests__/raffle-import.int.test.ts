import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOrg } from '../../../../test/factories/org.ts';
import {
  changeCounts,
  holdingsOf,
  moduleImport,
  originalPostgres,
} from '../../../../test/support/import-kit.ts';
import { TEST_MODULES } from '../../../../test/support/template-sources.ts';
import { whatsAppChat } from '../../../../test/support/whatsapp-app.ts';
import { dumpdataSource, type ImportReport, type ImportSource } from '../../../core/imports/index.ts';
import { sql } from '../../../platform/db/index.ts';
import { orderTitleSql } from '../buyer-name.ts';
import { ORIGINAL_WINNER_PRIZE } from '../import/import-tables.ts';
import { APP_SECRET, type RaffleHarness, startRaffleApp } from './raffle-harness.ts';

// Issue 51 for the raffle: what the original raffle backoffice itself wrote (test/fixtures/import/
// raffle-original, made by its seed_test_data, bot, API, admin and signals) comes over whole: every
// sold number sold to its order and buyer (the seed's and the desk's SOLD tickets name no order),
// holds past their end expired with their numbers free, the drawn raffle's winner and draw date, the
// orders' dates, money as the original counted it; a second snapshot after a week of sales and the
// multi-tenant upgrade brings exactly its changes, and a third run none.

type Record = { model: string; pk: number; fields: { [field: string]: unknown } };
const DIR = new URL('../../../../test/fixtures/import/raffle-original/', import.meta.url);
const snapshot = (name: string): Record[] =>
  JSON.parse(gunzipSync(readFileSync(new URL(name, DIR))).toString('utf8'));
const FIRST = snapshot('first.json.gz');
const SECOND = snapshot('second.json.gz');
/** A minute after each snapshot: the first's last three holds are still live. */
const NOW_FIRST = Date.parse('2026-03-03T12:14:00Z');
const NOW_SECOND = Date.parse('2026-03-10T09:21:00Z');

let now = NOW_FIRST;
const startedAt = Date.now();
let h: RaffleHarness;
beforeAll(async () => {
  h = await startRaffleApp({ clock: { now: () => new Date(now + (Date.now() - startedAt)) } });
});
afterAll(async () => h?.close());
const at = (instant: number) => {
  now = instant - (Date.now() - startedAt);
};

const run = (org: string, source: ImportSource, dryRun = false) =>
  moduleImport(() => h.app, TEST_MODULES, 'raffle')(org, source, { dryRun, answers: { country: 'PY' } });
const dumpdata = (records: Record[], name: string) => dumpdataSource(records, `dumpdata ${name}`);
const issuesOf = (report: ImportReport, kind: 'refused' | 'flagged') =>
  report.issues.filter((i) => i.kind === kind);

const ofModel = (records: Record[], model: string) => records.filter((r) => r.model === model);

/**
 * What the original sold: each SOLD ticket (raffle title and number) with the order it names
 * (`reserved_by_order`, else the one order the order/ticket join gives it) and that order's contact.
 */
function originalSales(records: Record[]) {
  const raffles = new Map(ofModel(records, 'raffles.raffle').map((r) => [r.pk, String(r.fields.title)]));
  const orders = new Map(ofModel(records, 'raffles.order').map((r) => [r.pk, r.fields]));
  const joins = ofModel(records, 'raffles.orderticket');
  return ofModel(records, 'raffles.ticketnumber')
    .filter((t) => t.fields.status === 'SOLD')
    .map((t) => {
      const named = t.fields.reserved_by_order as number | null;
      const joined = joins.filter((j) => j.fields.ticket === t.pk).map((j) => j.fields.order as number);
      expect(named !== null || joined.length === 1, `ticket ${t.pk}`).toBe(true);
      const order = named ?? joined[0]!;
      return {
        sale: `${raffles.get(t.fields.raffle as number)} #${t.fields.number}`,
        order: String(order),
        contact: String(orders.get(order)!.contact),
      };
    })
    .sort((a, b) => a.sale.localeCompare(b.sale));
}

/** What Opsdesk sold in an organization: each sold ticket with the original order and contact it came from. */
async function opsdeskSales(org: string) {
  const { rows } = await sql<{ sale: string; order: string; contact: string }>`
    select r.title || ' #' || t.number as sale, substring(o.source_key from 'import:raffles.order:(.*)') as "order",
           (select i.source_pk from import_origin i where i.org_id = o.org_id and i.module = 'raffle'
              and i.source_model = 'whatsapp.whatsappcontact' and i.target_id = o.buyer_id::text
            order by i.source_pk::int limit 1) as contact
    from raffle_ticket t join raffle_order o on o.id = t.order_id join raffle_raffle r on r.id = t.raffle_id
    join organization g on g.id = t.org_id
    where g.slug = ${org} and t.status = 'sold'`.execute(h.app.database.db);
  return rows.sort((a, b) => a.sale.localeCompare(b.sale));
}

/** The PAID orders' totals per currency, in the money module's minor units (USD cents, PYG and COP whole). */
function originalPaid(records: Record[]) {
  const currency = new Map(ofModel(records, 'raffles.raffle').map((r) => [r.pk, String(r.fields.currency)]));
  const totals: { [c: string]: number } = {};
  for (const o of ofModel(records, 'raffles.order').filter((r) => r.fields.status === 'PAID')) {
    const c = currency.get(o.fields.raffle as number)!;
    const [whole, cents = '00'] = String(o.fields.total_amount).split('.');
    const minor = c === 'USD' ? Number(whole) * 100 + Number(cents) : Math.round(Number(`${whole}.${cents}`));
    totals[c] = (totals[c] ?? 0) + minor;
  }
  return totals;
}

async function opsdeskPaid(org: string) {
  const { rows } = await sql<{ currency: string; minor: string }>`
    select btrim(x.currency) as currency, sum(x.amount_minor)::text as minor
    from raffle_order x join organization g on g.id = x.org_id
    where g.slug = ${org} and x.status = 'paid' group by 1`.execute(h.app.database.db);
  return Object.fromEntries(rows.map((r) => [r.currency, Number(r.minor)]));
}

const holdings = (org: string) =>
  holdingsOf(h.app.database.db, org, {
    raffles: 'raffle_raffle',
    tickets: 'raffle_ticket',
    sold: "select count(*) from raffle_ticket t where t.org_id = o.id and t.status = 'sold'",
    held: "select count(*) from raffle_ticket t where t.org_id = o.id and t.status = 'held'",
    buyers: 'raffle_buyer',
    orders: 'raffle_order',
    payments: 'payment',
    notifications: 'notification',
  });

const FIRST_CHANGES = {
  'whatsapp.whatsappcontact': { created: 19, updated: 0, unchanged: 0, refused: 0, flagged: 0 },
  'raffles.raffle': { created: 5, updated: 0, unchanged: 0, refused: 0, flagged: 1 },
  'raffles.ticketnumber': { created: 1240, updated: 0, unchanged: 0, refused: 0, flagged: 0 },
  'raffles.orderticket': { created: 101, updated: 0, unchanged: 0, refused: 0, flagged: 0 },
  'raffles.order': { created: 51, updated: 0, unchanged: 0, refused: 0, flagged: 8 },
};
const unchanged = (counts: { [model: string]: number }) =>
  Object.fromEntries(
    Object.entries(counts).map(([m, n]) => [
      m,
      { created: 0, updated: 0, unchanged: n, refused: 0, flagged: 0 },
    ]),
  );

describe('opsdesk import raffle, from what the original raffle backoffice wrote', () => {
  it('dry-runs exactly what the run then does, with what changes meaning counted', async () => {
    at(NOW_FIRST);
    const dry = await run('default', dumpdata(FIRST, 'first.json'), true);
    expect(changeCounts(dry)).toEqual(FIRST_CHANGES);
    expect(dry.models.find((m) => m.model === 'raffles.order')!.notes).toEqual({
      'hold already expired: its numbers are free': 12,
    });
    expect(dry.models.find((m) => m.model === 'whatsapp.whatsappcontact')!.notes).toEqual({
      'local number read in PY': 4,
    });
    expect((await holdings('default')).orders).toBe(0);
  });

  it('brings every sold number over sold to its order and buyer, the money as the original counted it', async () => {
    const before = (await holdings('default')).notifications;
    const report = await run('default', dumpdata(FIRST, 'first.json'));
    expect(changeCounts(report)).toEqual(FIRST_CHANGES);
    expect(issuesOf(report, 'refused')).toEqual([]);
    // The seed's PAID order and the desk sale marked their tickets SOLD without naming the order.
    expect(await opsdeskSales('default')).toEqual(originalSales(FIRST));
    expect((await opsdeskSales('default')).filter((s) => s.order === '1').map((s) => s.sale)).toEqual(
      [1, 2, 3, 4, 5].map((n) => `Gran Rifa de Navidad 2026 #${n}`),
    );
    // USD to the cent, PYG whole; COP as Opsdesk counts it (whole pesos): each order with cents flagged.
    const paid = originalPaid(FIRST);
    expect(await opsdeskPaid('default')).toEqual(paid);
    const cop = issuesOf(report, 'flagged').filter((i) => i.field === 'total_amount');
    expect(cop.map((i) => i.reason)).toContain(
      '12500.50 COP: Opsdesk counts COP in whole units, so it is kept as 12501',
    );
    // The three holds still live at the switch (orders 50-52) hold their four numbers; nothing was sent.
    expect(await holdings('default')).toMatchObject({ held: 4, notifications: before });
    const { rows } = await sql<{ source_key: string }>`
      select source_key from raffle_order where status = 'pending_payment' order by source_key`.execute(
      h.app.database.db,
    );
    expect(rows.map((r) => r.source_key)).toEqual([50, 51, 52].map((pk) => `import:raffles.order:${pk}`));
  });

  it('keeps the orders’ and raffles’ dates and the drawn raffle’s winner, shown as the original’s', async () => {
    const { rows } = await sql<{ created_at: Date; title: string }>`
      select x.created_at, r.title from raffle_order x join raffle_raffle r on r.id = x.raffle_id
      where x.source_key = 'import:raffles.order:1'`.execute(h.app.database.db);
    expect(rows[0]!.created_at.toISOString()).toBe('2026-03-02T12:00:00.000Z');
    const octubre = (await h.owner.get('/api/raffles/5/')).json();
    const original = ofModel(FIRST, 'raffles.raffle').find((r) => r.pk === 5)!.fields;
    expect(octubre).toMatchObject({
      title: 'Rifa de Octubre',
      is_active: false,
      winner_number: original.winner_number,
      draw_date: new Date(String(original.draw_date)).toISOString(),
      created_at: new Date(String(original.created_at)).toISOString(),
    });
    const draw = (await h.app.anonymous().get(`/public/raffles/${octubre.id}/draw?format=json`)).json();
    expect(draw).toMatchObject({
      status: 'drawn',
      seed: null,
      verified: null,
      prizes: [{ position: 1, title: ORIGINAL_WINNER_PRIZE, winningNumber: original.winner_number }],
    });
    expect(draw.prizes[0].winner).toEqual(expect.any(String));
    const page = await h.app.anonymous().get(`/public/raffles/${octubre.id}/draw?format=html&lang=es`);
    expect(page.body).toContain('Sorteada antes del cambio, en el sistema anterior.');
  });

  it('shows a COP order’s title in pesos, not a hundredth of them', async () => {
    const { rows } = await sql<{ title: string }>`
      select ${sql.raw(orderTitleSql('x'))} as title from raffle_order x
      where x.source_key = 'import:raffles.order:1'`.execute(h.app.database.db);
    expect(rows[0]!.title).toBe('#1 #2 #3 #4 #5 · COP 50,000');
  });

  it('lets an imported buyer see their numbers on WhatsApp ("mis boletos"), through the original webhook URL too', async () => {
    // Their tickets, then the menu.
    const answers = await h.say('573001234567', 'mis boletos', 2);
    expect(answers.join('\n')).toContain('Gran Rifa de Navidad 2026: 1, 2, 3, 4, 5 — pagado');
    // The Meta app still calls the original's URL on switch day: the handshake and the same chat answer there.
    const original = h.hook.replace('/webhooks/whatsapp', '/whatsapp/webhook/');
    const handshake = await fetch(
      `${original}?hub.mode=subscribe&hub.verify_token=raffle-verify&hub.challenge=42`,
    );
    expect([handshake.status, await handshake.text()]).toEqual([200, '42']);
    const again = await whatsAppChat(h.wa, original, APP_SECRET).say('573001234567', 'mis boletos', 2);
    expect(again.join('\n')).toContain('Gran Rifa de Navidad 2026: 1, 2, 3, 4, 5 — pagado');
  });

  it('changes nothing when the same snapshot comes again', async () => {
    const before = await holdings('default');
    const again = await run('default', dumpdata(FIRST, 'first.json'));
    expect(changeCounts(again)).toEqual(
      unchanged({
        'whatsapp.whatsappcontact': 19,
        'raffles.raffle': 5,
        'raffles.ticketnumber': 1240,
        'raffles.orderticket': 101,
        'raffles.order': 51,
      }),
    );
    expect(await holdings('default')).toEqual(before);
  });

  it('brings the week after exactly: new sales, orders paid or cancelled since, the raffle drawn since; a third run nothing', async () => {
    at(NOW_SECOND);
    const owner = await h.app.signIn('owner@example.com');
    const report = await run('default', dumpdata(SECOND, 'second.json'));
    expect(issuesOf(report, 'refused')).toEqual([]);
    // The upgrade to the multi-tenant version added `tenant` to every contact, raffle and order:
    // a volatile field (one organization here), so only what else changed is brought again.
    expect(changeCounts(report)).toEqual({
      'whatsapp.whatsappcontact': { created: 4, updated: 0, unchanged: 19, refused: 0, flagged: 0 },
      'raffles.raffle': { created: 1, updated: 2, unchanged: 3, refused: 0, flagged: 0 },
      'raffles.ticketnumber': { created: 40, updated: 46, unchanged: 1194, refused: 0, flagged: 0 },
      'raffles.orderticket': { created: 42, updated: 0, unchanged: 101, refused: 0, flagged: 0 },
      'raffles.order': { created: 21, updated: 12, unchanged: 39, refused: 0, flagged: 3 },
    });
    expect(await opsdeskSales('default')).toEqual(originalSales(SECOND));
    expect(await opsdeskPaid('default')).toEqual(originalPaid(SECOND));
    // Order 35 waited with its proof and was paid since: its proof, waiting for review, is verified.
    const { rows } = await sql<{ status: string; payment: string }>`
      select x.status, p.status as payment from raffle_order x join v_payments_payment p on p.id = x.payment_id
      where x.source_key = 'import:raffles.order:35'`.execute(h.app.database.db);
    expect(rows).toEqual([{ status: 'paid', payment: 'verified' }]);
    // The seed's raffle was drawn since: closed here with the original's winner.
    const navidad = (await owner.get('/api/raffles/1/')).json();
    const winner = ofModel(SECOND, 'raffles.raffle').find((r) => r.pk === 1)!.fields.winner_number;
    expect(navidad).toMatchObject({ is_active: false, winner_number: winner, ticket_price: '10000' });
    expect((await owner.get('/api/raffles/2/')).json()).toMatchObject({ ticket_price: '25000' });

    const before = await holdings('default');
    const third = await run('default', dumpdata(SECOND, 'second.json'));
    expect(changeCounts(third)).toEqual(
      unchanged({
        'whatsapp.whatsappcontact': 23,
        'raffles.raffle': 6,
        'raffles.ticketnumber': 1280,
        'raffles.orderticket': 143,
        'raffles.order': 72,
      }),
    );
    expect(await holdings('default')).toEqual(before);
  });

  it("reads the same from the original's PostgreSQL, before and after its multi-tenant upgrade", async () => {
    await createOrg(h.app, { slug: 'rifas-pg', currency: 'PYG', timeZone: 'America/Asuncion' });
    at(NOW_FIRST);
    const first = await fromPgDump('rifas-pg', 'first.sql');
    expect(changeCounts(first)).toEqual(FIRST_CHANGES);
    expect(await opsdeskSales('rifas-pg')).toEqual(originalSales(FIRST));
    at(NOW_SECOND);
    const second = await fromPgDump('rifas-pg', 'second.sql');
    expect(issuesOf(second, 'refused')).toEqual([]);
    expect(await opsdeskSales('rifas-pg')).toEqual(originalSales(SECOND));
    expect(await opsdeskPaid('rifas-pg')).toEqual(originalPaid(SECOND));
  }, 180_000);
});

/** Loads a pg_dump of the original into an embedded PostgreSQL and imports from it. */
async function fromPgDump(org: string, file: string) {
  const original = await originalPostgres();
  try {
    await original.load(readFileSync(new URL(file, DIR), 'utf8'));
    const source = await original.source(`postgres ${file}`);
    try {
      return await run(org, source);
    } finally {
      await source.close();
    }
  } finally {
    await original.close();
  }
}
