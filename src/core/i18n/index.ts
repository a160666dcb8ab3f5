export { coreCatalogs } from './core.catalog.ts';
export { type CreateI18nOptions, createI18n, type I18n, type TranslationParams } from './create-i18n.ts';
export { errorKey, errorMessageProblems } from './error-messages.ts';
export {
  type DateFormatOptions,
  formatDate,
  formatDateTime,
  formatRelativeDay,
  formatTime,
} from './format-date.ts';
export { type DurationStyle, formatDuration, formatRelativeTime } from './format-duration.ts';
export { formatNumber, formatPercent } from './format-number.ts';
export { I18nErrors } from './i18n.errors.ts';
export {
  type Catalog,
  FALLBACK_LOCALE,
  LOCALES,
  type Locale,
  languageOptionLabel,
  type NamespaceCatalogs,
  resolveLocale,
  spokenLanguage,
} from './locale.ts';
export { flattenKeys, type MissingKey } from './missing-keys.ts';
export { languageOfPhoneNumber } from './phone-languages.ts';
