/**
 * Why a mobile-money payment failed, as one of a few kinds the counter and the portal can word in
 * their languages. A payment's stored reason is what the provider said: an MTN MoMo reason code
 * (`NOT_ENOUGH_FUNDS`, see shared/reference/mobile-money.md), an Airtel Money message in English
 * ("Insufficient funds"), our own `timeout`, or `request_rejected: <code>` when the provider refused
 * the request to pay itself.
 */
export const PAYMENT_FAILURE_KINDS = [
  'insufficient_funds',
  'declined',
  'not_approved',
  'payer_not_found',
  'limit_reached',
  'account_inactive',
  'not_allowed',
  'provider_error',
  'reversed',
  'timeout',
  'other',
] as const;
export type PaymentFailureKind = (typeof PAYMENT_FAILURE_KINDS)[number];

const MOMO_CODES: Record<string, PaymentFailureKind> = {
  NOT_ENOUGH_FUNDS: 'insufficient_funds',
  APPROVAL_REJECTED: 'declined',
  COULD_NOT_PERFORM_TRANSACTION: 'not_approved',
  EXPIRED: 'not_approved',
  PAYER_NOT_FOUND: 'payer_not_found',
  PAYEE_NOT_FOUND: 'provider_error',
  PAYER_LIMIT_REACHED: 'limit_reached',
  SENDER_ACCOUNT_NOT_ACTIVE: 'account_inactive',
  NOT_ALLOWED: 'not_allowed',
  NOT_ALLOWED_TARGET_ENVIRONMENT: 'provider_error',
  INTERNAL_PROCESSING_ERROR: 'provider_error',
  SERVICE_UNAVAILABLE: 'provider_error',
};

/** Airtel words its failures in free English: recognized by what they say. */
const MESSAGE_PATTERNS: ReadonlyArray<[RegExp, PaymentFailureKind]> = [
  [/insufficient|not enough|low balance/i, 'insufficient_funds'],
  [/expired|did not answer|no answer|timed? ?out/i, 'not_approved'],
  [/declin|reject|cancel|refused by (the )?(customer|subscriber|payer)/i, 'declined'],
  [/not found|not registered|invalid (msisdn|number|subscriber)/i, 'payer_not_found'],
  [/limit/i, 'limit_reached'],
  [/barred|blocked|inactive|not active|suspended/i, 'account_inactive'],
  [/revers/i, 'reversed'],
  [/not allowed|not permitted/i, 'not_allowed'],
];

/** The kind of a stored failure reason; `other` when the provider gave nothing we recognize. */
export function paymentFailureKind(reason: string | null | undefined): PaymentFailureKind {
  const said = (reason ?? '').trim();
  if (said === 'timeout') return 'timeout';
  const code = said.replace(/^request_rejected:\s*/, '');
  const known = MOMO_CODES[code.toUpperCase()];
  if (known) return known;
  const matched = MESSAGE_PATTERNS.find(([pattern]) => pattern.test(code));
  if (matched) return matched[1];
  return said.startsWith('request_rejected') ? 'provider_error' : 'other';
}

/**
 * `paymentFailureKind` as a PostgreSQL expression over the text column `reason`, from the same
 * tables, for the console's purchase lists and pages (they read the kind, never the provider's text).
 */
export function paymentFailureKindSql(reason: string): string {
  const text = (s: string) => `'${s.replaceAll("'", "''")}'`;
  const said = `btrim(${reason})`;
  const code = `regexp_replace(${said}, '^request_rejected:\\s*', '')`;
  return [
    `case when ${reason} is null then null`,
    `when ${said} = 'timeout' then 'timeout'`,
    ...Object.entries(MOMO_CODES).map(
      ([momo, kind]) => `when upper(${code}) = ${text(momo)} then ${text(kind)}`,
    ),
    ...MESSAGE_PATTERNS.map(
      ([pattern, kind]) => `when ${code} ~* ${text(pattern.source)} then ${text(kind)}`,
    ),
    `when ${said} like 'request_rejected%' then 'provider_error'`,
    `else 'other' end`,
  ].join(' ');
}
