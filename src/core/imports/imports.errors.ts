import { type AppError, defineErrors, PlatformErrors } from '../../platform/errors/index.ts';

/** A source that cannot be read (a 400 naming what is wrong and what was expected). */
export const invalidSource = (field: string, message: string, expected: string): AppError =>
  PlatformErrors.validation_failed(
    { field },
    { message: `${field}: ${message}`, fields: [{ field, message, code: 'invalid_value', expected }] },
  );

/** Error codes of imports from the original systems (`imports.run_not_found`); worded in the core catalogs. */
export const ImportsErrors = defineErrors('imports', {
  module_not_importable: { status: 404, title: 'This module has no import in this organization' },
  run_not_found: { status: 404, title: 'No such import run' },
  run_going: { status: 409, title: 'An import of this module is already running' },
});
