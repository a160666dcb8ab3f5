import { AppError, defineErrors } from '../../platform/errors/index.ts';

/** Translation-layer errors: programming mistakes, surfaced at startup and by tests. */
export const I18nErrors = defineErrors({
  invalid_namespace: { status: 500, title: 'Catalog namespace must match /^[a-z][a-z0-9-]*$/' },
  namespace_already_registered: { status: 500, title: 'A catalog is already registered for this namespace' },
  missing_english_catalog: { status: 500, title: 'Every catalog needs English' },
});

export type I18nErrorCode = keyof typeof I18nErrors;

/** Every i18n error code. */
export const I18N_ERROR_CODES = Object.keys(I18nErrors) as I18nErrorCode[];

/** A catalog could not be registered. */
export class I18nError extends AppError {
  declare readonly code: I18nErrorCode;

  constructor(code: I18nErrorCode, details: Record<string, unknown> = {}) {
    super(code, details);
    this.name = 'I18nError';
  }
}
