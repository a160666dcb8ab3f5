import { AppError, defineErrors } from '../../platform/errors/index.ts';

/** Human-code error codes with their HTTP mapping; translatable as `core:codes.<code>`. */
export const CodeErrors = defineErrors({
  invalid_character: { status: 400, title: 'The code contains a character codes never use' },
  invalid_length: { status: 400, title: 'The code has the wrong length' },
  check_mismatch: { status: 400, title: 'The code has a typo (check character does not match)' },
  unique_code_attempts_exhausted: { status: 500, title: 'Could not find a free code' },
});

export type CodeErrorCode = keyof typeof CodeErrors;

/** Every codes error code, e.g. to check each one is translated. */
export const CODE_ERROR_CODES = Object.keys(CodeErrors) as CodeErrorCode[];

/** A human code was refused or could not be generated. */
export class CodeError extends AppError {
  declare readonly code: CodeErrorCode;

  constructor(code: CodeErrorCode, details: Record<string, unknown> = {}) {
    super(code, details);
    this.name = 'CodeError';
  }
}
