/**
 * A list's WHERE: the declared filters and the search words, as bound SQL. Search reads words as
 * parts of words (pg_trgm), near misses only when nothing matches, or word starts without pg_trgm.
 */
import { type Expression, type RawBuilder, type SqlBool, sql } from 'kysely';
import type { Ctx } from '../context/index.ts';
import type { FilterClause, ListParams } from './list-params.rules.ts';
import type { ColumnSqlScope, ResourceDefinition } from './resource.types.ts';
import { type AnyTables, columnOf, filteredQuery } from './resource-rows.ts';
import {
  columnExpr,
  prefixTsQuery,
  quoteIdent,
  SEARCH_CONFIG,
  type SearchDoc,
  searchVectorSql,
  trigramDocsOf,
} from './resource-sql.ts';

/**
 * How `q` is matched: with pg_trgm, `parts` of words first and, when nothing contains them, `near`
 * misses too (typos); without it, word prefixes (`words`, the tsvector index).
 */
export type SearchMode = 'parts' | 'near' | 'words';

/** Shorter than a trigram: such a `q` is matched by word prefix instead. */
const MIN_TRIGRAM_QUERY = 3;

/**
 * The keys of a joined or searched table's records that contain one search word (see `searchKeysOf`);
 * `null` when there are too many to list, and the word is then tested on each listed record.
 */
export type KeysOf = (doc: SearchDoc, word: string) => readonly unknown[] | null;

/**
 * Past this many matching records of another table, a search word is tested on each listed
 * record instead of listed as keys: so many matches are dense (1 in 100 of a million records), and
 * a page fills after a few thousand rows. Up to it the keys travel as one array parameter.
 */
export const KEY_LIST_LIMIT = 10_000;

/** The near misses of another table a search word takes, at most (they are suggestions). */
const NEAR_KEY_LIMIT = 1_000;

/** Filters and search as bound SQL; the expressions come from the declaration only. */
export function whereOf(
  resource: ResourceDefinition,
  params: ListParams,
  scope: ColumnSqlScope,
  search: SearchMode = 'words',
  keysOf: KeysOf = () => null,
  also: ReadonlyMap<string, RawBuilder<SqlBool>> = new Map(),
): Expression<SqlBool>[] {
  const out = params.filters.map((f) => filterSql(resource, f, scope));
  const words = searchWordsOf(params.q);
  const mode = modeFor(resource, words, search);
  // Every word is found in one of the documents: with trigrams as a part of a word (`art` in Marta)
  // or, in `near` mode, also as a near miss (`gomes` ~ Gomez), each served by the trigram GIN index
  // on the same expression (trigramIndexSql); without, as the start of a word. Another table's
  // matches come as their keys, which the planner weighs against the large table's statistics
  // and reads from its index, instead of guessing how many rows a subquery selects.
  const docs = searchDocsOf(resource, mode);
  const wordMatches: Expression<SqlBool>[] = [];
  for (const word of docs.length ? words : []) {
    const matches = docs.flatMap((doc) => {
      const match = matchOf(doc, word, mode);
      if (doc.table === resource.table) return [match];
      const keys = keysOf(doc, word);
      if (keys === null) return [onEachRecord(doc, match)];
      const [, key] = keyColumnsOf(resource, doc);
      return keys.length ? [sql<SqlBool>`${ident(key)} = any(${keys})`] : [];
    });
    const more = also.get(word);
    wordMatches.push(anyOf(more ? [...matches, more] : matches));
  }
  // A code typed with or without its hyphen, or spaced, is the same code (issue 41, item 22).
  const exact = words.length ? resource.columns.flatMap((c) => c.searchExactSql?.(words.join('')) ?? []) : [];
  if (!exact.length) return [...out, ...wordMatches];
  const allWords = wordMatches.length ? sql<SqlBool>`(${sql.join(wordMatches, sql` and `)})` : null;
  return [...out, anyOf(allWords ? [allWords, ...exact] : exact)];
}

/** Trigrams need a word of three letters: shorter ones alone are matched as word starts. */
function modeFor(resource: ResourceDefinition, words: string[], search: SearchMode): SearchMode {
  if (search === 'words' || !words.some((w) => w.length >= MIN_TRIGRAM_QUERY)) return 'words';
  return trigramDocsOf(resource).length ? search : 'words';
}

/**
 * What a mode searches: with trigrams, one document per table (trigramDocsOf); word starts go
 * through the record's text-search vector (its joined columns included) and the searched relations.
 */
function searchDocsOf(resource: ResourceDefinition, mode: SearchMode): SearchDoc[] {
  if (mode !== 'words') return trigramDocsOf(resource);
  const vector = searchVectorSql(resource);
  return [
    ...(vector ? [{ table: resource.table, sql: vector, vector: true }] : []),
    ...trigramDocsOf(resource).filter((d) => d.via),
  ];
}

/**
 * One word in one document: a part of it, in `near` mode also a near miss (trigram similarity);
 * in a text-search vector, the start of one of its words.
 */
function matchOf(doc: SearchDoc, word: string, mode: SearchMode): RawBuilder<SqlBool> {
  if (doc.vector) {
    const tsquery = prefixTsQuery(word);
    return tsquery
      ? sql<SqlBool>`${sql.raw(doc.sql)} @@ to_tsquery(${SEARCH_CONFIG}::regconfig, ${tsquery})`
      : sql<SqlBool>`false`;
  }
  const pattern = `%${word.replace(/[\\%_]/g, '\\$&')}%`;
  return mode === 'near' && word.length >= MIN_TRIGRAM_QUERY
    ? sql<SqlBool>`(${sql.raw(doc.sql)} ilike ${pattern} or ${word} <% ${sql.raw(doc.sql)})`
    : sql<SqlBool>`${sql.raw(doc.sql)} ilike ${pattern}`;
}

function anyOf(matches: Expression<SqlBool>[]): Expression<SqlBool> {
  if (matches.length === 0) return sql<SqlBool>`false`;
  return matches.length === 1 ? matches[0]! : sql<SqlBool>`(${sql.join(matches, sql` or `)})`;
}

const ident = (qualified: string) => sql.raw(qualified.split('.').map(quoteIdent).join('.'));

/** The document's table's key column, then the list's column it pairs with. */
function keyColumnsOf(resource: ResourceDefinition, doc: SearchDoc): [string, string] {
  if (doc.via) return doc.via;
  const on = resource.joins?.find((j) => j.table === doc.table)?.on;
  const own = on?.find((c) => c.startsWith(`${doc.table}.`));
  const other = on?.find((c) => c !== own);
  if (!own || !other) throw new Error(`resource ${resource.name}: ${doc.table} is not joined on a column`);
  return [own, other];
}

/**
 * A match tested on each listed record: a joined table's row is already in the list's FROM; a
 * searched relation's rows are looked up by the record's key (`exists`, through an index on the
 * key). `offset 0` keeps the planner from hashing the whole subquery first: it would collect every
 * matching row of the relation (a million phones contain "0700") before the page's first record.
 */
function onEachRecord(doc: SearchDoc, match: RawBuilder<SqlBool>): RawBuilder<SqlBool> {
  if (!doc.via) return match;
  const [own, other] = doc.via;
  return sql<SqlBool>`exists (select 1 from ${sql.raw(quoteIdent(doc.table))} where ${ident(own)} = ${ident(other)} and ${match} offset 0)`;
}

/**
 * For each search word, the keys of the joined and searched tables' records that contain it (at
 * most KEY_LIST_LIMIT each, found through their trigram index, in the caller's organization when
 * the table is org-owned), so `whereOf` can hand the planner key lists. More matches than that
 * are dense: `null`, tested on each listed record (near misses stop at NEAR_KEY_LIMIT).
 */
export async function searchKeysOf(
  ctx: Ctx,
  resource: ResourceDefinition,
  params: ListParams,
  search: SearchMode,
): Promise<KeysOf> {
  const found = new Map<string, unknown[] | null>();
  const slot = (doc: SearchDoc, word: string) => `${doc.table}\n${word}`;
  const db = ctx.db.withTables<AnyTables>();
  const words = searchWordsOf(params.q);
  const mode = modeFor(resource, words, search);
  for (const doc of searchDocsOf(resource, mode)) {
    if (doc.table === resource.table) continue;
    const [own] = keyColumnsOf(resource, doc);
    for (const word of words) {
      // Near misses are suggestions: the first NEAR_KEY_LIMIT of them are enough, and testing a
      // similarity on each listed record instead could walk most of a large table.
      const near = mode === 'near';
      const rows = await db
        .selectFrom(doc.table)
        .select(ident(own).as('key'))
        .where(matchOf(doc, word, mode))
        .limit(near ? NEAR_KEY_LIMIT : KEY_LIST_LIMIT + 1)
        .execute();
      found.set(slot(doc, word), !near && rows.length > KEY_LIST_LIMIT ? null : unique(rows));
    }
  }
  return (doc, word) => found.get(slot(doc, word)) ?? null;
}

const unique = (rows: { key: unknown }[]) => [...new Set(rows.map((r) => r.key))];

/**
 * What a person typed, as lowercase words (spaces and punctuation between them), at most 8. A phone
 * number typed in groups after a + or a 0 ("0788 123 456", "+91 98765-43210": 9 to 15 digits) is
 * one word of its digits, without the trunk 0 or the 00 of a local or international prefix, so it
 * is found inside a stored +250788123456.
 */
export function searchWordsOf(q: string | null): string[] {
  const words = (q ?? '')
    .toLowerCase()
    .replace(/(?<=^|\s)(?:\+|0)[\d\s().-]*\d(?=$|\s)/gu, (typed) => {
      const digits = typed.replace(/\D/g, '');
      return digits.length >= 9 && digits.length <= 15 ? digits.replace(/^0{1,2}/, '') : typed;
    })
    .split(/[\s,;]+/u)
    .filter(Boolean);
  return [...new Set(words)].slice(0, 8);
}

/**
 * Trigram search when the database has pg_trgm (PostgreSQL with contrib, PGlite with the
 * extension loaded; the migration that creates it skips it cleanly elsewhere), else word prefixes.
 * Asked only when a request searches: one catalog lookup, no state kept between requests.
 */
export async function searchModeOf(ctx: Ctx, params: ListParams): Promise<SearchMode> {
  if (!params.q) return 'words';
  const row = await sql<{ ok: boolean }>`
    select exists (select 1 from pg_extension where extname = 'pg_trgm') as ok`.execute(ctx.db);
  return row.rows[0]?.ok ? 'parts' : 'words';
}

/**
 * The list's conditions. A search looks for the words as parts of words first; only when no
 * record has them all does it accept near misses, which cost a similarity test per candidate.
 */
export async function listWhere(
  ctx: Ctx,
  resource: ResourceDefinition,
  params: ListParams,
  scope: ColumnSqlScope,
): Promise<Expression<SqlBool>[]> {
  const mode = await searchModeOf(ctx, params);
  const where = await whereIn(ctx, resource, params, scope, mode);
  if (mode !== 'parts' || (await anyMatch(ctx, resource, where))) return where;
  return whereIn(ctx, resource, params, scope, 'near');
}

/** The conditions of one search mode, with the keys of the other tables' matches looked up. */
export async function whereIn(
  ctx: Ctx,
  resource: ResourceDefinition,
  params: ListParams,
  scope: ColumnSqlScope,
  mode: SearchMode,
): Promise<Expression<SqlBool>[]> {
  const keys = await searchKeysOf(ctx, resource, params, mode);
  return whereOf(resource, params, scope, mode, keys, await searchAlsoOf(ctx, resource, params));
}

/** The resource's own findings for each search word (`searchAlso`), by word. */
async function searchAlsoOf(
  ctx: Ctx,
  resource: ResourceDefinition,
  params: ListParams,
): Promise<Map<string, RawBuilder<SqlBool>>> {
  const out = new Map<string, RawBuilder<SqlBool>>();
  const also = resource.searchAlso;
  if (!also) return out;
  for (const word of searchWordsOf(params.q)) {
    const found = await also(ctx, word);
    if (found) out.set(word, found);
  }
  return out;
}

export async function anyMatch(ctx: Ctx, resource: ResourceDefinition, where: Expression<SqlBool>[]) {
  const any = await filteredQuery(ctx, resource, where).select(sql<number>`1`.as('one')).limit(1).execute();
  return any.length > 0;
}

function filterSql(
  resource: ResourceDefinition,
  f: FilterClause,
  scope: ColumnSqlScope,
): Expression<SqlBool> {
  const column = columnOf(resource, f.column);
  const expr = columnExpr(resource, column, scope);
  const eqSql = column.eqSql;
  if (eqSql && f.op === 'eq') return sql<SqlBool>`(${eqSql(sql`${f.value}`, scope)})`;
  if (eqSql && f.op === 'in')
    return sql<SqlBool>`(${sql.join(
      f.value.map((v) => sql`(${eqSql(sql`${v}`, scope)})`),
      sql` or `,
    )})`;
  switch (f.op) {
    case 'eq':
      return sql<SqlBool>`${expr} = ${f.value}`;
    case 'gte':
      return sql<SqlBool>`${expr} >= ${f.value}`;
    case 'lte':
      return sql<SqlBool>`${expr} <= ${f.value}`;
    case 'lt':
      return sql<SqlBool>`${expr} < ${f.value}`;
    case 'contains':
      return sql<SqlBool>`${expr} ilike ${`%${f.value.replace(/[\\%_]/g, '\\$&')}%`}`;
    case 'in':
      return sql<SqlBool>`${expr} in (${sql.join(f.value)})`;
  }
}
