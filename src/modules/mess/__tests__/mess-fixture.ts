import jsQR from 'jsqr';
import { PNG } from 'pngjs';
import { expect } from 'vitest';
import type { ApiClient } from '../../../../test/support/test-app.ts';

/** Monday 23 November 2026, 13:00 in Kolkata: lunch is being served. */
export const LUNCH_MONDAY = '2026-11-23T13:00:00+05:30';
export const TZ_ENV = {
  OPSDESK_TIMEZONE: 'Asia/Kolkata',
  OPSDESK_CURRENCY: 'INR',
  OPSDESK_LANGUAGES: 'en,hi',
};

/** Breakfast, lunch and dinner every day, and November's cycle (₹3,000, ₹80 rebate per cut day). */
export async function setUpMess(owner: ApiClient): Promise<{ cycleId: string; lunchId: string }> {
  const meal = async (name: string, start: string, end: string) => {
    const res = await owner.post('/api/mess/meals', { name, start, end });
    expect(res.statusCode, res.body).toBe(201);
    return res.json().id as string;
  };
  await meal('Breakfast', '07:30', '09:30');
  const lunchId = await meal('Lunch', '12:30', '14:30');
  await meal('Dinner', '19:30', '21:30');
  const cycle = await owner.post('/api/mess/cycles', {
    name: 'November 2026',
    from: '2026-11-01',
    to: '2026-11-30',
    feeMinor: 300_000,
    rebatePerDayMinor: 8_000,
    currency: 'INR',
  });
  expect(cycle.statusCode, cycle.body).toBe(201);
  return { cycleId: cycle.json().id, lunchId };
}

/** Registers, approves and (optionally) records the cycle fee in cash; answers the student id. */
export async function approvedStudent(
  owner: ApiClient,
  input: { name: string; rollNumber: string; cycleId?: string },
): Promise<string> {
  const res = await owner.post('/api/mess/students', {
    name: input.name,
    rollNumber: input.rollNumber,
    room: 'A-1',
  });
  expect(res.statusCode, res.body).toBe(201);
  const id = res.json().id as string;
  const approve = await owner.post('/api/mess/students/actions/approve', { ids: [id] });
  expect(approve.statusCode, approve.body).toBe(200);
  if (input.cycleId) {
    const cash = await owner.post(`/api/mess/students/${id}/cash-payments`, {
      cycleId: input.cycleId,
      amountMinor: 300_000,
    });
    expect(cash.statusCode, cash.body).toBe(201);
  }
  return id;
}

/** Reads the pass string out of a QR PNG, as a phone camera would. */
export function decodeQr(png: Uint8Array): string {
  const image = PNG.sync.read(Buffer.from(png));
  // jsqr is CommonJS with a `default` property: under nodenext the function is `jsQR.default`.
  const code = jsQR.default(new Uint8ClampedArray(image.data), image.width, image.height);
  if (!code) throw new Error('no QR code in the image');
  return code.data;
}

export const scan = (at: string, pass: { code?: string; rollNumber?: string }, extra: object = {}) => ({
  nonce: crypto.randomUUID(),
  ...pass,
  scannedAt: new Date(at).toISOString(),
  offline: false,
  ...extra,
});
