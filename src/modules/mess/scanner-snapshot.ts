import type { Ctx } from '../../core/context/index.ts';
import { listPublicPassKeys, passVersions } from '../../core/pass-issuer/index.ts';
import { addDays, localMoment } from '../../core/time/index.ts';
import { MEAL_PASS_SUBJECT } from './meal-pass.ts';
import { messSettingsOf } from './mess.settings.ts';
import type { MessTables } from './mess.tables.ts';
import { loadMessFacts, loadStudents } from './mess-facts.ts';
import type { ScannerSnapshot } from './scanner.contract.ts';

/**
 * Everything an offline scanner needs to decide scans as the server would: public keys, pass
 * versions (revocations), students with their paid cycles and cuts, meals, closures, cycles, and
 * who was already served yesterday and today.
 */
export async function scannerSnapshot(ctx: Ctx): Promise<ScannerSnapshot> {
  const settings = await messSettingsOf(ctx);
  const facts = await loadMessFacts(ctx, settings.timeZone);
  const today = localMoment(ctx.clock.now(), settings.timeZone).date;
  const [keys, versions, students, served] = await Promise.all([
    listPublicPassKeys(ctx),
    passVersions(ctx, MEAL_PASS_SUBJECT),
    loadStudents(ctx, facts.cycleTerms, {}, facts.closures),
    ctx.db
      .withTables<MessTables>()
      .selectFrom('mess_scan')
      .select(['student_id', 'window_key'])
      .where('decision', '=', 'allowed')
      .where('local_date', '>=', addDays(today, -1))
      .execute(),
  ]);
  return {
    generatedAt: ctx.clock.now().toISOString(),
    timeZone: settings.timeZone,
    keys: keys.map((k) => ({ keyId: k.keyId, publicKey: k.publicKey })),
    passVersions: versions,
    students: students.map((s) => ({
      id: s.id,
      name: s.name,
      rollNumber: s.rollNumber,
      room: s.room,
      status: s.status,
      paidCycleIds: s.paidCycleIds,
      cuts: s.cuts.filter((c) => c.to >= addDays(today, -1)),
    })),
    meals: facts.meals,
    closures: facts.closures.filter((c) => c.date >= addDays(today, -1)),
    cycles: facts.cycles,
    served: served.map((s) => ({ studentId: s.student_id!, windowKey: s.window_key! })),
  };
}
