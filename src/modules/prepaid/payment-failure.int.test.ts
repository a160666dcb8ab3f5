import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../../test/support/test-database.ts';
import type { Database } from '../../platform/db/index.ts';
import { paymentFailureKind, paymentFailureKindSql } from './payment-failure.rules.ts';

let database: Database;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => database?.close());

/** Stored reasons as providers and our own code write them. */
const REASONS = [
  'NOT_ENOUGH_FUNDS',
  'approval_rejected',
  'EXPIRED',
  'PAYEE_NOT_FOUND',
  'SERVICE_UNAVAILABLE',
  'Insufficient funds',
  'The subscriber declined the payment',
  'Transaction expired: the subscriber did not answer',
  'Refused by the customer',
  'Invalid MSISDN',
  'Daily limit exceeded',
  'Subscriber is barred',
  'Transaction reversed',
  'Not permitted',
  ' timeout ',
  'request_rejected: PAYER_NOT_FOUND',
  'request_rejected: ESB000041',
  'TF',
  'failed',
  "it's gone",
];

describe('the failure kind in SQL (the console lists and pages)', () => {
  it('words every stored reason as the counter does, and nothing for a purchase that did not fail', async () => {
    const { rows } = await database.pool.query<{ reason: string | null; kind: string | null }>(
      `select prepaid_purchase.failure_reason as reason,
              ${paymentFailureKindSql('prepaid_purchase.failure_reason')} as kind
       from unnest($1::text[]) as prepaid_purchase(failure_reason)`,
      [[...REASONS, null]],
    );
    expect(rows.map((r) => r.kind)).toEqual([...REASONS.map((r) => paymentFailureKind(r)), null]);
    expect(new Set(rows.map((r) => r.kind)).size).toBeGreaterThan(10);
  });
});
