import type { CoffeeRuntime } from '../../src/modules/coffee/coffee.runtime.ts';
import { provisionDevice } from '../../src/modules/coffee/device-tokens.ts';
import type { TestApp } from '../support/test-app.ts';
import { type InOrg, orgCtx } from './org.ts';
import { uniqueName } from './unique.ts';

/** The coffee module's runtime of a test app. */
export const coffeeRuntime = (app: TestApp) => app.runtimeOf('coffee') as CoffeeRuntime;

/** Provisioned coffee devices with their tokens, through the provisioning use case (fast: no HTTP). */
export async function coffeeDevices(
  app: TestApp,
  count: number,
  input: InOrg & { model?: string; tags?: string[] } = {},
): Promise<Array<{ id: string; serial: string; token: string }>> {
  const ctx = await orgCtx(app, input.org);
  const out = [];
  for (let i = 0; i < count; i++) {
    const { device, deviceToken } = await provisionDevice(ctx, {
      serial: uniqueName('CM').replace(/[^A-Za-z0-9-]/g, ''),
      model: input.model ?? 'CM-SIM',
      tags: input.tags ?? [],
    });
    out.push({ id: device.id, serial: device.serial, token: deviceToken });
  }
  return out;
}

/**
 * A sale of two lattes (7.00 USD, by wallet) reported by a machine through the device API, as it
 * reports one; `extra` changes the report (`{ vend: 'failed' }`). Answers the API's response.
 */
export const sellTwoLattes = (
  app: TestApp,
  machine: { token: string },
  orderId: string,
  extra: Record<string, unknown> = {},
) =>
  app.anonymous().post(
    '/api/coffee/device/orders',
    {
      orderId,
      orderedAt: new Date().toISOString(),
      items: [{ name: 'Latte', qty: 2, unitPriceMinor: 350 }],
      currency: 'USD',
      paymentMethod: 'wallet',
      ...extra,
    },
    { authorization: `Bearer ${machine.token}` },
  );
