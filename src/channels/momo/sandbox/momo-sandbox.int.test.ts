import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { startCallbackRecorder } from '../../../../test/standins/callback-recorder.ts';
import { type MomoSandbox, type MomoSandboxOptions, startMomoSandbox } from '../index.ts';

const BODY = {
  amount: '1500',
  currency: 'RWF',
  externalId: 'order-17',
  payer: { partyIdType: 'MSISDN', partyId: '250788000111' },
  payerMessage: 'Mess ticket',
  payeeNote: 'Opsdesk',
};

/** A minimal MoMo client written from the API docs, as the app's driver would be. */
function momoClient(momo: MomoSandbox) {
  const base = { 'Ocp-Apim-Subscription-Key': momo.subscriptionKey };
  let token = '';
  return {
    async token(apiKey = momo.apiKey) {
      const basic = Buffer.from(`${momo.apiUser}:${apiKey}`).toString('base64');
      const response = await fetch(`${momo.url}/collection/token/`, {
        method: 'POST',
        headers: { ...base, Authorization: `Basic ${basic}` },
      });
      const json = (await response.json()) as { access_token: string };
      token = json.access_token;
      return { status: response.status, json };
    },
    async requestToPay(referenceId: string, body: unknown = BODY, extra: Record<string, string> = {}) {
      const headers = {
        ...base,
        Authorization: `Bearer ${token}`,
        'X-Reference-Id': referenceId,
        'X-Target-Environment': momo.targetEnvironment,
        'Content-Type': 'application/json',
        ...extra,
      };
      const response = await fetch(`${momo.url}/collection/v1_0/requesttopay`, {
        method: 'POST',
        headers,
        body: JSON.stringify(body),
      });
      return { status: response.status, text: await response.text() };
    },
    async status(referenceId: string) {
      const headers = {
        ...base,
        Authorization: `Bearer ${token}`,
        'X-Target-Environment': momo.targetEnvironment,
      };
      const response = await fetch(`${momo.url}/collection/v1_0/requesttopay/${referenceId}`, { headers });
      return { status: response.status, json: (await response.json()) as Record<string, unknown> };
    },
  };
}

describe('MTN MoMo Collection stand-in', () => {
  let momo: MomoSandbox;
  const start = async (opts: MomoSandboxOptions = {}) => {
    momo = await startMomoSandbox(opts);
    return momoClient(momo);
  };
  afterEach(() => momo.close());

  it('issues an access token for Basic apiUser:apiKey plus the subscription key', async () => {
    const client = await start();
    const { status, json } = await client.token();
    expect(status).toBe(200);
    expect(json).toEqual({ access_token: expect.any(String), token_type: 'access_token', expires_in: 3600 });
    expect((await client.token('wrong')).status).toBe(401);
  });

  it('accepts a request-to-pay with 202 and an empty body, then reports it PENDING', async () => {
    const client = await start();
    await client.token();
    const ref = randomUUID();
    expect(await client.requestToPay(ref)).toEqual({ status: 202, text: '' });
    const { status, json } = await client.status(ref);
    expect(status).toBe(200);
    expect(json).toEqual({ ...BODY, status: 'PENDING' });
  });

  it('refuses a reused X-Reference-Id with 409 RESOURCE_ALREADY_EXIST and bad bodies with 400', async () => {
    const client = await start();
    await client.token();
    const ref = randomUUID();
    await client.requestToPay(ref);
    const again = await client.requestToPay(ref);
    expect(again.status).toBe(409);
    expect(JSON.parse(again.text)).toMatchObject({ code: 'RESOURCE_ALREADY_EXIST' });
    expect((await client.requestToPay(randomUUID(), { ...BODY, amount: 'ten' })).status).toBe(400);
    expect((await client.requestToPay('not-a-uuid')).status).toBe(400);
    expect(
      (await client.requestToPay(randomUUID(), BODY, { 'X-Target-Environment': 'mtnghana' })).status,
    ).toBe(500);
  });

  it('answers 404 RESOURCE_NOT_FOUND for an unknown reference and 401 after the token expires', async () => {
    const client = await start();
    await client.token();
    expect(await client.status(randomUUID())).toMatchObject({
      status: 404,
      json: { code: 'RESOURCE_NOT_FOUND' },
    });
    momo.expireTokens();
    expect((await client.status(randomUUID())).status).toBe(401);
  });

  it('settles a payment and calls back X-Callback-Url with the unsigned status JSON', async () => {
    const receiver = await startCallbackRecorder();
    try {
      const client = await start({ callbackMethod: 'PUT' });
      await client.token();
      const ref = randomUUID();
      await client.requestToPay(ref, BODY, { 'X-Callback-Url': `${receiver.url}/momo/callback` });
      await momo.settle(ref, 'SUCCESSFUL');
      expect(receiver.calls).toHaveLength(1);
      const callback = receiver.calls[0]!;
      expect(callback).toMatchObject({ method: 'PUT', path: '/momo/callback' });
      const { json } = await client.status(ref);
      expect(JSON.parse(callback.rawBody)).toEqual(json);
      expect(json).toMatchObject({ status: 'SUCCESSFUL', financialTransactionId: expect.any(String) });
    } finally {
      await receiver.close();
    }
  });

  it('fails payers by MSISDN suffix and can drop callbacks until a test sends them', async () => {
    const receiver = await startCallbackRecorder();
    try {
      const rules = [{ msisdnSuffix: '99', status: 'FAILED' as const, reason: 'NOT_ENOUGH_FUNDS' }];
      const client = await start({ payerRules: rules, dropCallbacks: true });
      await client.token();
      const ref = randomUUID();
      const poorPayer = { ...BODY, payer: { partyIdType: 'MSISDN', partyId: '250788000199' } };
      await client.requestToPay(ref, poorPayer, { 'X-Callback-Url': receiver.url });
      expect((await client.status(ref)).json).toMatchObject({ status: 'FAILED', reason: 'NOT_ENOUGH_FUNDS' });
      expect(receiver.calls).toHaveLength(0);
      const deliveries = await momo.sendCallback(ref, { times: 2 });
      expect(deliveries.map((d) => d.status)).toEqual([200, 200]);
      expect(receiver.calls).toHaveLength(2);
    } finally {
      await receiver.close();
    }
  });
});
