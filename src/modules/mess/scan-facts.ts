import type { Ctx } from '../../core/context/index.ts';
import { addDays } from '../../core/time/index.ts';
import { sql } from '../../platform/db/index.ts';
import type { StudentStatus } from './mess.rules.ts';
import { type MessSettings, parseMessSettings } from './mess.settings.ts';
import {
  type CycleRow,
  cycleTermsOf,
  HISTORY_DAYS,
  type LoadedMessFacts,
  paidCycles,
  type StudentRecord,
} from './mess-facts.ts';
import type { ScanResult } from './scanner.contract.ts';

/** What a batch of scans asks about, known before any query: from the scans and their verified passes. */
export interface ScanQuestions {
  studentIds: string[];
  rollNumbers: string[];
  /** The passes' subjects, for their current versions (a lower pass version is revoked). */
  subjects: Array<{ type: string; id: string }>;
  nonces: string[];
  /** The scans' earliest and latest instants: the allowed scans of their windows are read. */
  from: Date;
  to: Date;
}

export interface ScanFacts {
  settings: MessSettings;
  facts: LoadedMessFacts;
  students: StudentRecord[];
  passVersion: (type: string, id: string) => number | undefined;
  /** Allowed scans of the batch's students around its scans, by `studentId windowKey`. */
  served: ServedBy;
  /** Results of nonces already recorded (a replayed batch), answered as they were. */
  stored: Map<string, ScanResult>;
}

/** Who was served a window first: a scan stored before (its id) or one of this batch (its nonce). */
export type ServedBy = Map<string, { id?: string; nonce?: string; deviceId: string }>;

export const servedKey = (studentId: string, windowKey: string) => `${studentId} ${windowKey}`;

/** A local date is at most a day off the UTC one: a day more of history serves every time zone. */
const DAY_MS = 86_400_000;

/**
 * Everything the counter judges a batch of scans by, in one statement: the organization's mess
 * settings and time zone, meals, recent closures and cycles, the scanned students with their cuts
 * and payments, the passes' current versions, the windows already served and the nonces already
 * recorded. Raw SQL (the org scope of the query builder does not rewrite it): every table is
 * filtered on `org_id` here; the core's rows are read through its public views.
 */
export async function loadScanFacts(ctx: Ctx, q: ScanQuestions): Promise<ScanFacts> {
  const org = ctx.orgId;
  const since = addDays(ctx.clock.now().toISOString().slice(0, 10), -HISTORY_DAYS - 1);
  const { rows } = await sql<FactsRow>`
    with picked as (
      select id from mess_student
      where org_id = ${org} and (id = any(${q.studentIds}::uuid[]) or roll_number = any(${q.rollNumbers}::text[]))
    )
    select
      (select json_build_object('settings', settings -> 'mess', 'timeZone', time_zone)
         from v_orgs_organization where org_id = ${org}) as org,
      (select coalesce(json_agg(m order by m.position, m.start_time), '[]')
         from (select id, name, start_time, end_time, weekdays, position from mess_meal where org_id = ${org}) m) as meals,
      (select coalesce(json_agg(c), '[]')
         from (select date, meal_ids from mess_closure where org_id = ${org} and date >= ${since}) c) as closures,
      (select coalesce(json_agg(c order by c.from_date), '[]')
         from (select id, name, from_date, to_date, fee_minor, rebate_per_day_minor
               from mess_cycle where org_id = ${org} and to_date >= ${since}) c) as cycles,
      (select coalesce(json_agg(s), '[]') from (
         select s.id, s.name, s.roll_number, s.room, s.status,
           (select coalesce(json_agg(json_build_object('from', c.from_date, 'to', c.to_date)), '[]')
              from mess_cut c where c.org_id = s.org_id and c.student_id = s.id) as cuts,
           (select coalesce(json_agg(json_build_object('cycle_id', p.cycle_id, 'amount_minor', p.amount_minor::text)), '[]')
              from mess_fee_payment p where p.org_id = s.org_id and p.student_id = s.id) as payments
         from mess_student s where s.org_id = ${org} and s.id in (select id from picked)) s) as students,
      (select coalesce(json_agg(v), '[]') from (
         select subject_type, subject_id, version from v_passes_subject
         where org_id = ${org} and (subject_type, subject_id) in
           (select * from unnest(${q.subjects.map((s) => s.type)}::text[], ${q.subjects.map((s) => s.id)}::text[]))) v) as versions,
      (select coalesce(json_agg(x order by x.conflict desc), '[]') from (
         select id, student_id, window_key, device_id, conflict from mess_scan
         where org_id = ${org} and decision = 'allowed' and student_id in (select id from picked)
           and scanned_at >= ${new Date(q.from.getTime() - DAY_MS)} and scanned_at <= ${new Date(q.to.getTime() + DAY_MS)}) x) as served,
      (select coalesce(json_agg(x), '[]') from (
         select sc.nonce, sc.decision, sc.reason, sc.server_decision, sc.server_reason, sc.conflict,
           st.id as student_id, st.name, st.roll_number
         from mess_scan sc left join mess_student st on st.org_id = sc.org_id and st.id = sc.student_id
         where sc.org_id = ${org} and sc.nonce = any(${q.nonces}::uuid[])) x) as stored`.execute(ctx.db);
  return toScanFacts(rows[0]!);
}

interface FactsRow {
  org: { settings: unknown; timeZone: string };
  meals: Array<{ id: string; name: string; start_time: string; end_time: string; weekdays: number[] }>;
  closures: Array<{ date: string; meal_ids: string[] | null }>;
  cycles: CycleRow[];
  students: Array<{
    id: string;
    name: string;
    roll_number: string;
    room: string;
    status: string;
    cuts: Array<{ from: string; to: string }>;
    payments: Array<{ cycle_id: string; amount_minor: string }>;
  }>;
  versions: Array<{ subject_type: string; subject_id: string; version: number }>;
  /** A window served twice (a conflict) is listed before its first serving, which the map keeps. */
  served: Array<{ id: string; student_id: string; window_key: string; device_id: string }>;
  stored: Array<StoredScanRow & { nonce: string }>;
}

/** A recorded scan as read back, with its student's name and roll number (none for an unknown pass). */
export interface StoredScanRow {
  decision: 'allowed' | 'denied';
  reason: string | null;
  server_decision: 'allowed' | 'denied' | null;
  server_reason: string | null;
  conflict: boolean;
  student_id: string | null;
  name: string | null;
  roll_number: string | null;
}

/** A nonce already recorded, answered as it was: the device's verdict, the server's, and a duplicate. */
export function storedScanResult(nonce: string, s: StoredScanRow): ScanResult {
  return {
    nonce,
    decision: s.decision,
    reason: s.reason,
    serverDecision: s.server_decision ?? s.decision,
    serverReason: s.server_decision ? s.server_reason : s.reason,
    student: s.student_id ? { id: s.student_id, name: s.name ?? '', rollNumber: s.roll_number ?? '' } : null,
    conflict: s.conflict,
    duplicate: true,
  };
}

function toScanFacts(row: FactsRow): ScanFacts {
  const cycleTerms = row.cycles.map(cycleTermsOf);
  const versions = new Map(row.versions.map((v) => [`${v.subject_type} ${v.subject_id}`, v.version]));
  return {
    settings: parseMessSettings(row.org.settings),
    facts: {
      timeZone: row.org.timeZone,
      meals: row.meals.map((m) => ({
        id: m.id,
        name: m.name,
        start: m.start_time,
        end: m.end_time,
        weekdays: m.weekdays,
      })),
      closures: row.closures.map((c) => ({ date: c.date, mealIds: c.meal_ids })),
      cycles: cycleTerms.map((c) => ({ id: c.id, from: c.from, to: c.to })),
      cycleTerms,
    },
    students: row.students.map((s) => ({
      id: s.id,
      name: s.name,
      rollNumber: s.roll_number,
      room: s.room,
      status: s.status as StudentStatus,
      cuts: s.cuts,
      paidCycleIds: paidCycles(
        cycleTerms,
        s.cuts,
        s.payments,
        row.closures.map((c) => ({ date: c.date, mealIds: c.meal_ids })),
      ),
    })),
    passVersion: (type, id) => versions.get(`${type} ${id}`),
    served: new Map<string, { id?: string; nonce?: string; deviceId: string }>(
      row.served.map((s) => [servedKey(s.student_id, s.window_key), { id: s.id, deviceId: s.device_id }]),
    ),
    stored: new Map(row.stored.map((s) => [s.nonce, storedScanResult(s.nonce, s)])),
  };
}
