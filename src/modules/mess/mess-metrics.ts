import { Gauge, Histogram, type Registry } from 'prom-client';
import type { Clock } from '../../platform/clock/index.ts';
import type { Database } from '../../platform/db/index.ts';

/** What the mess records as it works (per process): how long judging a scanned pass takes. */
export interface MessMetrics {
  scanVerification: Histogram<'method'>;
}

type Row = { org: string; key: string; decision?: string; n: number };

/**
 * Mess gauges on `/metrics`, read from the database at scrape time across organizations (labelled by
 * org): `opsdesk_mess_approvals_waiting{org}` (registrations nobody decided yet) and
 * `opsdesk_mess_scans_24h{org,meal,decision}` (scans of the last 24 hours per meal); and the
 * histogram `opsdesk_mess_scan_verification_seconds{method}` of judging one scan (pass signature or
 * roll number, then the rules), observed as scans are recorded; payment verification time,
 * `opsdesk_mess_payment_verification_seconds{org,quantile}` (fee proofs decided in 30 days) and
 * `opsdesk_mess_payments_waiting_seconds{org}` (the oldest proof still waiting).
 */
export function registerMessMetrics(registry: Registry, database: Database, clock: Clock): MessMetrics {
  const rows = (text: string, values: unknown[] = []) =>
    database.pool.query<Row>(text, values).then(
      (r) => r.rows,
      () => [] as Row[],
    );
  new Gauge({
    name: 'opsdesk_mess_approvals_waiting',
    help: 'Student registrations waiting for an approval',
    labelNames: ['org'] as const,
    registers: [registry],
    async collect() {
      this.reset();
      for (const r of await rows(
        "select org_id as org, '' as key, count(*)::int as n from mess_student where status = 'pending' group by org_id",
      ))
        this.set({ org: r.org }, r.n);
    },
  });
  new Gauge({
    name: 'opsdesk_mess_scans_24h',
    help: 'Meal scans of the last 24 hours, per meal and decision (meal "none": outside every meal)',
    labelNames: ['org', 'meal', 'decision'] as const,
    registers: [registry],
    async collect() {
      this.reset();
      const since = new Date(clock.now().getTime() - 24 * 3600_000);
      for (const r of await rows(
        `select s.org_id as org, coalesce(m.name, 'none') as key, s.decision, count(*)::int as n
           from mess_scan s left join mess_meal m on m.id = s.meal_id and m.org_id = s.org_id
          where s.scanned_at > $1
          group by s.org_id, coalesce(m.name, 'none'), s.decision`,
        [since],
      ))
        this.set({ org: r.org, meal: r.key, decision: r.decision ?? '' }, r.n);
    },
  });
  // Payment verification time (the seed's metric): how long fee proofs waited for a warden's decision.
  new Gauge({
    name: 'opsdesk_mess_payment_verification_seconds',
    help: 'Time from a fee proof being sent to its verification or denial, over the proofs decided in the last 30 days (quantile 0.5 and 0.9)',
    labelNames: ['org', 'quantile'] as const,
    registers: [registry],
    async collect() {
      this.reset();
      const since = new Date(clock.now().getTime() - 30 * 86_400_000);
      for (const r of await rows(
        `select org_id as org, q::text as key,
                percentile_cont(q) within group (order by extract(epoch from updated_at - created_at))::float as n
           from v_payments_payment, unnest(array[0.5, 0.9]) as q
          where purpose_type = 'mess.cycle_fee' and method = 'proof' and status in ('verified', 'denied')
            and updated_at > $1
          group by org_id, q`,
        [since],
      ))
        this.set({ org: r.org, quantile: r.key }, r.n);
    },
  });
  new Gauge({
    name: 'opsdesk_mess_payments_waiting_seconds',
    help: 'Age of the oldest fee proof still waiting for verification',
    labelNames: ['org'] as const,
    registers: [registry],
    async collect() {
      this.reset();
      for (const r of await rows(
        `select org_id as org, '' as key, max(extract(epoch from $1::timestamptz - created_at))::float as n
           from v_payments_payment
          where purpose_type = 'mess.cycle_fee' and method = 'proof' and status = 'submitted'
          group by org_id`,
        [clock.now()],
      ))
        this.set({ org: r.org }, r.n);
    },
  });
  return {
    scanVerification: new Histogram({
      name: 'opsdesk_mess_scan_verification_seconds',
      help: 'Time to judge one scan: the pass signature (or roll number) and the meal rules',
      labelNames: ['method'] as const,
      buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1],
      registers: [registry],
    }),
  };
}
