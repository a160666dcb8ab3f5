import { defineErrors } from '../../platform/errors/index.ts';

/** Translation-layer errors: programming mistakes, surfaced at startup and by tests. */
export const I18nErrors = defineErrors('i18n', {
  invalid_namespace: { status: 500, title: 'Catalog namespace must match /^[a-z][a-z0-9-]*$/' },
  namespace_already_registered: { status: 500, title: 'A catalog is already registered for this namespace' },
  missing_english_catalog: { status: 500, title: 'Every catalog needs English' },
});
