import { describe, expect, it } from 'vitest';
import { PAYER_TIMING, RWF_1000, sandboxPayerRig } from '../../../../test/support/sandbox-payer-rig.ts';
import { startMomoSandbox } from '../index.ts';
import { createMomoProvider } from '../momo.provider.ts';

/*
 * The demo's MoMo payer: the real driver asks the sandbox to pay, and the payer answers on the
 * injected clock (approves by itself after the delay, unless declined or left to time out), then
 * calls the app back where it listens. The clock is moved, never waited on.
 */
const rig = sandboxPayerRig('250788000111', async (clock, app) => {
  const sandbox = await startMomoSandbox({
    payer: { clock, timing: PAYER_TIMING },
    callbackBase: () => app.url,
  });
  const provider = createMomoProvider({
    baseUrl: sandbox.url,
    subscriptionKey: sandbox.subscriptionKey,
    apiUser: sandbox.apiUser,
    apiKey: sandbox.apiKey,
    targetEnvironment: sandbox.targetEnvironment,
  });
  return { sandbox, provider };
});

describe('the MoMo sandbox payer', () => {
  it('approves by itself once the clock passes the delay, and calls the app back', async () => {
    const { clock, app, sandbox: momo, provider, ask } = await rig();
    const reference = await ask();
    expect(momo.phone()[0]).toMatchObject({
      reference,
      status: 'pending',
      payer: '250788000111',
      prompt: { requestedAt: '2026-03-02T08:00:00.000Z', autoApproveAt: '2026-03-02T08:00:04.000Z' },
    });
    clock.advance(3_999);
    await momo.sweepPayer();
    expect((await provider.getStatus(reference, RWF_1000)).state).toBe('pending');
    clock.advance(1);
    await momo.sweepPayer();
    expect(await provider.getStatus(reference, RWF_1000)).toMatchObject({
      state: 'succeeded',
      amount: RWF_1000,
    });
    expect(momo.phone()[0]).toMatchObject({ status: 'approved', prompt: null });
    expect(app.calls.map((c) => [c.method, c.path])).toEqual([['POST', '/webhooks/momo']]);
    expect(JSON.parse(app.calls[0]!.rawBody)).toMatchObject({ status: 'SUCCESSFUL', externalId: reference });
  });

  it('a payer who declines first is never charged, however long the clock runs', async () => {
    const { clock, sandbox: momo, provider, ask } = await rig();
    const reference = await ask();
    await momo.settle(reference, 'FAILED', 'APPROVAL_REJECTED');
    clock.advance(3_600_000);
    await momo.sweepPayer();
    expect(await provider.getStatus(reference, RWF_1000)).toMatchObject({
      state: 'failed',
      reason: 'APPROVAL_REJECTED',
    });
  });

  it('a prompt left to time out does not approve by itself and expires as MTN does after 5 minutes', async () => {
    const { clock, app, sandbox: momo, provider, ask } = await rig();
    const reference = await ask();
    expect(momo.letTimeOut(reference)).toBe(true);
    expect(momo.phone()[0]!.prompt).toMatchObject({ autoApproveAt: null, ignored: true });
    clock.advance(299_999);
    await momo.sweepPayer();
    expect((await provider.getStatus(reference, RWF_1000)).state).toBe('pending');
    clock.advance(1);
    await momo.sweepPayer();
    expect(await provider.getStatus(reference, RWF_1000)).toMatchObject({
      state: 'failed',
      reason: 'COULD_NOT_PERFORM_TRANSACTION',
    });
    expect(JSON.parse(app.calls[0]!.rawBody)).toMatchObject({ status: 'FAILED' });
  });

  it('the timer answers on its own: nobody calls sweepPayer', async () => {
    const { clock, sandbox: momo, provider, ask } = await rig();
    const reference = await ask();
    clock.advance(4_000);
    await momo.waitForRequestToPay((p) => p.referenceId === reference && p.status === 'SUCCESSFUL', 5_000);
    expect((await provider.getStatus(reference, RWF_1000)).state).toBe('succeeded');
  });
});
