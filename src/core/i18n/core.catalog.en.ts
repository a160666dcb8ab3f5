import type { Catalog } from './locale.ts';

/**
 * English core messages. `errors.<code>` covers every platform error code (PlatformErrors), so the
 * HTTP kit can translate any AppError as `core:errors.<code>`; capability codes live under their area.
 */
export const coreEn = {
  errors: {
    validation_failed: 'Some fields are not valid.',
    bad_json: 'The request could not be read.',
    unsupported_media_type: 'This type of content is not supported.',
    payload_too_large: 'The file or request is too large.',
    not_found: 'We could not find what you asked for.',
    route_not_found: 'This page or address does not exist.',
    non_canonical_path: 'Write the address without percent-encoded letters or digits.',
    bad_url: 'The address is not valid.',
    metrics_disabled: 'Metrics are not served on this deployment.',
    method_not_allowed: 'This action is not available here.',
    unauthenticated: 'Please sign in to continue.',
    forbidden: 'You do not have permission to do this.',
    csrf_failed: 'Your session form expired. Reload the page and try again.',
    rate_limited: 'Too many attempts. Please wait a moment and try again.',
    conflict: 'Someone else changed this in the meantime. Reload and try again.',
    idempotency_key_reused: 'This request was already sent with different details.',
    idempotency_in_progress: 'This request is still being processed. Please wait.',
    internal: 'Something went wrong on our side. Please try again later.',
    unavailable: 'The service is temporarily unavailable. Please try again shortly.',
  },
  validation: {
    required: 'This field is required.',
    invalid_type: 'This value has the wrong type.',
    invalid_format: 'This value is not in the expected format.',
    too_short: 'Must be at least {{minimum}} characters.',
    too_long: 'Must be at most {{maximum}} characters.',
    too_small: 'Must be at least {{minimum}}.',
    too_big: 'Must be at most {{maximum}}.',
    invalid_email: 'Enter a valid email address.',
    invalid_phone: 'Enter a valid phone number.',
    invalid_date: 'Enter a valid date.',
    invalid_option: 'Choose one of the options offered.',
  },
  money: {
    currency_mismatch: 'Amounts in different currencies ({{left}} and {{right}}) cannot be combined.',
    invalid_currency: 'Unknown currency: {{currency}}.',
    invalid_amount: 'Enter an amount such as 12.50.',
    too_many_decimals: 'Too many decimal places for {{currency}}.',
    amount_out_of_range: 'The amount is too large.',
    invalid_factor: 'The multiplier is not valid.',
    invalid_ratios: 'The split is not valid.',
  },
  codes: {
    invalid_character:
      '“{{character}}” cannot appear in a code. Codes use the digits 2–9 and letters except I, L and O.',
    invalid_length: 'This code does not have the right number of characters.',
    check_mismatch: 'This code has a typo. Please check it and try again.',
    unique_code_attempts_exhausted: 'A new code could not be created. Please try again.',
  },
  passes: {
    refused: {
      malformed: 'This is not an Opsdesk pass.',
      truncated: 'The pass was not read completely. Scan it again.',
      unsupported_version: 'This pass comes from a newer version. Update the scanner.',
      unknown_key: 'This pass was signed by an unknown issuer.',
      bad_signature: 'This pass is fake or has been tampered with.',
      expired: 'This pass has expired.',
      revoked: 'This pass has been replaced by a newer one.',
      not_yet_valid: 'This pass is not valid yet. Check the scanner’s clock.',
    },
    errors: {
      invalid_subject: 'The pass holder is not valid.',
      invalid_claims: 'The pass details are not valid.',
      invalid_key: 'The signing key is not valid.',
      no_signing_key: 'There is no active key to issue passes.',
      key_id_collision: 'A key with this id already exists.',
    },
  },
  time: {
    left_one: '{{duration}} left',
    left_other: '{{duration}} left',
    up: 'Time is up.',
  },
  common: {
    yes: 'Yes',
    no: 'No',
    cancel: 'Cancel',
    confirm: 'Confirm',
    back: 'Back',
  },
} as const satisfies Catalog;
