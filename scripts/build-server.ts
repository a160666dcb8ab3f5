import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, readdirSync, rmSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * `npm run build`: the server as plain JavaScript in `dist/`, laid out like the repository
 * (`dist/src/…`, `dist/web/<app>/dist`, `dist/package.json`) so every path the code derives from
 * `import.meta.url` (migrations, the built browser apps, the version) resolves the same way as in a
 * checkout. Run it after `npm run build:web`; the image and the systemd unit run `node dist/src/app/cli.js`.
 */
const ROOT = fileURLToPath(new URL('..', import.meta.url));
const OUT = join(ROOT, 'dist');

/** Every `migrations` folder under `dir` (core and each module keep theirs next to their code). */
function migrationFolders(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    if (!entry.isDirectory()) return [];
    const path = join(dir, entry.name);
    return entry.name === 'migrations' ? [path] : migrationFolders(path);
  });
}

rmSync(OUT, { recursive: true, force: true });
execFileSync(process.execPath, [join(ROOT, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.build.json'], {
  cwd: ROOT,
  stdio: 'inherit',
});
for (const folder of migrationFolders(join(ROOT, 'src'))) {
  cpSync(folder, join(OUT, relative(ROOT, folder)), { recursive: true, filter: (f) => !f.endsWith('.ts') });
}
for (const app of readdirSync(join(ROOT, 'web'))) {
  const built = join(ROOT, 'web', app, 'dist');
  if (existsSync(built) && statSync(built).isDirectory())
    cpSync(built, join(OUT, 'web', app, 'dist'), { recursive: true });
}
cpSync(join(ROOT, 'package.json'), join(OUT, 'package.json'));
console.log(`built ${relative(process.cwd(), OUT) || '.'}: node dist/src/app/cli.js start`);
