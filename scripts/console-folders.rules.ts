/**
 * The console's folders in one direction (issue 57): the folders of `web/console/src` stand in one order, and a file
 * imports only its own folder or a folder below its own. The root files (App.tsx, main.tsx) stand first, above every
 * folder. Pure functions over the same import edges as boundaries.rules.ts; `npm run check:deps` runs them.
 */
import { findImportCycles, type ImportEdge } from './boundaries.rules.ts';

const CONSOLE_SRC = 'web/console/src/';

/** The root of `web/console/src`: App.tsx, main.tsx and the other files that put the console together. */
export const CONSOLE_ROOT = '(root)';

/**
 * Top to bottom; see docs/architecture.md "The console's folders". The layout is the frame (menu, app bar, home,
 * shortcuts); resources are the generic record screens; the registry gathers the platform's and the modules'
 * extensions and builds the menu from them; pages are the platform's own screens, each declared by an extension
 * as a module's are; extensions/ is the kit both build on (index.ts is what modules import); format, api and the
 * words (i18n) are at the bottom.
 */
export const CONSOLE_FOLDER_ORDER: ReadonlyArray<string> = [
  CONSOLE_ROOT,
  'layout',
  'shortcuts',
  'resources',
  'registry',
  'pages',
  'extensions',
  'format',
  'api',
  'i18n',
];

/** The console folder a file belongs to (`(root)` for a file directly under src/), or undefined outside the console. */
export function consoleFolderOf(path: string): string | undefined {
  if (!path.startsWith(CONSOLE_SRC)) return undefined;
  const rest = path.slice(CONSOLE_SRC.length);
  const slash = rest.indexOf('/');
  return slash < 0 ? CONSOLE_ROOT : rest.slice(0, slash);
}

/** Every import between two console folders against the order, and every folder the order does not place. */
export function findConsoleFolderProblems(
  edges: ReadonlyArray<ImportEdge>,
  order: ReadonlyArray<string> = CONSOLE_FOLDER_ORDER,
): string[] {
  const problems = new Set<string>();
  const chain = order.join(' → ');
  for (const { from, to } of edges) {
    const a = consoleFolderOf(from);
    const b = consoleFolderOf(to);
    if (!a || !b || a === b) continue;
    for (const folder of [a, b])
      if (!order.includes(folder))
        problems.add(`web/console/src/${folder}/ has no place in the console's folder order (${chain})`);
    if (order.includes(a) && order.includes(b) && order.indexOf(a) > order.indexOf(b))
      problems.add(`${from} imports ${to}: the console's folders import downward only (${chain})`);
  }
  return [...problems];
}

/**
 * The console's folders that import each other: each pair that imports both ways (with one import each way), and
 * each loop through three or more folders (one line per strongly connected group, naming one loop through it).
 */
export function findConsoleFolderCycles(edges: ReadonlyArray<ImportEdge>): string[] {
  const example = new Map<string, ImportEdge>();
  for (const edge of edges) {
    const a = consoleFolderOf(edge.from);
    const b = consoleFolderOf(edge.to);
    if (!a || !b || a === b) continue;
    if (!example.has(`${a}→${b}`)) example.set(`${a}→${b}`, edge);
  }
  const lines: string[] = [];
  for (const [pair, there] of example) {
    const [a, b] = pair.split('→') as [string, string];
    const back = example.get(`${b}→${a}`);
    if (back && a < b)
      lines.push(
        `folders importing each other: ${a} ⇄ ${b} (${there.from} → ${there.to}; ${back.from} → ${back.to})`,
      );
  }
  // The folder graph itself, as file paths so the file cycle check finds its loops.
  const folderEdges = [...example.keys()].map((pair) => {
    const [a, b] = pair.split('→') as [string, string];
    return { from: `${CONSOLE_SRC}${a}`, to: `${CONSOLE_SRC}${b}` };
  });
  const loops = findImportCycles(folderEdges)
    .map((line) => line.replace('import cycle: ', '').replaceAll(CONSOLE_SRC, ''))
    .filter((loop) => loop.split(' → ').length > 3)
    .map((loop) => `folder cycle: ${loop}`);
  return [...lines.sort(), ...loops];
}
