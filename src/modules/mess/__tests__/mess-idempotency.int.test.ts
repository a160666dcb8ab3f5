import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signedInStaff } from '../../../../test/factories/staff.ts';
import { createMessSetup, createStudent } from '../../../../test/factories/student.ts';
import { type ApiClient, startTestApp, type TestApp } from '../../../../test/support/test-app.ts';
import { fixedClock } from '../../../platform/clock/index.ts';
import type { MessTables } from '../mess.tables.ts';
import { LUNCH_MONDAY, TZ_ENV } from './mess-fixture.ts';

/**
 * Issue 44, item 5: every create of the mess accepts `Idempotency-Key`, as every other module's
 * does. A create retried with its key (a lost answer, a double tap) answers the first answer and
 * creates nothing more; the key sent again with another body is refused (422), never applied.
 */
let app: TestApp;
let owner: ApiClient;
let cycleId: string;
let studentId: string;

beforeAll(async () => {
  app = await startTestApp({ clock: fixedClock(LUNCH_MONDAY), env: TZ_ENV });
  owner = await signedInStaff(app, { role: 'owner' });
  ({ cycleId } = await createMessSetup(app));
  studentId = (await createStudent(app)).id;
}, 60_000);
afterAll(() => app?.close());

const db = () => app.database.db.withTables<MessTables>();

interface MessCreate {
  what: string;
  path: () => string;
  body: () => Record<string, unknown>;
  /** The same create with another body. */
  other: () => Record<string, unknown>;
  /** How many rows the create made, read from its table. */
  count: () => Promise<number>;
}

const counted = async (query: Promise<Array<unknown>>) => (await query).length;

const creates: MessCreate[] = [
  {
    what: 'a student registered at the desk',
    path: () => '/api/mess/students',
    body: () => ({ name: 'Ira Sen', rollNumber: 'IDEM-1', room: 'B-2' }),
    other: () => ({ name: 'Ira Sen', rollNumber: 'IDEM-2', room: 'B-2' }),
    count: () =>
      counted(db().selectFrom('mess_student').select('id').where('roll_number', 'like', 'IDEM-%').execute()),
  },
  {
    what: 'a mess cut',
    path: () => `/api/mess/students/${studentId}/cuts`,
    body: () => ({ from: '2026-11-26', to: '2026-11-27' }),
    other: () => ({ from: '2026-11-28', to: '2026-11-29' }),
    count: () =>
      counted(db().selectFrom('mess_cut').select('id').where('student_id', '=', studentId).execute()),
  },
  {
    what: 'a meal window',
    path: () => '/api/mess/meals',
    body: () => ({ name: 'Idem tea', start: '16:00', end: '17:00' }),
    other: () => ({ name: 'Idem tea', start: '16:30', end: '17:00' }),
    count: () => counted(db().selectFrom('mess_meal').select('id').where('name', '=', 'Idem tea').execute()),
  },
  {
    what: 'a closure',
    path: () => '/api/mess/closures',
    body: () => ({ date: '2026-12-25', reason: 'Idem holiday' }),
    other: () => ({ date: '2026-12-26', reason: 'Idem holiday' }),
    count: () =>
      counted(db().selectFrom('mess_closure').select('id').where('reason', '=', 'Idem holiday').execute()),
  },
  {
    what: 'a billing cycle',
    path: () => '/api/mess/cycles',
    body: () => ({
      name: 'Idem January',
      from: '2027-01-01',
      to: '2027-01-31',
      feeMinor: 300_000,
      currency: 'INR',
    }),
    other: () => ({
      name: 'Idem February',
      from: '2027-02-01',
      to: '2027-02-28',
      feeMinor: 300_000,
      currency: 'INR',
    }),
    count: () =>
      counted(db().selectFrom('mess_cycle').select('id').where('name', 'like', 'Idem %').execute()),
  },
  {
    what: 'cash received for a fee',
    path: () => `/api/mess/students/${studentId}/cash-payments`,
    body: () => ({ cycleId, amountMinor: 100_000, note: 'Idem receipt 1' }),
    other: () => ({ cycleId, amountMinor: 100_000, note: 'Idem receipt 2' }),
    count: async () =>
      counted(
        db()
          .selectFrom('mess_fee_payment')
          .select('payment_id')
          .where('student_id', '=', studentId)
          .execute(),
      ),
  },
];

describe('mess creates with an Idempotency-Key', () => {
  it.each(creates)('$what replayed with its key answers the first answer and creates it once', async (c) => {
    const key = { 'idempotency-key': `mess-${c.what}` };
    const first = await owner.post(c.path(), c.body(), key);
    expect(first.statusCode, first.body).toBe(201);
    const again = await owner.post(c.path(), c.body(), key);
    expect(again.statusCode, again.body).toBe(201);
    expect(again.json()).toEqual(first.json());
    expect(await c.count()).toBe(1);

    const reused = await owner.post(c.path(), c.other(), key);
    expect(reused.statusCode, reused.body).toBe(422);
    expect(reused.json().code).toBe('idempotency_key_reused');
    expect(await c.count()).toBe(1);
  });
});
