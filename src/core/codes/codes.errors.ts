/** Error codes thrown by the codes capability; translatable as `core:codes.<code>`. */
export const CODE_ERROR_CODES = [
  'invalid_character',
  'invalid_length',
  'check_mismatch',
  'unique_code_attempts_exhausted',
] as const;

export type CodeErrorCode = (typeof CODE_ERROR_CODES)[number];

/** A human code was refused or could not be generated. */
export class CodeError extends Error {
  constructor(
    readonly code: CodeErrorCode,
    readonly details?: Record<string, unknown>,
  ) {
    super(code);
    this.name = 'CodeError';
  }
}
