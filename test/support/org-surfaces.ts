import { expect } from 'vitest';
import { coffeeDevices } from '../factories/coffee.ts';
import { createOrg } from '../factories/org.ts';
import { createPrepaidMeter, createPrepaidTariff } from '../factories/prepaid.ts';
import { uniqueName } from '../factories/unique.ts';
import type { ApiClient, TestApp } from './test-app.ts';

/** A call of a device (a coffee machine, a meter) with its bearer token, as the firmware makes it. */
export const deviceCall = (app: TestApp, token: string, method: string, url: string, body?: unknown) =>
  app.anonymous().request(method, url, body, { authorization: `Bearer ${token}` });

/** What each organization of a two-organization surfaces test holds before the test adds its own. */
export interface SurfaceHoldings {
  id: string;
  slug: string;
  ownerEmail: string;
  owner: ApiClient;
  device: { id: string; serial: string; token: string };
  claim: { id: string; claimCode: string };
  meter: { accountId: string; meterId: string; number: string; token: string };
  /** The household's phone, and the e-mail address its portal codes go to. */
  phone: string;
  mail: string;
}

/**
 * A new organization whose owner is signed in, with the things of the surfaces that do not go through
 * the staff sign-in: a coffee machine and a claim code, and a metered household (a cash sale on its
 * meter, the meter's token).
 */
export async function orgWithSurfaces(app: TestApp): Promise<SurfaceHoldings> {
  const org = await createOrg(app);
  const owner = await app.signIn(org.ownerEmail, undefined, org.slug);
  const [device] = await coffeeDevices(app, 1, { org: org.slug });
  const claim = await owner.post('/api/coffee/claim-codes', {});
  expect(claim.statusCode, claim.body).toBe(201);

  await createPrepaidTariff(app, { org: org.slug });
  const phone = `+25078${Math.floor(1_000_000 + Math.random() * 8_999_999)}`;
  const mail = `${uniqueName('household')}@example.com`;
  const meter = await createPrepaidMeter(app, {
    org: org.slug,
    account: { phone, channel: { name: 'email', to: mail } },
  });
  const sold = await owner.post('/api/prepaid/purchases', {
    meterId: meter.meterId,
    method: 'cash',
    amount: { amountMinor: 500, currency: 'RWF' },
  });
  expect(sold.statusCode, sold.body).toBe(201);
  const meterToken = await owner.post(`/api/prepaid/meters/${meter.meterId}/meter-token`, {});
  expect(meterToken.statusCode, meterToken.body).toBe(200);
  return {
    ...org,
    owner,
    device: device!,
    claim: { id: claim.json().id, claimCode: claim.json().claimCode },
    meter: { ...meter, token: meterToken.json().meterToken },
    phone,
    mail,
  };
}
