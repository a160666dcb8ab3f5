import type { CoreEvents, Ctx, Events } from '../context/index.ts';
import type { AnyArea, PaymentHook } from './module-definition.ts';

/** An area and the runtime its `start` built for one app. */
export interface StartedArea {
  area: AnyArea;
  rt: unknown;
}

type Handler<K extends keyof CoreEvents> = (tx: Ctx, payload: CoreEvents[K]) => Promise<void>;
type Handlers = { [K in keyof CoreEvents]: Handler<K>[] };

/**
 * The app's event handlers from the hooks its areas declared, each bound to its area's runtime.
 * Payment hooks run only for their own purpose type; handlers run in area order. A message's end
 * first runs core's delivery policy (`deliveryPolicy`), and its outcome hooks hear what it queued.
 */
export function createEvents(started: ReadonlyArray<StartedArea>): Events {
  const handlers: Handlers = {
    'payment.settled': [],
    'payment.failed': [],
    'payment.voided': [],
    'refund.asked': [],
    'refund.started': [],
    'payment.refunded': [],
    'refund.rejected': [],
    'refund.failed': [],
    'contacts.merged': [],
    'notification.outcome': [],
  };
  const byPurpose = (hooks: Record<string, PaymentHook<unknown>> | undefined, rt: unknown) =>
    Object.entries(hooks ?? {}).map(
      ([purpose, hook]) =>
        async (tx: Ctx, payment: CoreEvents['payment.settled']) => {
          if (payment.purpose.type === purpose) await hook(tx, rt, payment);
        },
    );
  const outcomeHooks: Handler<'notification.outcome'>[] = [];
  for (const { area, rt } of started) {
    for (const [purpose, contract] of Object.entries(area.refunds ?? {})) {
      const bind = <
        K extends
          | 'refund.asked'
          | 'refund.started'
          | 'payment.refunded'
          | 'refund.rejected'
          | 'refund.failed',
      >(
        name: K,
        step: ((tx: Ctx, rt: unknown, event: CoreEvents[K]) => Promise<void>) | undefined,
      ) => {
        if (step)
          (handlers[name] as Handler<K>[]).push(async (tx, event) => {
            if (event.payment.purpose.type === purpose) await step(tx, rt, event);
          });
      };
      bind('refund.asked', contract.asked);
      bind('refund.started', contract.started);
      bind('payment.refunded', contract.settled);
      bind('refund.rejected', contract.rejected);
      bind('refund.failed', contract.failed);
    }
    const hooks = area.hooks;
    if (!hooks) continue;
    handlers['payment.settled'].push(...byPurpose(hooks.paymentSettled, rt));
    handlers['payment.failed'].push(...byPurpose(hooks.paymentFailed, rt));
    handlers['payment.voided'].push(...byPurpose(hooks.paymentVoided, rt));
    for (const [template, hook] of Object.entries(hooks.notificationOutcome ?? {}))
      outcomeHooks.push(async (tx, event) => {
        if (event.template === template) await hook(tx, rt, event);
      });
    const merged = hooks.contactsMerged;
    if (merged) handlers['contacts.merged'].push((tx, event) => merged(tx, rt, event));
  }
  const policy = deliveryPolicyOf(started);
  handlers['notification.outcome'].push(async (tx, event) => {
    const fallback = await policy?.(tx, event);
    const told = fallback ? { ...event, fallback } : event;
    for (const hook of outcomeHooks) await hook(tx, told);
  });
  return {
    async emit(name, tx, payload) {
      for (const handler of handlers[name] as Handler<typeof name>[]) await handler(tx, payload);
    },
  };
}

type Outcome = CoreEvents['notification.outcome'];
type DeliveryPolicy = (tx: Ctx, event: Outcome) => Promise<Outcome['fallback']>;

/** Core's delivery policy, bound to its area's runtime: one area declares it at most (notifications). */
function deliveryPolicyOf(started: ReadonlyArray<StartedArea>): DeliveryPolicy | undefined {
  const declared = started.flatMap(({ area, rt }) => {
    const policy = area.deliveryPolicy;
    if (!policy) return [];
    const run: DeliveryPolicy = (tx, event) => policy(tx, rt, event);
    return [{ name: area.name, run }];
  });
  if (declared.length > 1)
    throw new Error(`a delivery policy is declared by ${declared.map((d) => d.name).join(' and ')}`);
  return declared[0]?.run;
}
