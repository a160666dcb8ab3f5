import jsQR from 'jsqr';
import { PNG } from 'pngjs';

/** The JSON body of a staff POST, and the bytes of a staff GET, however the caller sends them. */
export interface StaffCalls {
  post: (path: string, body: unknown) => Promise<{ id: string }>;
  bytes: (path: string) => Promise<Buffer>;
}

/**
 * A mess ready to serve at the counter through the API: an all-day meal, a billing cycle around
 * today, and `count` approved students who paid it. Answers their pass strings, read back from each
 * pass's QR image as a scanner camera would.
 */
export async function paidStudentsWithPasses(
  calls: StaffCalls,
  count: number,
  prefix: string,
): Promise<string[]> {
  await calls.post('/api/mess/meals', { name: 'All day', start: '00:00', end: '23:59' });
  const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
  const cycle = await calls.post('/api/mess/cycles', {
    name: prefix,
    from: day(-2),
    to: day(28),
    feeMinor: 100,
    currency: 'USD',
  });
  const passes: string[] = [];
  for (let i = 0; i < count; i++) {
    const student = await calls.post('/api/mess/students', {
      name: `${prefix} ${i}`,
      rollNumber: `${prefix}${100 + i}`,
    });
    await calls.post('/api/mess/students/actions/approve', { ids: [student.id] });
    await calls.post(`/api/mess/students/${student.id}/cash-payments`, {
      cycleId: cycle.id,
      amountMinor: 100,
    });
    const image = PNG.sync.read(await calls.bytes(`/api/mess/students/${student.id}/pass.png`));
    passes.push(jsQR.default(new Uint8ClampedArray(image.data), image.width, image.height)!.data);
  }
  return passes;
}
