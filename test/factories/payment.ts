import { money } from '../../src/core/money/index.ts';
import {
  type Payment,
  type PaymentPurpose,
  recordManualPayment,
  submitProofPayment,
} from '../../src/core/payments/index.ts';
import type { TestApp } from '../support/test-app.ts';
import { type InOrg, orgCtx } from './org.ts';
import { uniqueName } from './unique.ts';

// A 1×1 PNG: a screenshot as far as content sniffing is concerned.
const PNG_1X1 = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
  'base64',
);

export interface PaymentInput extends InOrg {
  /** What the money is for (default: a purpose of its own, so nothing else reacts). */
  purpose?: PaymentPurpose;
  amountMinor?: number;
  currency?: string;
  /** `proof` (a screenshot for staff to verify, default) or `cash` (settled at once). */
  method?: 'proof' | 'cash';
  /** The proof's bytes (default: a tiny PNG); the same bytes twice are flagged as a duplicate. */
  proof?: Uint8Array;
}

/** A payment through core payments, as a payer's proof or as cash staff received. */
export async function createPayment(app: TestApp, input: PaymentInput = {}): Promise<Payment> {
  const ctx = await orgCtx(app, input.org);
  const amount = money(input.amountMinor ?? 1_000, input.currency ?? 'USD');
  const purpose = input.purpose ?? { type: 'test.purchase', id: uniqueName('purchase') };
  if (input.method === 'cash') return recordManualPayment(ctx, { amount, purpose, kind: 'cash' });
  return submitProofPayment(
    ctx,
    { files: app.deps.files },
    { amount, purpose, bytes: input.proof ?? PNG_1X1, originalName: 'proof.png' },
  );
}
