import jsQR from 'jsqr';
import { PNG } from 'pngjs';
import { middayZone } from './test-clock.ts';

/** The JSON body of a staff POST, and the bytes of a staff GET, however the caller sends them. */
export interface StaffCalls {
  send: (method: 'POST' | 'PATCH', path: string, body: unknown) => Promise<{ id: string }>;
  bytes: (path: string) => Promise<Buffer>;
}

/**
 * A mess ready to serve at the counter through the API: a time zone where it is about noon (so the
 * scans fall inside its meal however late the test runs on the wall clock), an all-day meal, a billing cycle around
 * today, and `count` approved students who paid it. Answers their pass strings, read back from each
 * pass's QR image as a scanner camera would.
 */
export async function paidStudentsWithPasses(
  calls: StaffCalls,
  count: number,
  prefix: string,
): Promise<string[]> {
  await calls.send('PATCH', '/api/org', { timeZone: middayZone() });
  await calls.send('POST', '/api/mess/meals', { name: 'All day', start: '00:00', end: '23:59' });
  const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
  const cycle = await calls.send('POST', '/api/mess/cycles', {
    name: prefix,
    from: day(-2),
    to: day(28),
    feeMinor: 100,
    currency: 'USD',
  });
  const passes: string[] = [];
  for (let i = 0; i < count; i++) {
    const student = await calls.send('POST', '/api/mess/students', {
      name: `${prefix} ${i}`,
      rollNumber: `${prefix}${100 + i}`,
    });
    await calls.send('POST', '/api/mess/students/actions/approve', { ids: [student.id] });
    await calls.send('POST', `/api/mess/students/${student.id}/cash-payments`, {
      cycleId: cycle.id,
      amountMinor: 100,
    });
    const image = PNG.sync.read(await calls.bytes(`/api/mess/students/${student.id}/pass.png`));
    passes.push(jsQR.default(new Uint8ClampedArray(image.data), image.width, image.height)!.data);
  }
  return passes;
}
