/** Error codes thrown by the translation layer (programming errors, caught by tests at startup). */
export const I18N_ERROR_CODES = [
  'invalid_namespace',
  'namespace_already_registered',
  'missing_english_catalog',
] as const;

export type I18nErrorCode = (typeof I18N_ERROR_CODES)[number];

/** A catalog could not be registered. */
export class I18nError extends Error {
  constructor(
    readonly code: I18nErrorCode,
    readonly details?: Record<string, unknown>,
  ) {
    super(code);
    this.name = 'I18nError';
  }
}
