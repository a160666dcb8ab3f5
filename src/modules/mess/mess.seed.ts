import type { Ctx } from '../../core/context/index.ts';
import type { ModuleDemo } from '../../core/modules/index.ts';
import { money } from '../../core/money/index.ts';
import { renderPassQr } from '../../core/passes/index.ts';
import { recordManualPayment, submitProofPayment } from '../../core/payments/index.ts';
import { addDays, localMoment } from '../../core/time/index.ts';
import { createCycle } from './billing-cycles.ts';
import { feePurpose } from './fee-payments.ts';
import type { MessRuntime } from './mess.runtime.ts';
import { messSettingsOf } from './mess.settings.ts';
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

/** Demo mess: three meals, this month's cycle, students in every status, cash and proof payments. */
export async function seedMess(rt: MessRuntime, ctx: Ctx): Promise<void> {
  const settings = await messSettingsOf(ctx);
  await updateMessSettings(ctx, { cutoffTime: '23:00', maxCutDaysPerCycle: 10 });
  const all = [1, 2, 3, 4, 5, 6, 7];
  await createMeal(ctx, { name: 'Breakfast', start: '07:30', end: '09:30', weekdays: all, position: 1 });
  await createMeal(ctx, { name: 'Lunch', start: '12:30', end: '14:30', weekdays: all, position: 2 });
  await createMeal(ctx, { name: 'Dinner', start: '19:30', end: '21:30', weekdays: all, position: 3 });
  const today = localMoment(ctx.clock.now(), settings.timeZone).date;
  const from = `${today.slice(0, 7)}-01`;
  const to = addDays(`${addDays(from, 32).slice(0, 7)}-01`, -1);
  const cycle = await createCycle(ctx, {
    name: `Mess ${today.slice(0, 7)}`,
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
      language: i % 2 ? 'hi' : 'en',
    });
    for (const decision of decisions) await decideStudent(ctx, rt, { studentId: student.id, decision });
    if (i < 3) {
      await recordManualPayment(ctx, {
        amount: money(3_000_00, settings.currency),
        purpose: feePurpose(student.id, cycle.id),
        kind: 'cash',
        note: 'Demo cash at the mess office',
      });
    } else if (i === 3) {
      await submitProofPayment(
        ctx,
        {
          amount: money(3_000_00, settings.currency),
          purpose: feePurpose(student.id, cycle.id),
          bytes: await renderPassQr(`DEMO PROOF ${rollNumber}`.toUpperCase(), { format: 'png' }),
          originalName: 'upi-screenshot.png',
          externalReference: `UTR${today.replaceAll('-', '')}0004`,
        },
        { files: rt.files },
      );
    }
  }
}
