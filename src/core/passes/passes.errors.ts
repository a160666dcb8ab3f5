/** Error codes thrown while issuing passes or managing keys (verification returns reasons instead). */
export const PASS_ERROR_CODES = [
  'invalid_subject',
  'invalid_claims',
  'invalid_key',
  'no_signing_key',
  'key_id_collision',
] as const;

export type PassErrorCode = (typeof PASS_ERROR_CODES)[number];

/** A pass could not be issued, or a key ring change was refused. */
export class PassError extends Error {
  constructor(
    readonly code: PassErrorCode,
    readonly details?: Record<string, unknown>,
  ) {
    super(code);
    this.name = 'PassError';
  }
}
