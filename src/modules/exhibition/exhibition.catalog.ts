import type { NamespaceCatalogs } from '../../core/i18n/index.ts';
import { exhibitionErrorMessages } from './exhibition.errors.catalog.ts';

/** The exhibition module's words outside the console (English and Spanish). */
export const exhibitionCatalog: NamespaceCatalogs = {
  en: { errors: { exhibition: exhibitionErrorMessages.en } },
  es: { errors: { exhibition: exhibitionErrorMessages.es } },
};
