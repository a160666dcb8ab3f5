import { PGlite, type PGliteOptions } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';

/**
 * Every embedded database opens through here, with the extensions the migrations may create:
 * pg_trgm (trigram search in console lists). A data folder made with an extension must be opened
 * with it, so templates, clones and backups use this too.
 */
export function createEmbedded(dataDir?: string, options: PGliteOptions = {}): Promise<PGlite> {
  return PGlite.create(dataDir, { ...options, extensions: { pg_trgm, ...options.extensions } });
}
