import { coreEn } from './core.catalog.en.ts';
import { coreEs } from './core.catalog.es.ts';
import { coreFr } from './core.catalog.fr.ts';
import { coreHi } from './core.catalog.hi.ts';
import { coreRw } from './core.catalog.rw.ts';
import type { NamespaceCatalogs } from './locale.ts';

/** The `core` namespace, registered by every i18n instance: `core:errors.not_found`, `core:passes.refused.expired`… */
export const coreCatalogs: NamespaceCatalogs = { en: coreEn, hi: coreHi, es: coreEs, fr: coreFr, rw: coreRw };
