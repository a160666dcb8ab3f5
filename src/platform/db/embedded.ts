import { PGlite, type PGliteOptions } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';

/**
 * PostgreSQL's buffer cache inside the embedded database. PGlite keeps PostgreSQL's 128 MB default,
 * and WebAssembly memory only grows: once touched, those pages stay in the process's RSS for good.
 * 32 MB holds a small operator's working set (the data folder is also in the OS page cache, a read
 * away); measured on the demo data, RSS after a restart fell from 434 to 339 MB and after the first
 * start with seeding from 568 to 445 MB.
 */
const SHARED_BUFFERS = '32MB';

/**
 * Every embedded database opens through here, with the extensions the migrations may create:
 * pg_trgm (trigram search in console lists). A data folder made with an extension must be opened
 * with it, so templates, clones and backups use this too.
 */
export async function createEmbedded(dataDir?: string, options: PGliteOptions = {}): Promise<PGlite> {
  // One options object: PGlite's constructor ignores the second argument when the first is not a path.
  const lite = new WireOnlyPGlite({
    dataDir,
    // Given start parameters replace PGlite's own, so they come first.
    startParams: [...PGlite.defaultStartParams, '-c', `shared_buffers=${SHARED_BUFFERS}`],
    ...options,
    extensions: { pg_trgm, ...options.extensions },
  });
  await lite.waitReady;
  return lite;
}

/**
 * Runs a batch of frontend messages and answers the backend's bytes, copied out of PGlite as they
 * are written. Not `execProtocolRaw`: in PGlite 0.5 it also parses every answer into messages and
 * keeps them until PGlite's own `query()` or `execProtocol()` runs, which the server never calls (it
 * reads the wire through node-postgres). Every answer stayed on the heap for good: the embedded
 * server grew from 348 to 948 MB over 5 minutes of mixed load (issue 43). Streaming out also skips
 * that second parse of each answer.
 */
export async function execWire(lite: PGlite, bytes: Uint8Array): Promise<Uint8Array> {
  const chunks: Uint8Array[] = [];
  let length = 0;
  await lite.execProtocolRawStream(bytes, {
    // a view of WebAssembly memory, reused by the next write: copied
    onRawData: (chunk) => {
      chunks.push(chunk.slice());
      length += chunk.length;
    },
  });
  if (chunks.length === 1) return chunks[0]!;
  const answer = new Uint8Array(length);
  let at = 0;
  for (const chunk of chunks) {
    answer.set(chunk, at);
    at += chunk.length;
  }
  return answer;
}

/**
 * PGlite that does not build its own array-type table when it opens. The table serves PGlite's
 * `query()` value parsing; the server's queries go through node-postgres over the wire protocol
 * (`execWire`), which parses its own. The catalog query that fills the table took ~120 ms of
 * each opening; part of that is the backend's first-query warm-up, which the next query now pays,
 * so a start saves ~40 ms net (and every test database as much). `refreshArrayTypes()`
 * still builds it for a caller of `query()` that reads arrays.
 */
class WireOnlyPGlite extends PGlite {
  override async _initArrayTypes({ force = false }: { force?: boolean } = {}): Promise<void> {
    if (force) await super._initArrayTypes({ force });
  }
}
