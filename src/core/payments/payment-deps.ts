import type { JobQueue } from '../../platform/jobs/index.ts';
import { type PaymentProvider, providerFor } from './payment-provider.ts';
import { MOBILE_MONEY_METHODS, type MobileMoneyMethod } from './payments.rules.ts';

/**
 * What payments is given to move money: the app's job queue and what its areas declared (a module
 * passes its `rt.deps`). Payments finds the provider of a method itself, so a module names a method
 * (cash, momo, airtel), never a driver; the providers are read when the money moves (they are declared
 * once every area has started).
 */
export interface PaymentDeps {
  jobs: JobQueue;
  declared: { paymentProviders(): ReadonlyArray<PaymentProvider> };
}

/** The providers the app offers now: its channel areas with credentials, at most one per method. */
export function providersOf(deps: Pick<PaymentDeps, 'declared'>): ReadonlyArray<PaymentProvider> {
  return deps.declared.paymentProviders();
}

/** The provider of `method` the app offers, if any. */
export function providerOf(
  deps: Pick<PaymentDeps, 'declared'>,
  method: MobileMoneyMethod,
): PaymentProvider | undefined {
  return providerFor(providersOf(deps), method);
}

/** The mobile-money methods a payer may be asked to pay by here (a provider with credentials). */
export function offeredMethods(deps: Pick<PaymentDeps, 'declared'>): MobileMoneyMethod[] {
  return MOBILE_MONEY_METHODS.filter((m) => providerOf(deps, m) !== undefined);
}

/** Whether money of a payment made by `method` can go back through its provider here. */
export function sendsRefunds(deps: Pick<PaymentDeps, 'declared'>, method: string): boolean {
  const mobile = (MOBILE_MONEY_METHODS as ReadonlyArray<string>).includes(method);
  return mobile && providerOf(deps, method as MobileMoneyMethod)?.refund !== undefined;
}
