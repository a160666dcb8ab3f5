import { createCycle } from '../../src/modules/mess/billing-cycles.ts';
import { recordCashFee } from '../../src/modules/mess/fee-payments.ts';
import type { MessRuntime } from '../../src/modules/mess/mess.runtime.ts';
import { createMeal } from '../../src/modules/mess/setup.ts';
import { decideStudent } from '../../src/modules/mess/student-status.ts';
import { registerStudent, type Student } from '../../src/modules/mess/students.ts';
import type { TestApp } from '../support/test-app.ts';
import { type InOrg, orgCtx } from './org.ts';
import { uniqueDigits } from './unique.ts';

const runtime = (app: TestApp) => app.runtimeOf('mess') as MessRuntime;
const EVERY_DAY = [1, 2, 3, 4, 5, 6, 7];

/** Breakfast, lunch and dinner every day, and November 2026's cycle (₹3,000, ₹80 rebate per cut day). */
export async function createMessSetup(
  app: TestApp,
  input: InOrg = {},
): Promise<{ cycleId: string; lunchId: string }> {
  const ctx = await orgCtx(app, input.org);
  await createMeal(ctx, {
    name: 'Breakfast',
    start: '07:30',
    end: '09:30',
    weekdays: EVERY_DAY,
    position: 1,
  });
  const lunch = await createMeal(ctx, {
    name: 'Lunch',
    start: '12:30',
    end: '14:30',
    weekdays: EVERY_DAY,
    position: 2,
  });
  await createMeal(ctx, { name: 'Dinner', start: '19:30', end: '21:30', weekdays: EVERY_DAY, position: 3 });
  const cycle = await createCycle(ctx, monthCycle('November 2026', '2026-11-01', '2026-11-30'));
  return { cycleId: cycle.id, lunchId: lunch.id };
}

/** A month's cycle at the setup's fee (₹3,000) and rebate (₹80 per cut day). */
const monthCycle = (name: string, from: string, to: string) => ({
  name,
  from,
  to,
  feeMinor: 300_000,
  rebatePerDayMinor: 8_000,
  currency: 'INR',
});

/** October 2026's cycle, the month before `createMessSetup`'s, at the same fee and rebate; answers its id. */
export async function createOctoberCycle(app: TestApp, input: InOrg = {}): Promise<string> {
  const ctx = await orgCtx(app, input.org);
  return (await createCycle(ctx, monthCycle('October 2026', '2026-10-01', '2026-10-31'))).id;
}

export interface StudentInput extends InOrg {
  name?: string;
  rollNumber?: string;
  telegramId?: string;
  /** Their phone as the desk stored it (international form); none by default. */
  phone?: string;
  /** The language the student's messages are in (default English). */
  language?: 'en' | 'hi';
  /** Where staff left the registration (default: approved). */
  status?: 'pending' | 'approved' | 'denied' | 'suspended';
  /** A cycle whose fee the student paid in cash at the office. */
  paidCycleId?: string;
}

/** A student registered through the mess use cases, decided by staff and optionally paid up. */
export async function createStudent(app: TestApp, input: StudentInput = {}): Promise<Student> {
  const ctx = await orgCtx(app, input.org);
  const rollNumber = input.rollNumber ?? `RN${uniqueDigits(5)}`;
  const registered = await registerStudent(ctx, runtime(app), {
    name: input.name ?? `Student ${rollNumber}`,
    rollNumber,
    room: 'A-1',
    phone: input.phone ?? '',
    language: input.language ?? 'en',
    telegramId: input.telegramId ?? null,
  });
  const status = input.status ?? 'approved';
  let student = registered;
  if (status !== 'pending') {
    const first = status === 'denied' ? 'deny' : 'approve';
    student = await decideStudent(ctx, runtime(app), { studentId: registered.id, decision: first });
    if (status === 'suspended')
      student = await decideStudent(ctx, runtime(app), { studentId: registered.id, decision: 'suspend' });
  }
  if (input.paidCycleId)
    await recordCashFee(ctx, { studentId: student.id, cycleId: input.paidCycleId, amountMinor: 300_000 });
  return student;
}
