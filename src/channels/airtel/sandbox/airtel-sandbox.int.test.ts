import { createHmac } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { startCallbackRecorder } from '../../../../test/standins/callback-recorder.ts';
import { type AirtelSandbox, type AirtelSandboxOptions, startAirtelSandbox } from '../index.ts';

interface Envelope {
  data: { transaction?: Record<string, unknown> };
  status: { code: string; message: string; result_code: string; response_code?: string; success: boolean };
}

const payment = (id: string, msisdn = '788000111') => ({
  reference: 'Mess ticket',
  subscriber: { country: 'RW', currency: 'RWF', msisdn },
  transaction: { amount: 1000, country: 'RW', currency: 'RWF', id },
});

/** A minimal Airtel client written from the API docs, as the app's driver would be. */
function airtelClient(airtel: AirtelSandbox) {
  let token = '';
  const headers = () => ({
    Authorization: `Bearer ${token}`,
    'X-Country': 'RW',
    'X-Currency': 'RWF',
    'Content-Type': 'application/json',
    Accept: '*/*',
  });
  const call = async (path: string, body?: unknown) => {
    const init =
      body === undefined
        ? { headers: headers() }
        : { method: 'POST', headers: headers(), body: JSON.stringify(body) };
    const response = await fetch(`${airtel.url}${path}`, init);
    return { httpStatus: response.status, json: (await response.json()) as Envelope };
  };
  return {
    async token(clientSecret = airtel.clientSecret) {
      const response = await fetch(`${airtel.url}/auth/oauth2/token`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({
          client_id: airtel.clientId,
          client_secret: clientSecret,
          grant_type: 'client_credentials',
        }),
      });
      const json = (await response.json()) as { access_token: string };
      token = json.access_token;
      return { status: response.status, json };
    },
    pay: (body: unknown) => call('/merchant/v1/payments/', body),
    enquire: (id: string) => call(`/standard/v1/payments/${id}`),
    refund: (airtelMoneyId: string) =>
      call('/standard/v1/payments/refund', { transaction: { airtel_money_id: airtelMoneyId } }),
  };
}

describe('Airtel Money stand-in', () => {
  let airtel: AirtelSandbox;
  const start = async (opts: AirtelSandboxOptions = {}) => {
    airtel = await startAirtelSandbox(opts);
    const client = airtelClient(airtel);
    await client.token();
    return client;
  };
  afterEach(() => airtel.close());

  it('issues a bearer token for JSON client credentials and refuses wrong ones', async () => {
    const client = await start();
    const { status, json } = await client.token();
    expect(status).toBe(200);
    expect(json).toEqual({ access_token: expect.any(String), expires_in: '180', token_type: 'bearer' });
    expect((await client.token('wrong')).status).toBe(401);
  });

  it('accepts a USSD-push payment with the documented envelope, in progress until settled', async () => {
    const client = await start();
    const { httpStatus, json } = await client.pay(payment('tx-1'));
    expect(httpStatus).toBe(200);
    expect(json).toEqual({
      data: { transaction: { id: 'tx-1', status: 'SUCCESS' } },
      status: {
        code: '200',
        message: 'SUCCESS',
        result_code: 'ESB000010',
        response_code: 'DP00800001006',
        success: true,
      },
    });
    expect((await client.enquire('tx-1')).json.data.transaction).toMatchObject({
      id: 'tx-1',
      status: 'TIP',
      airtel_money_id: null,
    });
    await airtel.settle('tx-1', 'TS');
    const settled = (await client.enquire('tx-1')).json.data.transaction;
    expect(settled).toMatchObject({
      status: 'TS',
      airtel_money_id: expect.stringMatching(/^MP\d{6}\.\d{4}\.A\d{5}$/),
    });
  });

  it('refuses a duplicate transaction id with ESB000041 and unknown ids with ESB000045', async () => {
    const client = await start();
    await client.pay(payment('tx-dup'));
    const duplicate = await client.pay(payment('tx-dup'));
    expect(duplicate.json.status).toMatchObject({ result_code: 'ESB000041', success: false });
    expect((await client.enquire('nope')).json.status.result_code).toBe('ESB000045');
    expect((await client.pay(payment('tx-bad', '+250788000111'))).json.status.result_code).toBe('ESB000033');
  });

  it('fails subscribers by MSISDN suffix and refunds only successful payments', async () => {
    const client = await start({
      payerRules: [{ msisdnSuffix: '13', status: 'TF', message: 'Insufficient funds' }],
    });
    await client.pay(payment('tx-poor', '788000113'));
    expect((await client.enquire('tx-poor')).json.data.transaction).toMatchObject({
      status: 'TF',
      message: 'Insufficient funds',
    });
    await client.pay(payment('tx-ok'));
    await airtel.settle('tx-ok', 'TS');
    const moneyId = airtel.payment('tx-ok')!.airtelMoneyId!;
    expect((await client.refund(moneyId)).json.data.transaction).toEqual({
      airtel_money_id: moneyId,
      status: 'SUCCESS',
    });
    expect((await client.enquire('tx-ok')).json.data.transaction?.status).toBe('TR');
    expect((await client.refund(moneyId)).json.status.success).toBe(false);
  });

  it('posts callbacks with an optional HMAC hash over the transaction object', async () => {
    const receiver = await startCallbackRecorder();
    try {
      const client = await start();
      await client.pay(payment('tx-cb'));
      await airtel.settle('tx-cb', 'TS');
      await airtel.sendCallback('tx-cb', `${receiver.url}/airtel`, { times: 2, hmacSecret: 'cb-secret' });
      expect(receiver.calls).toHaveLength(2);
      const body = JSON.parse(receiver.calls[0]!.rawBody) as {
        transaction: Record<string, unknown>;
        hash: string;
      };
      expect(body.transaction).toEqual({
        id: 'tx-cb',
        message: 'Paid',
        status_code: 'TS',
        airtel_money_id: airtel.payment('tx-cb')!.airtelMoneyId,
      });
      const expected = createHmac('sha256', 'cb-secret')
        .update(JSON.stringify(body.transaction))
        .digest('base64');
      expect(body.hash).toBe(expected);
    } finally {
      await receiver.close();
    }
  });

  it('refuses expired and unknown bearer tokens with 401', async () => {
    const client = await start();
    airtel.expireTokens();
    expect((await client.pay(payment('tx-late'))).httpStatus).toBe(401);
    const response = await fetch(`${airtel.url}/standard/v1/payments/x`, {
      headers: { Authorization: 'Bearer nope' },
    });
    expect(response.status).toBe(401);
  });
});
