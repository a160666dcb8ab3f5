// @ts-check
// Plain JavaScript, run by node itself: `npm start` decides what to rebuild before anything is compiled.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The newest modification time under `path` (a file or a folder, walked through), 0 when it does not
 * exist. Folders count too: removing or renaming a file changes its folder's time, not any file's.
 * @param {string} path
 * @param {(name: string, isFolder: boolean) => boolean} [skip] entries left out (outputs, tests)
 * @returns {number}
 */
export function newestChange(path, skip = () => false) {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const entry of readdirSync(path, { withFileTypes: true })) {
    if (skip(entry.name, entry.isDirectory())) continue;
    newest = Math.max(newest, newestChange(join(path, entry.name), skip));
  }
  return newest;
}

/**
 * Whether `output` is missing or older than any of `inputs` (times from `newestChange`).
 * @param {string} output a file the build writes last
 * @param {number[]} inputs
 */
export function isOlderThan(output, inputs) {
  if (!existsSync(output)) return true;
  return Math.max(...inputs) > statSync(output).mtimeMs;
}
