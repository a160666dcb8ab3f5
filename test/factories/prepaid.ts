import { expect } from 'vitest';
import {
  createAccount,
  createMeter,
  createTariff,
  type NewAccount,
  type NewMeter,
  type NewTariff,
} from '../../src/modules/prepaid/meters.ts';
import type { PrepaidRuntime } from '../../src/modules/prepaid/prepaid.runtime.ts';
import type { TariffTerms } from '../../src/modules/prepaid/tariff.rules.ts';
import { portalCodesSentTo } from '../support/outbox-secrets.ts';
import type { TestApp } from '../support/test-app.ts';
import { FLAT_TARIFF } from './flat-tariff.ts';
import { type InOrg, orgCtx } from './org.ts';
import { uniqueName } from './unique.ts';

/** The prepaid module's runtime of a test app. */
export const prepaidRuntime = (app: TestApp) => app.runtimeOf('prepaid') as PrepaidRuntime;

/**
 * A block tariff like EUCL's residential one: 0–15 kWh, 15–50 kWh and above 50 kWh at rising prices,
 * a fee of 100 and 18 % VAT (terms only, for the rules' tests).
 */
export const BLOCK_TARIFF: TariffTerms = {
  tiers: [
    { uptoKwh: 15, priceMinorPerKwh: 89 },
    { uptoKwh: 50, priceMinorPerKwh: 310 },
    { uptoKwh: null, priceMinorPerKwh: 369 },
  ],
  feeMinor: 100,
  taxBasisPoints: 1800,
};

/** A tariff through the use case: residential, RWF 1.00 a kWh flat, no fee or tax, in force since 2020. */
export async function createPrepaidTariff(app: TestApp, input: InOrg & Partial<NewTariff> = {}) {
  const { org, ...terms } = input;
  return createTariff(await orgCtx(app, org), {
    ...FLAT_TARIFF,
    tiers: [...FLAT_TARIFF.tiers],
    effectiveFrom: new Date(FLAT_TARIFF.effectiveFrom),
    ...terms,
  });
}

/** A household account through the use case (its owner, when it has a phone, can use the portal). */
export async function createPrepaidAccount(app: TestApp, input: InOrg & Partial<NewAccount> = {}) {
  const { org, ...account } = input;
  return createAccount(await orgCtx(app, org), {
    kind: 'household',
    name: uniqueName('Household'),
    ...account,
  });
}

/**
 * A meter through the use case, on `accountId` or on a new household account (`account` says how
 * that one looks). The number is unique unless given; the OpenPAYGO key is generated unless given.
 */
export async function createPrepaidMeter(
  app: TestApp,
  input: InOrg & Partial<NewMeter> & { account?: Partial<NewAccount> } = {},
): Promise<{ accountId: string; meterId: string; number: string }> {
  const { org, account, ...meter } = input;
  const accountId =
    meter.accountId ??
    (await createPrepaidAccount(app, { org, name: `Owner of ${meter.number ?? 'a meter'}`, ...account })).id;
  const number = meter.number ?? uniqueName('M').toUpperCase();
  const created = await createMeter(await orgCtx(app, org), app.config.OPSDESK_SECRET_KEY, {
    ...meter,
    accountId,
    number,
  });
  return { accountId, meterId: created.id, number };
}

/** The one-time code last sent to `address` for the customer portal's sign-in. */
export async function lastPortalCodeTo(app: TestApp, address: string): Promise<string> {
  const code = (await portalCodesSentTo(app, address)).at(-1);
  if (!code) throw new Error(`no portal code was sent to ${address}`);
  return code;
}

/**
 * Signs in to the customer portal as a customer does (phone and meter number, then the code sent
 * to `codeTo`), over HTTP: the session is what the portal's routes take. The mobile app's client
 * gets a refresh token beside it.
 */
export async function signInToPortal(
  app: TestApp,
  input: InOrg & { phone: string; meterNumber: string; codeTo: string; client?: 'mobile' },
): Promise<{ session: string; role: string; refreshToken?: string }> {
  const base = `/api/prepaid/portal/${input.org ?? app.defaultOrg}`;
  const who = { phone: input.phone, meterNumber: input.meterNumber };
  const asked = await app.anonymous().post(`${base}/sign-in`, who);
  expect(asked.statusCode, asked.body).toBe(202);
  const code = await lastPortalCodeTo(app, input.codeTo);
  const res = await app
    .anonymous()
    .post(`${base}/verify`, { ...who, code, ...(input.client ? { client: input.client } : {}) });
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
}
