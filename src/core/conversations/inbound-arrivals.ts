/**
 * An inbound message's place among its person's messages in this app, taken when its request was read
 * and before anything is awaited (issue 64, item 4): a channel that posts a person's messages
 * concurrently (WhatsApp) dates them only to the second, so within one second their order is the
 * order they arrived in. The webhook's later awaits (an account looked up in the database on a cache
 * miss) finish in any order; the arrival keeps that from reordering them: each message is handed to
 * the store only after the person's earlier ones (their `seq` follows arrival), and its conversation's
 * job starts only once those are stored, so it reads them with it.
 */
export interface Arrival {
  /** Resolves once the person's messages that arrived before this one were handed to the store. */
  turn(): Promise<void>;
  /** This message was handed to the store (its place among the stored is taken). */
  handed(): void;
  /** Resolves once the person's messages that arrived before this one are stored (or never will be). */
  earlierSettled(): Promise<void>;
  /** This message is stored, or never will be (dropped, refused); again: nothing. */
  settle(): void;
}

/** The arrivals of one app (`ConversationsRuntime.inboundArrivals`). */
export interface InboundArrivals {
  /** Takes the place of a message of `externalId` on `channel` that has just arrived. */
  arrive(channel: string, externalId: string): Arrival;
}

type Latch = { promise: Promise<void>; open: () => void };
const latch = (): Latch => {
  let open = () => {};
  const promise = new Promise<void>((resolve) => {
    open = resolve;
  });
  return { promise, open };
};

/**
 * Keeps, per person, the last message that arrived and is not yet settled; each arrival waits only
 * on the ones before it (its handing and settling include theirs), so a wait never points to a later
 * message and nothing is kept once a person's messages are settled.
 */
export function createInboundArrivals(): InboundArrivals {
  const last = new Map<string, { handed: Promise<void>; settled: Promise<void> }>();
  return {
    arrive(channel, externalId) {
      const key = `${channel}\u0000${externalId}`;
      const before = last.get(key);
      const handed = latch();
      const settled = latch();
      const entry = {
        handed: before ? Promise.all([before.handed, handed.promise]).then(() => {}) : handed.promise,
        settled: before ? Promise.all([before.settled, settled.promise]).then(() => {}) : settled.promise,
      };
      last.set(key, entry);
      void entry.settled.then(() => {
        if (last.get(key) === entry) last.delete(key);
      });
      return {
        turn: () => before?.handed ?? Promise.resolve(),
        handed: handed.open,
        earlierSettled: () => before?.settled ?? Promise.resolve(),
        settle() {
          handed.open();
          settled.open();
        },
      };
    },
  };
}
