import type { Ctx } from '../../core/context/index.ts';
import { type ModuleDemo, seedWordsOf } from '../../core/modules/index.ts';
import { money } from '../../core/money/index.ts';
import { renderPassQr } from '../../core/passes/index.ts';
import { recordManualPayment, submitProofPayment } from '../../core/payments/index.ts';
import { addDays, localMoment, minutesOf } from '../../core/time/index.ts';
import { createCycle } from './billing-cycles.ts';
import { feePurpose } from './fee-payments.ts';
import type { MessRuntime } from './mess.runtime.ts';
import { messSeedCatalog } from './mess.seed.catalog.ts';
import { messSettingsOf } from './mess.settings.ts';
import { recordScans } from './record-scans.ts';
import { createMeal, updateMessSettings } from './setup.ts';
import { decideStudent, type StudentDecision } from './student-status.ts';
import { registerStudent } from './students.ts';

/** The hostel mess of the demo: the first demo organization, where a login without `?org=` lands. */
export const messDemo: ModuleDemo = {
  order: 1,
  organization: {
    slug: 'mess',
    name: 'Sunrise Hostel Mess',
    timeZone: 'Asia/Kolkata',
    currency: 'INR',
    languages: ['en', 'hi'],
  },
};

const STUDENTS: ReadonlyArray<[string, string, string, StudentDecision[]]> = [
  ['Aarav Sharma', 'CS21001', 'A-101', ['approve']],
  ['Diya Patel', 'CS21002', 'A-102', ['approve']],
  ['Kabir Singh', 'ME21003', 'B-201', ['approve']],
  ['Ananya Iyer', 'EE21004', 'B-202', ['approve']],
  ['Rohan Gupta', 'CE21005', 'C-301', []],
  ['Meera Nair', 'CS21006', 'C-302', []],
  ['Vikram Rao', 'ME21007', 'A-103', ['deny']],
  ['Sneha Joshi', 'EE21008', 'B-203', ['approve', 'suspend']],
];

/**
 * Demo mess: three meals, this month's cycle, students in every status, cash and proof payments;
 * its words (meals, cycle, note) in the organization's default language (mess.seed.catalog.ts).
 */
export async function seedMess(ctx: Ctx, rt: MessRuntime): Promise<void> {
  const settings = await messSettingsOf(ctx);
  const t = await seedWordsOf(ctx, messSeedCatalog);
  await updateMessSettings(ctx, { cutoffTime: '23:00', maxCutDaysPerCycle: 10 });
  const all = [1, 2, 3, 4, 5, 6, 7];
  await createMeal(ctx, { name: t('breakfast'), start: '07:30', end: '09:30', weekdays: all, position: 1 });
  await createMeal(ctx, { name: t('lunch'), start: '12:30', end: '14:30', weekdays: all, position: 2 });
  await createMeal(ctx, { name: t('dinner'), start: '19:30', end: '21:30', weekdays: all, position: 3 });
  const today = localMoment(ctx.clock.now(), settings.timeZone).date;
  const from = `${today.slice(0, 7)}-01`;
  const to = addDays(`${addDays(from, 32).slice(0, 7)}-01`, -1);
  const cycle = await createCycle(ctx, {
    name: t('cycle', { month: today.slice(0, 7) }),
    from,
    to,
    feeMinor: 3_000_00,
    rebatePerDayMinor: 80_00,
    currency: settings.currency,
  });
  for (const [i, [name, rollNumber, room, decisions]] of STUDENTS.entries()) {
    const student = await registerStudent(ctx, rt, {
      name,
      rollNumber,
      room,
      phone: `+9198765${String(43210 + i).padStart(5, '0')}`,
      // The organization's languages in turn (the demo's en and hi): a Spanish mess's students speak Spanish.
      language: settings.languages[i % settings.languages.length] ?? 'en',
    });
    for (const decision of decisions) await decideStudent(ctx, rt, { studentId: student.id, decision });
    if (i < 3) {
      await recordManualPayment(ctx, {
        amount: money(3_000_00, settings.currency),
        purpose: feePurpose(student.id, cycle.id),
        kind: 'cash',
        note: t('cash_note'),
      });
    } else if (i === 3) {
      await submitProofPayment(
        ctx,
        { files: rt.files },
        {
          amount: money(3_000_00, settings.currency),
          purpose: feePurpose(student.id, cycle.id),
          bytes: await renderPassQr(`DEMO PROOF ${rollNumber}`.toUpperCase(), { format: 'png' }),
          originalName: 'upi-screenshot.png',
          externalReference: `UTR${today.replaceAll('-', '')}0004`,
        },
      );
    }
  }
  await seedBreakfastScans(ctx, rt, settings.timeZone);
}

/**
 * The last breakfast at the gate, so the scan log, its conflicts and the reports have rows: two
 * students served, one back for a second helping, a pending and a suspended one turned away, and a
 * second phone that served Aarav offline a moment later (a conflict for a supervisor). The phones
 * are random ids, as real scanners are, synced by the demo's gate staff.
 */
async function seedBreakfastScans(ctx: Ctx, rt: MessRuntime, timeZone: string): Promise<void> {
  const now = ctx.clock.now();
  const { minutes } = localMoment(now, timeZone);
  // Today's breakfast once it is over, else yesterday's: never a scan dated in the future.
  const daysBack = minutes >= minutesOf('09:30') ? 0 : 1;
  const at = (time: string) =>
    new Date(now.getTime() - (minutes - minutesOf(time) + daysBack * 24 * 60) * 60_000).toISOString();
  const gate = { ...ctx, actor: { type: 'user' as const, id: null, label: 'scanner@demo.opsdesk.dev' } };
  const scan = (time: string, rollNumber: string, offline?: 'allowed') => ({
    nonce: crypto.randomUUID(),
    rollNumber,
    scannedAt: at(time),
    offline: offline !== undefined,
    ...(offline ? { localDecision: offline } : {}),
  });
  await recordScans(gate, rt, {
    deviceId: crypto.randomUUID(),
    scans: [
      scan('08:02', 'CS21001'),
      scan('08:04', 'CS21002'),
      scan('08:06', 'CE21005'),
      scan('08:09', 'EE21008'),
      scan('08:15', 'CS21001'),
    ],
  });
  await recordScans(gate, rt, {
    deviceId: crypto.randomUUID(),
    scans: [scan('08:11', 'CS21001', 'allowed')],
  });
}
