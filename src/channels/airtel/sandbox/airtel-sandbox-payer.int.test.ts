import { describe, expect, it } from 'vitest';
import { PAYER_TIMING, RWF_1000, sandboxPayerRig } from '../../../../test/support/sandbox-payer-rig.ts';
import { createAirtelProvider } from '../airtel.provider.ts';
import { validAirtelHash } from '../airtel.rules.ts';
import { startAirtelSandbox } from '../index.ts';

/*
 * The demo's Airtel subscriber: the real driver pushes a payment, the subscriber answers on the
 * injected clock, and an authenticated callback (hash) reaches the app. The clock is moved, never
 * waited on.
 */
const SECRET = 'sandbox-callback-secret';

const rig = sandboxPayerRig('250733000111', async (clock, app) => {
  const sandbox = await startAirtelSandbox({
    payer: { clock, timing: PAYER_TIMING },
    currency: null,
    callbackUrl: () => `${app.url}/webhooks/airtel`,
    callbackHmacSecret: SECRET,
  });
  const provider = createAirtelProvider({
    baseUrl: sandbox.url,
    clientId: sandbox.clientId,
    clientSecret: sandbox.clientSecret,
    country: sandbox.country,
  });
  return { sandbox, provider };
});

describe('the Airtel Money sandbox subscriber', () => {
  it('approves by itself after the delay and sends a callback the app can verify', async () => {
    const { clock, app, sandbox: airtel, provider, ask } = await rig();
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
    const { clock, sandbox: airtel, provider, ask } = await rig();
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
