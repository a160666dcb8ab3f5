import { type AppError, PlatformErrors } from '../../platform/errors/index.ts';

/** A source that cannot be read (a 400 naming what is wrong and what was expected). */
export const invalidSource = (field: string, message: string, expected: string): AppError =>
  PlatformErrors.validation_failed(
    { field },
    { message: `${field}: ${message}`, fields: [{ field, message, code: 'invalid_value', expected }] },
  );
