import { afterEach, describe, expect, it } from 'vitest';
import { startCallbackRecorder } from '../../../../test/standins/callback-recorder.ts';
import { fixedClock } from '../../../platform/clock/index.ts';
import { createAirtelProvider } from '../airtel.provider.ts';
import { validAirtelHash } from '../airtel.rules.ts';
import { startAirtelSandbox } from '../index.ts';

/*
 * The demo's Airtel subscriber: the real driver pushes a payment, the subscriber answers on the
 * injected clock, and an authenticated callback (hash) reaches the app. The clock is moved, never
 * waited on.
 */
const TIMING = { autoApproveAfterMs: 4_000, expireAfterMs: 300_000 };
const RWF_1000 = { amountMinor: 1000, currency: 'RWF' };
const SECRET = 'sandbox-callback-secret';

const cleanup: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const close of cleanup.splice(0)) await close();
});

async function rig() {
  const clock = fixedClock('2026-03-02T08:00:00Z');
  const app = await startCallbackRecorder();
  const airtel = await startAirtelSandbox({
    payer: { clock, timing: TIMING },
    currency: null,
    callbackUrl: () => `${app.url}/webhooks/airtel`,
    callbackHmacSecret: SECRET,
  });
  cleanup.push(airtel.close, app.close);
  const provider = createAirtelProvider({
    baseUrl: airtel.url,
    clientId: airtel.clientId,
    clientSecret: airtel.clientSecret,
    country: airtel.country,
  });
  let n = 0;
  const ask = async () => {
    const reference = `00000000-0000-4000-8000-00000000000${++n}`;
    const sent = await provider.requestToPay({
      reference,
      amount: RWF_1000,
      msisdn: '250733000111',
      payerMessage: 'Electricity, meter KGL-0001',
    });
    expect(sent).toEqual({ outcome: 'accepted' });
    return reference;
  };
  return { clock, app, airtel, provider, ask };
}

describe('the Airtel Money sandbox subscriber', () => {
  it('approves by itself after the delay and sends a callback the app can verify', async () => {
    const { clock, app, airtel, provider, ask } = await rig();
    const reference = await ask();
    clock.advance(3_999);
    await airtel.sweepPayer();
    expect((await provider.getStatus(reference, RWF_1000)).state).toBe('pending');
    clock.advance(1);
    await airtel.sweepPayer();
    expect((await provider.getStatus(reference, RWF_1000)).state).toBe('succeeded');
    expect(app.calls).toHaveLength(1);
    expect(validAirtelHash(JSON.parse(app.calls[0]!.rawBody), SECRET)).toBe(true);
  });

  it('declined or left to time out, it never approves; left alone past 5 minutes it fails', async () => {
    const { clock, airtel, provider, ask } = await rig();
    const declined = await ask();
    const ignored = await ask();
    await airtel.settle(declined, 'TF', 'The subscriber declined the payment');
    expect(airtel.letTimeOut(ignored)).toBe(true);
    clock.advance(299_999);
    await airtel.sweepPayer();
    expect((await provider.getStatus(ignored, RWF_1000)).state).toBe('pending');
    clock.advance(1);
    await airtel.sweepPayer();
    expect(await provider.getStatus(declined, RWF_1000)).toMatchObject({
      state: 'failed',
      reason: 'The subscriber declined the payment',
    });
    expect(await provider.getStatus(ignored, RWF_1000)).toMatchObject({ state: 'failed' });
  });
});
