import { type AppError, defineErrors, PlatformErrors } from '../../platform/errors/index.ts';

export const ResourceErrors = defineErrors('resources', {
  action_not_found: { status: 404, title: 'This list has no such action' },
  cannot_disable_self: { status: 409, title: 'You cannot disable your own account' },
});

/** A 400 on one request field, in the shape every validation error has. */
export function invalidField(
  where: 'body' | 'query',
  field: string,
  message: string,
  expected: string,
): AppError {
  return PlatformErrors.validation_failed(
    { field },
    {
      message: `${field}: ${message}`,
      fields: [{ field: `${where}.${field}`, message, code: 'invalid_value', expected }],
    },
  );
}

export const invalidBody = (field: string, message: string, expected: string): AppError =>
  invalidField('body', field, message, expected);

/** A 400 naming the parameter; `expected` is what the console can show next to it. */
export function invalidQuery(param: string, message: string, expected: string, allowed?: string[]): AppError {
  return PlatformErrors.validation_failed(
    { param, ...(allowed ? { allowed } : {}) },
    {
      message: `${param}: ${message}`,
      fields: [{ field: `query.${param}`, message, code: 'invalid_value', expected }],
    },
  );
}
