/**
 * Rule 3 of DESIGN.md as pure functions over file texts: a module owns its tables (named
 * `<module>_…`, created by its own migrations), and its SQL names only those tables and the core's
 * public views. A core public view is a view a core migration creates (`create view …`): the
 * columns of a core table the core promises to keep, read-only, scoped by organization like a
 * table. Anything else of the core is reached through its areas' index.ts functions.
 * Rule 6 the same way: a core area writes only its own tables (`findCoreForeignWrites`) and names no
 * module's (`findCoreModuleTables`); a channel owns the tables its `*.tables.ts` declares and src/app
 * none (`findChannelAndAppTables`).
 */
export interface SourceText {
  path: string;
  text: string;
}

/** What the migrations create, and what the `*Tables` types in the source declare. */
export interface Schema {
  /** Table or view name → the area whose migrations create it (`core`, `raffle`, …). */
  owners: ReadonlyMap<string, string>;
  /** The views core migrations create: the only core names a module's SQL may use. */
  publicViews: ReadonlySet<string>;
  /** `RaffleTables` → its table names, so `withTables<RaffleTables>()` can be read. */
  tableTypes: ReadonlyMap<string, ReadonlyArray<string>>;
}

/** A name a piece of SQL uses as a table; `sure` when the syntax says it is one (not a guess in raw SQL). */
export interface TableUse {
  name: string;
  offset: number;
  how: 'kysely' | 'withTables' | 'sql' | 'resource';
  writes: boolean;
  sure: boolean;
}

const MIGRATION = /^src\/(core|modules\/([^/]+))\/migrations\/[^/]+\.sql$/;
const CREATES =
  /\bcreate\s+(?:or\s+replace\s+)?(table|view|materialized\s+view)\s+(?:if\s+not\s+exists\s+)?(?:public\.)?"?([a-z_][a-z0-9_]*)/gi;
/** `drop table sms_message;`: a later migration that drops a table or view ends its ownership. */
const DROPS =
  /\bdrop\s+(table|view|materialized\s+view)\s+(?:if\s+exists\s+)?(?:public\.)?"?([a-z_][a-z0-9_]*)/gi;

/** `type XTables = {`, `type XTables = OtherTables & {` or `interface XTables {`. */
const TABLES_TYPE = /\b(?:type\s+(\w+Tables)\s*=\s*((?:\w+Tables\s*&\s*)*)|interface\s+(\w+Tables)\s*)\{/g;

/** Reads which area creates which table and view from the migration files (in the order they run). */
export function schemaOf(migrations: ReadonlyArray<SourceText>, sources: ReadonlyArray<SourceText>): Schema {
  const owners = new Map<string, string>();
  const publicViews = new Set<string>();
  const inOrder = [...migrations].sort((a, b) => fileName(a.path).localeCompare(fileName(b.path)));
  for (const { path, text } of inOrder) {
    const m = MIGRATION.exec(path);
    if (!m) continue;
    const area = m[2] ?? 'core';
    const sql = stripSqlComments(text);
    // Creates and drops in the order the file runs them.
    const changes = [
      ...[...sql.matchAll(CREATES)].map((c) => ({ at: c.index, kind: c[1]!, name: c[2]!, drop: false })),
      ...[...sql.matchAll(DROPS)].map((c) => ({ at: c.index, kind: c[1]!, name: c[2]!, drop: true })),
    ].sort((a, b) => a.at - b.at);
    for (const { kind, name, drop } of changes) {
      if (drop) {
        owners.delete(name);
        publicViews.delete(name);
        continue;
      }
      owners.set(name, area);
      if (area === 'core' && /view/i.test(kind)) publicViews.add(name);
    }
  }
  const tableTypes = new Map<string, string[]>();
  const extended = new Map<string, string[]>();
  for (const { text } of sources) {
    for (const m of text.matchAll(TABLES_TYPE)) {
      tableTypes.set(m[1] ?? m[3]!, topLevelKeys(text, m.index + m[0].length - 1));
      if (m[2])
        extended.set(
          m[1]!,
          m[2].split('&').map((n) => n.trim()),
        );
    }
  }
  // `type AuthTables = OrgsTables & { … }`: the tables it reads through another area's type too.
  for (const [name, bases] of extended)
    tableTypes.set(name, [...bases.flatMap((b) => tableTypes.get(b) ?? []), ...(tableTypes.get(name) ?? [])]);
  return { owners, publicViews, tableTypes };
}

/**
 * Every table name a module breaks the rule with, as a readable line: another area's table or a
 * core table that is not a public view, a public view written to, a table of its own migrations
 * without its prefix, or a `withTables<X>()` whose X the check cannot read.
 */
export function findForeignTables(files: ReadonlyArray<SourceText>, schema: Schema): string[] {
  const problems: string[] = [];
  for (const [name, area] of schema.owners) {
    if (area !== 'core' && !name.startsWith(`${area}_`))
      problems.push(`the ${area} module creates ${name}: a module's tables are named ${area}_…`);
  }
  const views = [...schema.publicViews].sort().join(', ') || 'none yet';
  for (const { path, text } of files) {
    const module = /^src\/modules\/([^/]+)\/(?!.*__tests__\/)/.exec(path)?.[1];
    if (!module) continue;
    const at = (offset: number) => `${path}:${lineOf(text, offset)}`;
    for (const unread of unreadableTableTypes(text, schema.tableTypes))
      problems.push(`${at(unread.offset)}: withTables<${unread.name}>() names tables the check cannot see`);
    for (const use of tablesUsedIn(text, schema.tableTypes)) {
      if (use.name.startsWith(`${module}_`)) continue;
      const owner = schema.owners.get(use.name);
      if (schema.publicViews.has(use.name)) {
        if (use.writes)
          problems.push(`${at(use.offset)}: writes to ${use.name}, a read-only core public view`);
        continue;
      }
      if (!owner && !use.sure) continue; // a column, alias or function in raw SQL, not a table
      const whose = owner ? `${owner === 'core' ? 'the core' : `the ${owner} module`}'s table` : 'table';
      problems.push(
        `${at(use.offset)}: the ${module} module's SQL names ${whose} ${use.name}; ` +
          `use its area's index.ts or a core public view (${views})`,
      );
    }
  }
  return problems;
}

/**
 * The core's tables by the core area that owns them: the one whose `*.tables.ts` (in its folder or
 * below: `payments/refunds/refunds.tables.ts`) declares the table in its own type literal (a type it
 * extends for reading is the other area's).
 */
export function coreTableOwners(sources: ReadonlyArray<SourceText>): Map<string, string> {
  return tableOwnersIn(sources, CORE_TABLES_FILE);
}

const CORE_TABLES_FILE = /^src\/core\/([^/]+)\/(?:[^/]+\/)*[^/]+\.tables\.ts$/;
const CHANNEL_TABLES_FILE = /^src\/channels\/([^/]+)\/(?:[^/]+\/)*[^/]+\.tables\.ts$/;

/**
 * A channel's tables, by the channel whose `*.tables.ts` declares them (`src/channels/sms/sms.tables.ts`:
 * `sms_opt_out`; what each text was is the outbox's `notification_attempt`, which the channel reaches
 * through core/notifications). Their migrations stay in `src/core/migrations`: the migrator records each
 * applied file by (scope, name, checksum), so a file moved to a channel folder would run again under a
 * new scope on every existing database. Ownership is read from the code that declares the tables.
 */
export function channelTableOwners(sources: ReadonlyArray<SourceText>): Map<string, string> {
  return tableOwnersIn(sources, CHANNEL_TABLES_FILE);
}

/**
 * The tables each area owns for `findCoreForeignWrites`: a core area writes neither another core
 * area's tables nor a channel's (the core stands below the channels: it reads a channel's public view).
 */
export function areaTableOwners(sources: ReadonlyArray<SourceText>): Map<string, string> {
  return new Map([...channelTableOwners(sources), ...coreTableOwners(sources)]);
}

const fileName = (path: string) => path.slice(path.lastIndexOf('/') + 1);

function tableOwnersIn(sources: ReadonlyArray<SourceText>, file: RegExp): Map<string, string> {
  const owners = new Map<string, string>();
  for (const { path, text } of sources) {
    const area = file.exec(path)?.[1];
    if (!area) continue;
    for (const table of declaredTables(text)) owners.set(table, area);
  }
  return owners;
}

/** The tables a `*.tables.ts` declares in its own type literals (not those of a type it extends). */
function declaredTables(text: string): string[] {
  return [...text.matchAll(TABLES_TYPE)].flatMap((m) => topLevelKeys(text, m.index + m[0].length - 1));
}

/** A broken table rule the allowlist can name: where, which table, and the readable line. */
export interface TableProblem {
  path: string;
  table: string;
  message: string;
}

/**
 * Rule 6 of DESIGN.md for the channels and the composition root, as readable problems:
 * - a channel is an area: its `*.tables.ts` declares only `<channel>_…` tables, and its SQL names
 *   only those and the core's public views (read-only); the rest of the core, another channel's
 *   tables and the modules' are reached through their areas' functions;
 * - src/app (the composition root) names no table or view in SQL: it calls the owning area's functions.
 */
export function findChannelAndAppTables(
  files: ReadonlyArray<SourceText>,
  schema: Schema,
  channelOwners: ReadonlyMap<string, string>,
): TableProblem[] {
  const problems = new Map<string, TableProblem>();
  const add = (path: string, table: string, message: string) =>
    problems.set(`${path}\n${table}\n${message}`, { path, table, message });
  for (const { path, text } of files) {
    const channel = /^src\/channels\/([^/]+)\/(?!.*__tests__\/)/.exec(path)?.[1];
    const app = /^src\/app\/(?!.*__tests__\/)/.test(path);
    if (!channel && !app) continue;
    if (channel && CHANNEL_TABLES_FILE.test(path))
      for (const table of declaredTables(text).filter((t) => !t.startsWith(`${channel}_`)))
        add(
          path,
          table,
          `${path}: the ${channel} channel declares ${table}: a channel's tables are named ${channel}_…`,
        );
    const at = (offset: number) => `${path}:${lineOf(text, offset)}`;
    for (const unread of unreadableTableTypes(text, schema.tableTypes))
      add(
        path,
        unread.name,
        `${at(unread.offset)}: withTables<${unread.name}>() names tables the check cannot see`,
      );
    for (const use of tablesUsedIn(text, schema.tableTypes)) {
      if (channel && channelOwners.get(use.name) === channel) continue;
      const whose = whoseTable(use.name, schema, channelOwners);
      if (!whose && !use.sure) continue; // a column, alias or function in raw SQL, not a table
      const view = schema.publicViews.has(use.name);
      if (channel && view) {
        if (use.writes)
          add(path, use.name, `${at(use.offset)}: writes to ${use.name}, a read-only core public view`);
        continue;
      }
      add(
        path,
        use.name,
        channel
          ? `${at(use.offset)}: the ${channel} channel's SQL names ${whose ?? 'table'} ${use.name}; a channel writes only ` +
              `the tables its *.tables.ts declares and reaches the rest through their areas' index.ts ` +
              `(reads: a core public view)`
          : `${at(use.offset)}: src/app's SQL names ${whose ?? 'table'} ${use.name}; the composition root calls the ` +
              `owning area's functions`,
      );
    }
  }
  return [...problems.values()];
}

/** Whose a table or view is, for a problem's line; undefined when no migration or tables type names it. */
function whoseTable(
  name: string,
  schema: Schema,
  channelOwners: ReadonlyMap<string, string>,
): string | undefined {
  if (schema.publicViews.has(name)) return 'the core public view';
  const channel = channelOwners.get(name);
  if (channel) return `the ${channel} channel's table`;
  const owner = schema.owners.get(name);
  if (!owner) return undefined;
  return owner === 'core' ? "the core's table" : `the ${owner} module's table`;
}

/** An exception to `findChannelAndAppTables`: one file naming one table, and why it still does. */
export interface AllowedTableUse {
  path: string;
  table: string;
  reason: string;
}

/**
 * The problems the allowlist does not cover, and the entries it no longer needs: the list only
 * shrinks (an entry whose file stopped naming the table must come off, and an entry needs a reason).
 */
export function outsideTableAllowlist(
  problems: ReadonlyArray<TableProblem>,
  allowlist: ReadonlyArray<AllowedTableUse>,
): string[] {
  const key = (e: { path: string; table: string }) => `${e.path} ${e.table}`;
  const allowed = new Set(allowlist.map(key));
  const found = new Set(problems.map(key));
  return [
    ...problems.filter((p) => !allowed.has(key(p))).map((p) => p.message),
    ...allowlist
      .filter((e) => !e.reason.trim())
      .map((e) => `${key(e)} is on the table-ownership allowlist without a reason: give one`),
    ...allowlist
      .filter((e) => !found.has(key(e)))
      .map(
        (e) =>
          `${e.path} is allowlisted for ${e.table} but no longer names it: take it off the table-ownership allowlist`,
      ),
  ];
}

/**
 * Rule 3 inside the core: each core area writes only its own tables (`coreTableOwners`); another
 * area's table is written through that area's use cases, or a SQL fragment the area owns and
 * exports (so a one-statement batch can still write it). Reads across areas are allowed. A file of
 * `src/core/areas/<area>.area.ts` belongs to its area.
 */
export function findCoreForeignWrites(
  files: ReadonlyArray<SourceText>,
  owners: ReadonlyMap<string, string>,
  tableTypes: Schema['tableTypes'] = new Map(),
): string[] {
  const problems: string[] = [];
  for (const { path, text } of files) {
    const area =
      /^src\/core\/areas\/([^/]+)\.area\.ts$/.exec(path)?.[1] ??
      /^src\/core\/([^/]+)\/(?!.*__tests__\/)/.exec(path)?.[1];
    if (!area || area === 'areas') continue;
    for (const use of tablesUsedIn(text, tableTypes)) {
      const owner = owners.get(use.name);
      if (!use.writes || !owner || owner === area) continue;
      problems.push(
        `${path}:${lineOf(text, use.offset)}: the core's ${area} area writes ${use.name}, the ${owner} area's table; ` +
          `use its use case or a SQL fragment it exports`,
      );
    }
  }
  return problems;
}

/**
 * Rule 1 for SQL (issue 67): the core stands below the modules, so a core area names no module's table,
 * to read or to write. What a module keeps reaches the core through the contract the module declares
 * (its hooks, its purpose labels), never through the core reading the module's rows.
 */
export function findCoreModuleTables(files: ReadonlyArray<SourceText>, schema: Schema): string[] {
  const problems: string[] = [];
  for (const { path, text } of files) {
    const area =
      /^src\/core\/areas\/([^/]+)\.area\.ts$/.exec(path)?.[1] ??
      /^src\/core\/([^/]+)\/(?!.*__tests__\/)/.exec(path)?.[1];
    if (!area || area === 'migrations') continue;
    for (const use of tablesUsedIn(text, schema.tableTypes)) {
      const owner = schema.owners.get(use.name);
      if (!owner || owner === 'core') continue;
      problems.push(
        `${path}:${lineOf(text, use.offset)}: the core's ${area} area names ${use.name}, the ${owner} module's table; ` +
          `the core never reads or writes a module's tables: the module tells it through its declared contract`,
      );
    }
  }
  return problems;
}

const KYSELY_CALL =
  /\.(selectFrom|insertInto|replaceInto|mergeInto|updateTable|deleteFrom|(?:inner|left|right|full|cross)Join(?:Lateral)?)\(\s*(\[[^\]]*\]|(['"`])[^'"`]*\3)/g;
const WRITE_CALLS = new Set(['insertInto', 'replaceInto', 'mergeInto', 'updateTable', 'deleteFrom']);
const RESOURCE_TABLE = /\btable\s*:\s*(['"`])([a-z_][a-z0-9_]*)\1/g;
const RESOURCE_SQL = /\bsql\s*:\s*(['"`])((?:\\.|(?!\1)[^\\])*)\1/g;
const SQL_TAG = /\bsql(?:\s*<[^`]*?>)?\s*`/g;
const RAW_TABLE =
  /\b(from|join|update|into)\s+(?:only\s+)?(?:"?public"?\.)?"?([a-z_][a-z0-9_]*)\b"?(?!\s*\.)(\s*\()?/gi;

/** Every name the file's SQL uses as a table: Kysely calls, `withTables<…>()`, raw `sql` and resource definitions. */
export function tablesUsedIn(text: string, tableTypes: Schema['tableTypes'] = new Map()): TableUse[] {
  const uses: TableUse[] = [];
  const ctes = new Set([...text.matchAll(/\.with(?:Recursive)?\(\s*['"`](\w+)/g)].map((m) => m[1]!));
  for (const m of text.matchAll(KYSELY_CALL)) {
    for (const s of m[2]!.matchAll(/(['"`])([^'"`]+)\1/g)) {
      const name = s[2]!
        .trim()
        .split(/\s+as\s+/i)[0]!
        .replace(/^public\./, '');
      if (ctes.has(name)) continue;
      uses.push({ name, offset: m.index + 1, how: 'kysely', writes: WRITE_CALLS.has(m[1]!), sure: true });
    }
  }
  for (const { offset, names, inline } of withTablesArguments(text)) {
    for (const name of [...inline, ...names.flatMap((n) => tableTypes.get(n) ?? [])])
      uses.push({ name, offset, how: 'withTables', writes: false, sure: true });
  }
  for (const m of text.matchAll(RESOURCE_TABLE))
    uses.push({ name: m[2]!, offset: m.index, how: 'resource', writes: false, sure: true });
  for (const m of text.matchAll(RESOURCE_SQL)) uses.push(...rawTables(m[2]!, m.index, 'resource'));
  for (const m of text.matchAll(SQL_TAG)) {
    const body = templateBody(text, m.index + m[0].length);
    uses.push(...rawTables(body, m.index, 'sql'));
  }
  return uses;
}

function rawTables(sqlText: string, offset: number, how: TableUse['how']): TableUse[] {
  const clean = stripSqlComments(sqlText);
  const ctes = new Set(
    [...clean.matchAll(/\b(\w+)\s+as\s+(?:not\s+)?(?:materialized\s+)?\(/gi)].map((m) => m[1]!),
  );
  return (
    [...clean.matchAll(RAW_TABLE)]
      // `from unnest(…)` is a function; `into t (a, b)` is a column list
      .filter((m) => !ctes.has(m[2]!) && !(m[3] && /^(from|join)$/i.test(m[1]!)))
      .map((m) => ({
        name: m[2]!.toLowerCase(),
        offset,
        how,
        writes: /^(update|into)$/i.test(m[1]!) || /delete\s+from\s*$/i.test(clean.slice(0, m.index + 4)),
        sure: false,
      }))
  );
}

/** The type names given to each `withTables<…>()`, split on `&`; inline object types give their keys. */
function withTablesArguments(text: string): Array<{ offset: number; names: string[]; inline: string[] }> {
  const found: Array<{ offset: number; names: string[]; inline: string[] }> = [];
  for (const m of text.matchAll(/\.withTables\s*</g)) {
    const start = m.index + m[0].length;
    let depth = 1;
    let end = start;
    for (; end < text.length && depth > 0; end++) {
      const c = text[end];
      if (c === '<') depth++;
      else if (c === '>' && text[end - 1] !== '=') depth--;
    }
    const arg = text.slice(start, end - 1);
    const parts = splitTopLevel(arg, '&');
    const inline = parts.filter((p) => p.startsWith('{')).flatMap((p) => topLevelKeys(p, 0));
    const names = parts.filter((p) => /^\w+$/.test(p));
    found.push({ offset: m.index, names, inline });
  }
  return found;
}

function unreadableTableTypes(text: string, tableTypes: Schema['tableTypes']) {
  return withTablesArguments(text).flatMap(({ offset, names }) =>
    names.filter((n) => !tableTypes.has(n)).map((name) => ({ name, offset })),
  );
}

/** The keys of the object type whose `{` is at `open` (nested braces skipped). */
function topLevelKeys(text: string, open: number): string[] {
  const keys: string[] = [];
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    const c = text[i];
    if (c === '{') depth++;
    else if (c === '}' && --depth === 0) break;
    else if (depth === 1 && /[A-Za-z_'"]/.test(c!) && /[{;,\n]\s*$/.test(text.slice(open, i))) {
      const key = /^['"]?([A-Za-z_][A-Za-z0-9_]*)['"]?\??\s*:/.exec(text.slice(i));
      if (key) {
        keys.push(key[1]!);
        i += key[0].length - 1;
      }
    }
  }
  return keys;
}

function splitTopLevel(text: string, separator: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let from = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if ('{<(['.includes(c!)) depth++;
    else if ('}>)]'.includes(c!)) depth--;
    else if (c === separator && depth === 0) {
      parts.push(text.slice(from, i).trim());
      from = i + 1;
    }
  }
  parts.push(text.slice(from).trim());
  return parts.filter(Boolean);
}

/** The text of a template literal starting at `start`, its `${…}` parts blanked. */
function templateBody(text: string, start: number): string {
  let body = '';
  for (let i = start; i < text.length; i++) {
    const c = text[i];
    if (c === '\\') {
      body += text.slice(i, i + 2);
      i++;
    } else if (c === '`') break;
    else if (c === '$' && text[i + 1] === '{') {
      let depth = 0;
      for (; i < text.length; i++) {
        if (text[i] === '{') depth++;
        else if (text[i] === '}' && --depth === 0) break;
      }
      body += ' $1 ';
    } else body += c;
  }
  return body;
}

function stripSqlComments(sqlText: string): string {
  return sqlText.replace(/--[^\n]*/g, ' ').replace(/\/\*[\s\S]*?\*\//g, ' ');
}

function lineOf(text: string, offset: number): number {
  return text.slice(0, offset).split('\n').length;
}
