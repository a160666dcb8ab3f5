import { AppError, defineErrors } from '../../platform/errors/index.ts';

/**
 * Errors while issuing passes or managing keys, with their HTTP mapping; translatable as
 * `core:passes.errors.<code>`. Verification never throws: it returns a refusal reason.
 */
export const PassErrors = defineErrors({
  invalid_subject: { status: 500, title: 'The pass subject cannot be encoded' },
  invalid_claims: { status: 500, title: 'The pass claims cannot be encoded' },
  invalid_key: { status: 500, title: 'The pass signing key is not valid' },
  no_signing_key: { status: 500, title: 'No active key to sign passes with' },
  key_id_collision: { status: 409, title: 'A key with this id is already in the ring' },
});

export type PassErrorCode = keyof typeof PassErrors;

/** Every pass error code, e.g. to check each one is translated. */
export const PASS_ERROR_CODES = Object.keys(PassErrors) as PassErrorCode[];

/** A pass could not be issued, or a key ring change was refused. */
export class PassError extends AppError {
  declare readonly code: PassErrorCode;

  constructor(code: PassErrorCode, details: Record<string, unknown> = {}) {
    super(code, details);
    this.name = 'PassError';
  }
}
