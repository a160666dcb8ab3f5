import { expect } from 'vitest';
import { FLAT_TARIFF } from '../factories/flat-tariff.ts';
import { paidStudentsWithPasses } from '../support/mess-passes.ts';
import type { ResendingClient } from './resending-client.ts';

/**
 * The business the failover test's load works on, set up through the product's API like an operator
 * would: a raffle on sale, paid mess students with their passes, a metered household on a tariff, a
 * coffee machine (whose status reports make live updates), and MoMo polling soon after a sale.
 */
export interface Business {
  /** The owner's session cookie, CSRF token and JSON content type, for staff requests. */
  staff: Record<string, string>;
  cookie: string;
  raffleId: string;
  meterId: string;
  passes: string[];
  machine: { id: string; token: string };
}

type Json = { id: string } & Record<string, unknown>;
type Call = (method: string, path: string, body?: unknown, expected?: number) => Promise<Json>;

/** A signed-in owner's requests through `baseUrl`, each failing the test on any answer but `expected` (any 2xx if none). */
export async function signInOwner(client: ResendingClient, baseUrl: string, email: string, password: string) {
  const login = await client.send('sign-in', `${baseUrl}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });
  expect(login.status, login.text).toBe(200);
  const cookie = login.headers
    .getSetCookie()
    .find((c) => c.startsWith('opsdesk_session='))!
    .split(';')[0]!;
  const staff = {
    cookie,
    'x-csrf-token': login.json<{ csrfToken: string }>().csrfToken,
    'content-type': 'application/json',
  };
  const call: Call = async (method, path, body, expected) => {
    const answer = await client.send(`${method} ${path}`, `${baseUrl}${path}`, {
      method,
      headers: staff,
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    if (expected === undefined) expect(answer.status, answer.text).toBeLessThan(300);
    else expect(answer.status, answer.text).toBe(expected);
    return answer.json<Json>();
  };
  const bytes = async (path: string) =>
    (await client.send(`GET ${path}`, `${baseUrl}${path}`, { method: 'GET', headers: staff })).bytes;
  return { staff, cookie, call, bytes };
}

/** Everything the load sells, scans and reports on, made by the owner. */
export async function setUpBusiness(owner: Awaited<ReturnType<typeof signInOwner>>): Promise<Business> {
  const { call } = owner;
  const raffle = await call(
    'POST',
    '/api/raffle/raffles',
    {
      title: 'Failover raffle',
      priceMinor: 500,
      currency: 'RWF',
      minNumber: 1,
      maxNumber: 5000,
      maxPerOrder: 3,
      prizes: ['Bicycle'],
    },
    201,
  );
  await call('POST', `/api/raffle/raffles/${raffle.id}/start-selling`, {}, 200);
  const passes = await paidStudentsWithPasses({ send: call, bytes: owner.bytes }, 6, 'H');
  // MTN's callback may come while no server takes writes: the product's own poll then settles the
  // payment, here seconds after the sale instead of the default 30 s.
  const polling = { firstCheckSeconds: 3, maxCheckIntervalSeconds: 10 };
  await call('PATCH', '/api/org', { settings: { payments: { mobileMoney: polling } } }, 200);
  await call('POST', '/api/prepaid/tariffs', FLAT_TARIFF, 201);
  const account = await call(
    'POST',
    '/api/prepaid/accounts',
    { kind: 'household', name: 'Failover household' },
    201,
  );
  const meter = await call('POST', '/api/prepaid/meters', { accountId: account.id, number: 'HA-0001' }, 201);
  const device = await call('POST', '/api/coffee/devices', { serial: 'HA-LIVE-1', model: 'CM-SIM' }, 201);
  return {
    staff: owner.staff,
    cookie: owner.cookie,
    raffleId: raffle.id,
    meterId: meter.id,
    passes,
    machine: { id: device.id, token: String(device.deviceToken) },
  };
}
