import type { InboundOrder } from './channel.types.ts';

/** A waiting inbound message as its order needs it. */
export interface OrderedMessage {
  /** The channel's number for it (`sequence` channels; a bigint as a string), else null. */
  sequenceNo: string | null;
  /** When the person sent it, as the channel dates it (never later than its arrival). */
  sentAt: Date;
  /** When it was stored. */
  arrivedAt: Date;
  /**
   * Whether a smaller number of its account was missing when it was read (`sequence` channels),
   * decided by the same statement that read it (`earlierMissingSql`): no message stored between a
   * read and a check of its own can slip past both.
   */
  earlierMissing: boolean;
}

/**
 * The latest a message may wait for one made before it (issue 40, item 9): its grace after its
 * arrival on a `sequence` channel; null when its channel never waits.
 */
export function waitLimit(order: InboundOrder | undefined, message: OrderedMessage): Date | null {
  if (!order || order.graceMs <= 0) return null;
  return new Date(message.arrivedAt.getTime() + order.graceMs);
}

/**
 * Until when a message waits for one the person made before it (issue 40, item 9); null: it is
 * handled now. Only while a smaller number of its account was missing when it was read, and only
 * within its grace: nobody is held on a mere chance that something is on its way (issue 55).
 */
export function holdUntil(order: InboundOrder | undefined, message: OrderedMessage, now: Date): Date | null {
  const limit = waitLimit(order, message);
  if (!limit || limit.getTime() <= now.getTime()) return null;
  return message.sequenceNo !== null && message.earlierMissing ? limit : null;
}
