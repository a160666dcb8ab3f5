import { randomUUID } from 'node:crypto';
import { afterEach, expect } from 'vitest';
import type { PaymentProvider } from '../../src/core/payments/index.ts';
import { fixedClock } from '../../src/platform/clock/index.ts';
import { startCallbackRecorder } from '../standins/callback-recorder.ts';

/** How the demo's payer answers: by itself after 4 s, expired as the operators do after 5 minutes. */
export const PAYER_TIMING = { autoApproveAfterMs: 4_000, expireAfterMs: 300_000 };
export const RWF_1000 = { amountMinor: 1000, currency: 'RWF' };

type FixedClock = ReturnType<typeof fixedClock>;
type CallbackRecorder = Awaited<ReturnType<typeof startCallbackRecorder>>;

/**
 * A mobile-money sandbox whose payer answers on a fixed clock (moved, never waited on), the real
 * driver against it, and a recorder where its callbacks land; each rig is closed after its test.
 * `connect` starts the sandbox with the clock and the recorder, and builds the driver.
 */
export function sandboxPayerRig<S extends { close(): Promise<void> }>(
  msisdn: string,
  connect: (clock: FixedClock, app: CallbackRecorder) => Promise<{ sandbox: S; provider: PaymentProvider }>,
) {
  const cleanup: Array<() => Promise<void>> = [];
  afterEach(async () => {
    for (const close of cleanup.splice(0)) await close();
  });
  return async () => {
    const clock = fixedClock('2026-03-02T08:00:00Z');
    const app = await startCallbackRecorder();
    const { sandbox, provider } = await connect(clock, app);
    cleanup.push(sandbox.close, app.close);
    /** The driver asks the payer for 1000 RWF; answers the request's reference. */
    const ask = async () => {
      const reference = randomUUID();
      const sent = await provider.requestToPay({
        reference,
        amount: RWF_1000,
        msisdn,
        payerMessage: 'Electricity, meter KGL-0001',
      });
      expect(sent).toEqual({ outcome: 'accepted' });
      return reference;
    };
    return { clock, app, sandbox, provider, ask };
  };
}
