// @ts-check
// Plain JavaScript, run by node itself: `npm start` checks and builds the server without loading TypeScript.
import { execFile } from 'node:child_process';
import { cpSync, existsSync, readdirSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { distIndex, WEB_APPS } from './build-console-if-stale.js';
import { missingLazyNames } from './check-lazy-imports.js';
import { isOlderThan, newestChange } from './newest-change.js';

/**
 * The server as plain JavaScript in `dist/`, laid out like the repository (`dist/src/…`,
 * `dist/web/<app>/dist`, `dist/package.json`) so every path the code derives from `import.meta.url`
 * (migrations, the built browser apps, the version) resolves the same way as in a checkout.
 * `npm run build` writes it after the browser apps; `npm start` rebuilds it when a source is newer;
 * the image and the systemd unit run `node dist/src/app/cli.js`.
 */
const ROOT = fileURLToPath(new URL('..', import.meta.url));
const SRC = join(ROOT, 'src');
const OUT = join(ROOT, 'dist');
/** Written last, with the time the build started: a source saved during a build makes it stale again. */
const BUILT = join(OUT, '.built');
/** Where the bundle the CLI runs from lands (its `import.meta.url`). */
const CLI_DIR = join(SRC, 'app');

/**
 * What is not the server: tests, module screens (the console's Vite build bundles those) and a
 * module's browser app (`<name>-app/`, bundled by its web app's Vite build).
 * @param {string} name
 * @param {boolean} isFolder
 */
const notServer = (name, isFolder) =>
  isFolder ? name === '__tests__' || name === 'console' || name.endsWith('-app') : name.endsWith('.test.ts');

/**
 * The server's TypeScript files under `dir`.
 * @param {string} dir
 * @returns {string[]}
 */
function serverSources(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    if (notServer(entry.name, entry.isDirectory())) return [];
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return serverSources(path);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts') ? [path] : [];
  });
}

/**
 * Every `migrations` folder under `dir` (core and each module keep theirs next to their code).
 * @param {string} dir
 * @returns {string[]}
 */
function migrationFolders(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    if (!entry.isDirectory()) return [];
    const path = join(dir, entry.name);
    return entry.name === 'migrations' ? [path] : migrationFolders(path);
  });
}

/**
 * Each file compiles to its own file: a relative import keeps pointing at a file (`./x.ts` becomes
 * `./x.js`) and a package stays a package, so `bundle` here only lets this plugin see every import.
 * @type {import('esbuild').Plugin}
 */
const fileForFile = {
  name: 'file-for-file',
  setup(build) {
    build.onResolve({ filter: /.*/ }, (args) => {
      if (args.kind === 'entry-point') return undefined;
      const path = args.path.startsWith('.') ? args.path.replace(/\.ts$/, '.js') : args.path;
      return { path, external: true };
    });
  },
};

/**
 * Packages left out of the bundle, loaded from node_modules as they are: native or WebAssembly
 * engines (argon2, PGlite) and packages that read their own files or start worker threads from
 * their folder (`__dirname`, `import.meta.url`): pino's transports, pdfkit's fonts and colour profile.
 * (@fastify/swagger reads its package.json that way too, but only for a title and version the API
 * docs give, and it falls back when it cannot: bundled, which spares loading its 100 files.)
 */
const NOT_BUNDLED = ['@node-rs/argon2', '@electric-sql/pglite', 'pino', 'thread-stream', 'pdfkit'];

/**
 * In the bundle every file's code shares the bundle's `import.meta.url`: each server file's own is
 * put back (the URL its file-for-file twin has in `dist/`), so the paths derived from it (migrations,
 * the built browser apps, package.json) stay where they are.
 * @type {import('esbuild').Plugin}
 */
const ownImportMetaUrl = {
  name: 'own-import-meta-url',
  setup(build) {
    build.onLoad({ filter: /\.ts$/ }, (args) => {
      const source = readFileSync(args.path, 'utf8');
      if (!source.includes('import.meta.url')) return undefined;
      const twin = relative(CLI_DIR, args.path).replace(/\.ts$/, '.js');
      const url = `new URL(${JSON.stringify(twin.split(sep).join('/'))}, import.meta.url).href`;
      return { contents: source.replaceAll('import.meta.url', url), loader: 'ts' };
    });
  },
};

/**
 * `node:http` and `node:https` through `require` (defined by the bundle's banner), not `import`:
 * Node reads every export of a built-in module that an ES module imports, and `node:http`'s
 * `WebSocket` and `fetch` getters load undici (30-50 ms of each start, for nodemailer's shared code
 * that the sandbox's SMTP server imports).
 * @type {import('esbuild').Plugin}
 */
const httpByRequire = {
  name: 'http-by-require',
  setup(build) {
    build.onResolve({ filter: /^(node:)?https?$/ }, (args) =>
      args.kind === 'import-statement'
        ? { path: args.path.replace(/^(node:)?/, 'node:'), namespace: 'required-builtin' }
        : undefined,
    );
    build.onLoad({ filter: /.*/, namespace: 'required-builtin' }, (args) => ({
      contents: `module.exports = require(${JSON.stringify(args.path)});`,
      loader: 'js',
    }));
  },
};

/**
 * The names a package has when Node imports it from `dir`, read by a child Node process (so the
 * build's own process, which `npm start` goes on to run the server in, loads none of it).
 * @param {string} pkg
 * @param {string} dir
 * @returns {Promise<string[]>}
 */
function namesNodeImports(pkg, dir) {
  const script = 'import(process.argv[1]).then((m) => process.stdout.write(JSON.stringify(Object.keys(m))))';
  return new Promise((resolve, reject) =>
    execFile(process.execPath, ['--input-type=module', '-e', script, pkg], { cwd: dir }, (err, out) =>
      err ? reject(new Error(`cannot read the exports of ${pkg}: ${err.message}`)) : resolve(JSON.parse(out)),
    ),
  );
}

/**
 * A package imported lazily (`await import('grammy')`) lands in a chunk of its own, and when it is
 * CommonJS esbuild's chunk exports only `default` (its module.exports), where Node gives the sources
 * every named export too: `const { Bot } = await import('grammy')` found no `Bot` in the bundle, so
 * Telegram and S3 failed in what ships while the tests of the sources passed. A lazily imported
 * CommonJS package is reached instead through an ES module that re-exports, by name, what Node's
 * own import of it yields, so its chunk has the same names in the bundle as in the sources (an ES
 * module package keeps its names unaided). `scripts/check-lazy-imports.js` checks `dist/` for it.
 * @param {typeof import('esbuild')} esbuild
 * @param {string[]} external packages left to Node, which need no such module
 * @returns {import('esbuild').Plugin}
 */
const lazyPackagesKeepTheirNames = (esbuild, external) => ({
  name: 'lazy-packages-keep-their-names',
  setup(build) {
    build.onResolve({ filter: /^[^./]/ }, async (args) => {
      if (args.kind !== 'dynamic-import' || args.path.startsWith('node:') || external.includes(args.path)) {
        return undefined;
      }
      const found = await build.resolve(args.path, { kind: 'import-statement', resolveDir: args.resolveDir });
      if (found.errors.length > 0 || found.external) return undefined;
      const scan = await esbuild.build({
        entryPoints: [found.path],
        ...NODE_OUTPUT,
        sourcemap: false,
        write: false,
        metafile: true,
        logLevel: 'silent',
      });
      const format = Object.values(scan.metafile.inputs)[0]?.format;
      return format === 'cjs'
        ? { path: args.path, namespace: 'lazy-package', pluginData: args.resolveDir }
        : undefined;
    });
    build.onLoad({ filter: /.*/, namespace: 'lazy-package' }, async (args) => {
      const dir = args.pluginData;
      const names = (await namesNodeImports(args.path, dir)).filter((n) => /^[A-Za-z_$][\w$]*$/.test(n));
      return {
        contents: `export { ${names.join(', ')} } from ${JSON.stringify(args.path)};`,
        loader: 'js',
        resolveDir: dir,
      };
    });
  },
});

/** Whether `dist/` is missing or older than a server source, a built browser app or the build itself. */
export function serverIsStale() {
  return isOlderThan(BUILT, [
    newestChange(SRC, notServer),
    ...WEB_APPS.map((app) => newestChange(distIndex(app))),
    ...['package.json', 'tsconfig.json', 'scripts/build-server.js', 'scripts/check-lazy-imports.js'].map(
      (f) => newestChange(join(ROOT, f)),
    ),
  ]);
}

/**
 * Compiles the server into `dist/` with esbuild (types are `npm run typecheck`'s job) and copies
 * what it reads at run time: migrations, the built browser apps, package.json.
 */
/** What both builds emit: ES modules for Node, with source maps that point at src/. */
const NODE_OUTPUT = /** @type {const} */ ({
  platform: 'node',
  format: 'esm',
  target: 'node20',
  tsconfig: join(ROOT, 'tsconfig.json'),
  sourcemap: true,
  sourcesContent: false,
  logLevel: 'warning',
});

/**
 * grammY's node-fetch@2 reaches Node's deprecated `punycode` through whatwg-url@5 and tr46: Node
 * printed a DeprecationWarning a minute after the banner. Bundles take the same code as a package.
 */
const WITHOUT_DEPRECATED = { alias: { punycode: 'punycode.js' } };

export async function buildServer() {
  const started = Date.now();
  /** @type {typeof import('esbuild')} */
  let esbuild;
  try {
    esbuild = await import('esbuild');
  } catch {
    throw new Error('esbuild is not installed: run `npm install` (with dev dependencies) or `npm run build`');
  }
  rmSync(OUT, { recursive: true, force: true });
  await esbuild.build({
    entryPoints: serverSources(SRC),
    outdir: OUT,
    outbase: ROOT,
    bundle: true,
    plugins: [fileForFile],
    ...WITHOUT_DEPRECATED,
    ...NODE_OUTPUT,
  });
  // What `npm start` and the image run, `dist/src/app/cli.js`, is then one bundle of the server and
  // its packages (a start loaded some 1,200 files): code only some commands need (the S3 client, the
  // API docs page, the mailer) stays in chunks beside it, loaded on first use.
  await esbuild.build({
    entryPoints: [join(SRC, 'app', 'cli.ts')],
    outdir: join(OUT, 'src', 'app'),
    chunkNames: 'cli-[hash]',
    bundle: true,
    splitting: true,
    external: NOT_BUNDLED,
    plugins: [ownImportMetaUrl, httpByRequire, lazyPackagesKeepTheirNames(esbuild, NOT_BUNDLED)],
    // Bundled CommonJS packages `require` Node's own modules.
    banner: {
      js: "import { createRequire as bundleRequire } from 'node:module';\nconst require = bundleRequire(import.meta.url);",
    },
    ...WITHOUT_DEPRECATED,
    ...NODE_OUTPUT,
  });
  const missing = missingLazyNames(join(OUT, 'src', 'app'));
  if (missing.length > 0) {
    throw new Error(`the bundle takes names its lazily loaded chunks lack:\n  ${missing.join('\n  ')}`);
  }
  for (const folder of migrationFolders(SRC)) {
    cpSync(folder, join(OUT, relative(ROOT, folder)), { recursive: true, filter: (f) => !f.endsWith('.ts') });
  }
  for (const app of WEB_APPS) {
    const built = join(app.dir, 'dist');
    if (existsSync(built)) cpSync(built, join(OUT, relative(ROOT, built)), { recursive: true });
  }
  cpSync(join(ROOT, 'package.json'), join(OUT, 'package.json'));
  writeFileSync(BUILT, '');
  utimesSync(BUILT, new Date(started), new Date(started));
  console.log(`server: built dist/ in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

/**
 * `npm start`'s check: builds `dist/` only when stale; returns whether it did. Without esbuild (an
 * install without dev dependencies) an existing `dist/` is served as it is.
 */
export async function buildServerIfStale() {
  if (!serverIsStale()) return false;
  const esbuildInstalled = await import('esbuild').then(
    () => true,
    () => false,
  );
  if (existsSync(BUILT) && !esbuildInstalled) {
    console.warn('server: sources changed but esbuild is not installed; running the existing dist/');
    return false;
  }
  await buildServer();
  return true;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  buildServer()
    .then(() => console.log(`built ${relative(process.cwd(), OUT) || '.'}: node dist/src/app/cli.js start`))
    .catch((err) => {
      console.error(err instanceof Error ? err.message : err);
      process.exit(1);
    });
}
