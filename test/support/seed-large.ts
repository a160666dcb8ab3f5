import type pg from 'pg';

/**
 * Fills the tables that console lists expect to be large (ResourceDefinition.largeTables) with
 * `rows` plausible rows of one organization, in one INSERT ... SELECT each, then ANALYZE, so the
 * planner sees their real size. The list-plans test seeds a few tens of thousands; `npm run bench
 * lists` a million. Names repeat ("Marta" is one in eight), so searches and filters have hits.
 */
export const LARGE_TABLE_SEEDERS: Record<
  string,
  (pool: pg.Pool, orgId: string, rows: number) => Promise<void>
> = {
  contact: async (pool, orgId, rows) => {
    await pool.query(
      `insert into contact (org_id, display_name, preferred_language, marketing_opt_in, created_at)
         select $1,
                (array['Marta','Ravi','Ana','Priya','Luis','Sofia','Arjun','Elena'])[1 + g % 8] || ' ' ||
                (array['Gomez','Sharma','Lopez','Patel','Garcia','Singh','Diaz','Rao','Khan','Perez'])[1 + (g / 8) % 10]
                  || ' ' || g,
                (array['en','hi','es'])[1 + g % 3],
                g % 10 = 0,
                timestamptz '2026-01-01' + g * interval '17 seconds'
         from generate_series(1, $2::int) g`,
      [orgId, rows],
    );
    await pool.query('analyze contact');
  },
  // A phone for each of the first `rows` seeded contacts (+250700000042 for contact 42), and an
  // e-mail for one in four of them.
  contact_identity: async (pool, orgId, rows) => {
    await pool.query(
      `with seeded as (
         select org_id, id, split_part(display_name, ' ', 3)::int as n from contact
         where org_id = $1 and display_name ~ ' [0-9]+$')
       insert into contact_identity (org_id, contact_id, channel, external_id)
         select org_id, id, 'phone', '+2507' || lpad(n::text, 8, '0') from seeded where n <= $2
         union all
         select org_id, id, 'email', 'person' || n || '@example.com' from seeded where n <= $2 and n % 4 = 0
       on conflict do nothing`,
      [orgId, rows],
    );
    await pool.query('analyze contact_identity');
  },
  mess_scan: async (pool, orgId, rows) => {
    const students = Math.max(10, Math.min(500, Math.floor(rows / 1000)));
    await pool.query(
      `insert into mess_student (org_id, name, roll_number, room, status)
         select $1, (array['Marta','Ravi','Ana','Priya'])[1 + g % 4] || ' Student ' || g, 'BULK-' || g,
                'R' || (g % 50), 'approved'
         from generate_series(1, $2::int) g`,
      [orgId, students],
    );
    // 500 students x 3 meals a day: one scan every ~58 s of a year; one in twenty denied.
    await pool.query(
      `insert into mess_scan (org_id, nonce, device_id, student_id, method, scanned_at, offline,
                                decision, reason, window_key, synced_by)
         select $1, gen_random_uuid(), 'device-' || (g % 4), s.id, 'pass',
                timestamptz '2026-01-01' + g * interval '58 seconds', g % 7 = 0,
                case when g % 20 = 0 then 'denied' else 'allowed' end,
                case when g % 20 = 0 then 'already_served' end,
                to_char(timestamptz '2026-01-01' + g * interval '58 seconds', 'YYYY-MM-DD') || ':' || g,
                'bench'
         from generate_series(1, $2::int) g
         join (select id, row_number() over (order by id) - 1 as n from mess_student
               where org_id = $1 and roll_number like 'BULK-%') s on s.n = g % $3`,
      [orgId, rows, students],
    );
    await pool.query('analyze mess_student');
    await pool.query('analyze mess_scan');
  },
  raffle_ticket: async (pool, orgId, rows) => {
    // A raffle spans at most a million numbers; big ones are split over several raffles.
    const perRaffle = 500_000;
    const raffles = Math.ceil(rows / perRaffle);
    for (let r = 0; r < raffles; r++) {
      const count = Math.min(perRaffle, rows - r * perRaffle);
      const raffle = await pool.query<{ id: string }>(
        `insert into raffle_raffle (org_id, title, price_minor, currency, min_number, max_number, status,
                                      seed, commitment)
           values ($1, $2, 1000, 'USD', 0, $3, 'selling', repeat('a', 64), repeat('b', 64)) returning id`,
        [orgId, `Big raffle ${r + 1}`, count - 1],
      );
      await pool.query(
        `insert into raffle_ticket (org_id, raffle_id, number)
           select $1, $2, g from generate_series(0, $3::int - 1) g`,
        [orgId, raffle.rows[0]!.id, count],
      );
    }
    await pool.query('analyze raffle_raffle');
    await pool.query('analyze raffle_ticket');
  },
};
