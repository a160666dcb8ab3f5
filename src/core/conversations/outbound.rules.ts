import type { Output } from './flow.types.ts';

/**
 * Whether a channel with this service window takes the output now: templates always, free-form
 * messages only while less than `windowMs` has passed since the person's last message (never when
 * they have not written). A channel without a window takes everything.
 */
export function insideServiceWindow(
  windowMs: number | undefined,
  output: Output,
  lastInboundAt: Date | null,
  now: Date,
): boolean {
  if (windowMs === undefined || output.kind === 'template') return true;
  return lastInboundAt !== null && now.getTime() - lastInboundAt.getTime() < windowMs;
}
