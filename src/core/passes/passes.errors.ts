import { defineErrors } from '../../platform/errors/index.ts';

/**
 * Errors while issuing passes or managing keys, with their HTTP mapping; worded in the core
 * catalog at `errors.passes.<code>`. Verification never throws: it returns a refusal reason.
 */
export const PassErrors = defineErrors('passes', {
  invalid_subject: { status: 500, title: 'The pass subject cannot be encoded' },
  invalid_claims: { status: 500, title: 'The pass claims cannot be encoded' },
  invalid_key: { status: 500, title: 'The pass signing key is not valid' },
  no_signing_key: { status: 500, title: 'No active key to sign passes with' },
  key_id_collision: { status: 409, title: 'A key with this id is already in the ring' },
});
