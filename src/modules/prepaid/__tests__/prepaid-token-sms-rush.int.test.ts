import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { orgCtx } from '../../../../test/factories/org.ts';
import {
  createPrepaidMeter,
  createPrepaidTariff,
  prepaidRuntime,
} from '../../../../test/factories/prepaid.ts';
import { eventually } from '../../../../test/support/eventually.ts';
import { startTestApp, type TestApp } from '../../../../test/support/test-app.ts';
import { type AfricasTalkingSandbox, startAfricasTalkingSandbox } from '../../../channels/sms/index.ts';
import type { Ctx } from '../../../core/context/index.ts';
import { enqueueNotification } from '../../../core/notifications/index.ts';
import { paymentFailedSmsTemplate } from '../prepaid.sms.ts';
import { startPurchase } from '../purchases.ts';

// Issue 64: in a purchase rush the token SMS waited behind every message queued before it (59 of
// 530 left during the load, p50 11.5 s). The payer stands at the meter: the token goes first.

const BACKLOG = 40;
let app: TestApp;
let at: AfricasTalkingSandbox;
let ctx: Ctx;
let meterId: string;

beforeAll(async () => {
  at = await startAfricasTalkingSandbox();
  app = await startTestApp({
    env: { ...at.appEnv(), OPSDESK_SECRET_KEY: 'rush-test-secret-key-0123456789abcdef0123456' },
  });
  ctx = await orgCtx(app);
  await createPrepaidTariff(app);
  meterId = (await createPrepaidMeter(app, { number: 'RUSH-0001' })).meterId;
}, 120_000);
afterAll(async () => {
  await app?.close();
  await at?.close();
});

describe('a token SMS in a rush', () => {
  it('leaves before the texts queued ahead of it', async () => {
    // Texts to other phones already waiting when the payer pays (the workers not started yet).
    for (let i = 0; i < BACKLOG; i++)
      await enqueueNotification(ctx, app.jobs, {
        channel: 'sms',
        to: `+2507880${String(10_000 + i)}`,
        template: paymentFailedSmsTemplate,
        data: { meter: 'OTHER', amount: 'RWF 500', ussd: '' },
        locale: 'en',
      });
    const payer = '+250788099999';
    const sale = await startPurchase(ctx, prepaidRuntime(app), {
      meterId,
      method: 'cash',
      amountMinor: 500,
      currency: 'RWF',
      msisdn: payer,
    });
    expect(sale.token).toMatch(/^\d{9}$/);

    await app.startWorker();
    await eventually(() => at.inbox(payer).length === 1, { what: 'the token SMS reached the payer' });
    expect(at.inbox(payer)[0]!.text.replace(/\D/g, '')).toContain(sale.token);
    // Carried newest first: what the network carried before the token.
    const before = at.received().length - 1 - at.received().findIndex((sms) => sms.to === payer);
    expect(before).toBeLessThan(BACKLOG / 2);
    await eventually(() => at.received().length === BACKLOG + 1, { what: 'the backlog left too' });
  });
});
