import type { NamespaceCatalogs } from '../../core/i18n/index.ts';
import { prepaidErrorMessages } from './prepaid.errors.catalog.ts';

/** The prepaid module's words: its error codes, English. */
export const prepaidCatalog: NamespaceCatalogs = {
  en: { errors: { prepaid: prepaidErrorMessages.en } },
};
