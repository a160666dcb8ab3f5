// @ts-check
// Plain JavaScript, run by node itself after every server build (and by CI after `npm run build`).
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The names a chunk of the bundle exports, read from the one `export { … }` clause esbuild ends an
 * ES module chunk with (`export default x;` is the name `default`).
 * @param {string} source
 * @returns {Set<string>}
 */
export function chunkExports(source) {
  const names = new Set();
  for (const clause of source.matchAll(/^export\s*\{([^}]*)\};?$/gm)) {
    for (const item of (clause[1] ?? '').split(',')) {
      const name = item
        .trim()
        .split(/\s+as\s+/)
        .pop();
      if (name) names.add(name);
    }
  }
  if (/^export default /m.test(source)) names.add('default');
  return names;
}

/**
 * What the bundle takes from each lazily imported chunk: the names destructured from
 * `await import("./cli-….js")`, and the members read off a namespace bound to one
 * (`const s3 = await import(…)` or `import(…).then((s3) => …)`) in the lines of that block.
 * @param {string} source
 * @returns {{ chunk: string; name: string; line: number }[]}
 */
export function namesTakenFromChunks(source) {
  const lines = source.split('\n');
  /** @type {{ chunk: string; name: string; line: number }[]} */
  const taken = [];
  lines.forEach((text, index) => {
    const destructured = text.match(/\{([^}]*)\}\s*=\s*await import\("(\.\/[^"]+)"\)/);
    if (destructured?.[1] && destructured[2]) {
      for (const item of destructured[1].split(',')) {
        const name = item.trim().split(/\s*:\s*/)[0];
        if (name) taken.push({ chunk: destructured[2], name, line: index + 1 });
      }
      return;
    }
    const bound =
      text.match(/(?:const|let|var)\s+(?<binding>[\w$]+)\s*=\s*await import\("(?<chunk>\.\/[^"]+)"\)/) ??
      text.match(/import\("(?<chunk>\.\/[^"]+)"\)\.then\(\(?(?<binding>[\w$]+)\)?\s*=>/);
    const { binding, chunk } = bound?.groups ?? {};
    if (!binding || !chunk) return;
    // The block the binding lives in ends at the first later line indented less than the import's.
    const indent = (text.match(/^\s*/)?.[0] ?? '').length;
    const member = new RegExp(`(?<![\\w$.])${binding.replace(/\$/g, '\\$')}\\.([A-Za-z_$][\\w$]*)`, 'g');
    for (let i = index; i < lines.length; i++) {
      const line = lines[i] ?? '';
      if (i > index && line.trim() && (line.match(/^\s*/)?.[0] ?? '').length < indent) break;
      for (const m of line.matchAll(member)) if (m[1]) taken.push({ chunk, name: m[1], line: i + 1 });
    }
  });
  return taken;
}

/**
 * Every name the bundle in `appDir` takes from a lazily imported chunk that the chunk does not
 * export: each one would be `undefined` in what ships (`Bot is not a constructor`) while the
 * sources, which Node loads package by package, work.
 * @param {string} appDir the bundle's folder, `dist/src/app`
 */
export function missingLazyNames(appDir) {
  const files = readdirSync(appDir).filter((f) => /^cli(-[A-Z0-9]+)?\.js$/.test(f));
  const exportsOf = new Map(
    files.map((f) => [`./${f}`, chunkExports(readFileSync(join(appDir, f), 'utf8'))]),
  );
  return files.flatMap((file) =>
    namesTakenFromChunks(readFileSync(join(appDir, file), 'utf8'))
      .filter(({ chunk, name }) => !exportsOf.get(chunk)?.has(name))
      .map(
        ({ chunk, name, line }) => `${file}:${line} takes ${name} from ${chunk}, which does not export it`,
      ),
  );
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const appDir = fileURLToPath(new URL('../dist/src/app', import.meta.url));
  const missing = missingLazyNames(appDir);
  if (missing.length > 0) {
    console.error(`The built server takes names its lazily loaded chunks lack:\n  ${missing.join('\n  ')}`);
    process.exit(1);
  }
  console.log(`${relative(process.cwd(), appDir)}: every name taken from a lazily loaded chunk is there`);
}
