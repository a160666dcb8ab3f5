import { defineErrors } from '../../platform/errors/index.ts';

/** Human-code error codes with their HTTP mapping; worded in the core catalog at `errors.codes.<code>`. */
export const CodeErrors = defineErrors('codes', {
  invalid_character: { status: 400, title: 'The code contains a character codes never use' },
  invalid_length: { status: 400, title: 'The code has the wrong length' },
  check_mismatch: { status: 400, title: 'The code has a typo (check character does not match)' },
  unique_code_attempts_exhausted: { status: 500, title: 'Could not find a free code' },
});
