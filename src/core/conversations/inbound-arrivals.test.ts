import { describe, expect, it } from 'vitest';
import { createInboundArrivals } from './inbound-arrivals.ts';

/** Whether `p` has resolved by the time the microtasks queued so far have run. */
async function resolved(p: Promise<unknown>): Promise<boolean> {
  let done = false;
  void p.then(() => {
    done = true;
  });
  for (let i = 0; i < 10; i += 1) await Promise.resolve();
  return done;
}

describe('inbound arrivals', () => {
  it("stores a person's message only after the ones that arrived before it were handed on", async () => {
    const arrivals = createInboundArrivals();
    const first = arrivals.arrive('whatsapp', '250788000001');
    const second = arrivals.arrive('whatsapp', '250788000001');
    expect(await resolved(first.turn())).toBe(true);
    expect(await resolved(second.turn())).toBe(false);
    first.handed();
    expect(await resolved(second.turn())).toBe(true);
  });

  it('starts the job only once every earlier message of the person is stored, not just the last', async () => {
    const arrivals = createInboundArrivals();
    const [a, b, c] = [1, 2, 3].map(() => arrivals.arrive('whatsapp', '250788000002'));
    b!.settle();
    expect(await resolved(c!.earlierSettled())).toBe(false);
    a!.settle();
    expect(await resolved(c!.earlierSettled())).toBe(true);
  });

  it("never makes one person wait for another's messages, nor anyone for a settled one", async () => {
    const arrivals = createInboundArrivals();
    const other = arrivals.arrive('whatsapp', '250788000003');
    const mine = arrivals.arrive('whatsapp', '250788000004');
    expect(await resolved(mine.turn())).toBe(true);
    expect(await resolved(mine.earlierSettled())).toBe(true);
    other.settle();
    other.settle();
    expect(await resolved(arrivals.arrive('whatsapp', '250788000003').turn())).toBe(true);
  });
});
