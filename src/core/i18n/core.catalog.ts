import { coreEn } from './core.catalog.en.ts';
import { coreEs } from './core.catalog.es.ts';
import { coreHi } from './core.catalog.hi.ts';
import type { NamespaceCatalogs } from './locale.ts';

/** The `core` namespace, registered by every i18n instance: `core:errors.not_found`, `core:passes.refused.expired`… */
export const coreCatalogs: NamespaceCatalogs = { en: coreEn, hi: coreHi, es: coreEs };
