import type { InboundOrder } from './channel.types.ts';

/** A waiting inbound message as its order needs it. */
export interface OrderedMessage {
  /** The channel's number for it (`sequence` channels; a bigint as a string), else null. */
  sequenceNo: string | null;
  /** When the person sent it, as the channel dates it (never later than its arrival). */
  sentAt: Date;
  /** When it was stored. */
  arrivedAt: Date;
}

/**
 * The latest a message may wait for one made before it (issue 40, item 9): its grace after its
 * arrival on a `sequence` channel; null when its channel never waits.
 */
export function waitLimit(order: InboundOrder | undefined, message: OrderedMessage): Date | null {
  if (!order || order.graceMs <= 0) return null;
  return new Date(message.arrivedAt.getTime() + order.graceMs);
}
