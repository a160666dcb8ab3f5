/**
 * The dependency rules of DESIGN.md as pure functions over (file, imported file) pairs:
 * 1. layers: modules → core → platform; channels → core → platform; only app/ sees everything,
 *    and it reaches modules only through src/app/modules.ts (AVAILABLE_MODULES: routes, jobs and
 *    commands all come from the module definitions there, so OPSDESK_MODULES switches them together);
 *    modules never import each other, nor do channels (each outside service stands behind a core
 *    interface; what two drivers share belongs to that interface's core area);
 *    web/ may use core areas (the scanner shares pass verification with the server), a
 *    module's `browser.ts` (its pure rules, e.g. the mess scan decision) and a platform area's
 *    `browser.ts` (what the browser shares with the server and holds no Node built-in: the UUID pattern,
 *    the problem+json contract), which any layer, the browser kit included, may import directly;
 * 2. another area is reached only through its index.ts;
 * 3. a module's `console/` folder is browser code the console build collects: it imports its own
 *    folder, its module's `browser.ts`, core `index.ts` files and the console kit only, and the
 *    module's server code never imports it (React is not a server dependency).
 * 4. no import cycles among files under src/ and web/ (type-only imports count).
 * 5. the browser kit (`web/kit/`: DOM helpers, money, camera, the staff API client) is shared by the
 *    scanner, the booth and the portal, so nothing is copied between them: it imports only its own
 *    files and core `index.ts` files.
 * 6. a module's browser app (`src/modules/<m>/<name>-app/`: the prepaid portal, the exhibition booth) is
 *    browser code its web app's Vite build bundles: it imports its own folder, its module's `browser.ts`,
 *    core `index.ts` files and the browser kit only, and no other code imports it (its page loads it).
 * Which tables a module's, a core area's, a channel's and src/app's SQL may name is in
 * table-ownership.rules.ts.
 */
import { posix } from 'node:path';

export interface ImportEdge {
  from: string;
  to: string;
}

// `import type` and `export … from` included: a type-only cycle still ties two files together.
const IMPORT =
  /(?:import|export)\s[^'"]*?from\s*['"]([^'"]+)['"]|import\s*\(\s*['"]([^'"]+)['"]\s*\)|import\s+['"]([^'"]+)['"]/g;

/** The relative imports of one file (path from the repository root), resolved to repository paths. */
export function importEdgesOf(path: string, text: string): ImportEdge[] {
  const edges: ImportEdge[] = [];
  for (const m of text.matchAll(IMPORT)) {
    const spec = m[1] ?? m[2] ?? m[3]!;
    if (spec.startsWith('.'))
      edges.push({ from: path, to: posix.normalize(posix.join(posix.dirname(path), spec)) });
  }
  return edges;
}

type Layer = 'platform' | 'core' | 'channels' | 'modules' | 'app' | 'web';

const ALLOWED: Record<Layer, ReadonlyArray<Layer>> = {
  platform: ['platform'],
  core: ['core', 'platform'],
  channels: ['channels', 'core', 'platform'],
  modules: ['modules', 'core', 'platform'],
  app: ['app', 'modules', 'channels', 'core', 'platform'],
  web: ['web', 'core'],
};

interface Place {
  layer: Layer;
  area: string;
  rest: string;
}

function place(path: string): Place | undefined {
  const web = /^web\/(.*)$/.exec(path);
  if (web) return { layer: 'web', area: 'web', rest: web[1]! };
  const m = /^src\/(platform|core|channels|modules|app)\/(?:([^/]+)\/)?(.*)$/.exec(path);
  if (!m) return undefined;
  const layer = m[1] as Layer;
  if (layer === 'app') return { layer, area: 'app', rest: `${m[2] ? `${m[2]}/` : ''}${m[3]}` };
  return { layer, area: m[2] ?? '', rest: m[3]! };
}

/** The one file of app/ that names modules: the list of modules this build ships. */
const APP_MODULE_LIST = 'src/app/modules.ts';

/** A platform area's browser-safe face (`src/platform/ids/browser.ts`): anyone may import it, as its index.ts. */
const isPlatformBrowserEntry = (path: string) => /^src\/platform\/[^/]+\/browser\.ts$/.test(path);

/** The one file of the console a module's `console/` folder may import. */
export const CONSOLE_KIT = 'web/console/src/extensions/index.ts';

const isModuleConsole = (p: Place) => p.layer === 'modules' && p.rest.startsWith('console/');

/** A module's browser app folder (`portal-app/`, `booth-app/`), or undefined. */
const moduleAppOf = (p: Place) =>
  p.layer === 'modules' ? /^([a-z0-9-]+-app)\//.exec(p.rest)?.[1] : undefined;

/** Why an import from or into a module's browser app breaks rule 6, or null. */
function moduleAppProblem(from: string, to: string, a: Place, b: Place): string | null {
  const fromApp = moduleAppOf(a);
  const toApp = moduleAppOf(b);
  if (fromApp) {
    const ownModule = b.layer === 'modules' && b.area === a.area;
    const fine =
      (ownModule && (toApp === fromApp || b.rest === 'browser.ts')) ||
      (b.layer === 'core' && b.rest === 'index.ts') ||
      to.startsWith(BROWSER_KIT);
    return fine
      ? null
      : `${from} imports ${to}: a module's browser app uses only its own folder, its browser.ts, core index.ts files and ${BROWSER_KIT}`;
  }
  if (toApp) return `${from} imports ${to}: a module's browser app is loaded by its page, never imported`;
  return null;
}

/** Why an import of a module's console code breaks rule 3, or null. */
function consoleProblem(from: string, to: string, a: Place, b: Place): string | null {
  if (isModuleConsole(a)) {
    const ownModule = b.layer === 'modules' && b.area === a.area;
    const fine =
      (ownModule && (isModuleConsole(b) || b.rest === 'browser.ts')) ||
      (b.layer === 'core' && b.rest === 'index.ts') ||
      to === CONSOLE_KIT;
    return fine
      ? null
      : `${from} imports ${to}: a module's console/ uses only its own folder, its browser.ts, core index.ts files and ${CONSOLE_KIT}`;
  }
  if (isModuleConsole(b) && a.layer === 'modules' && a.area === b.area)
    return `${from} imports ${to}: server code never imports the module's console/`;
  return null;
}

/** The shared browser kit of the scanner, the booth and the portal (DOM, money, camera, API client). */
export const BROWSER_KIT = 'web/kit/';

/**
 * Why an import of the browser kit breaks rule 5, or null: the kit stands below every browser app, so it
 * imports its own files and core `index.ts` files only (an app's file inside it would tie the apps together).
 */
function kitProblem(from: string, to: string, b: Place | undefined): string | null {
  if (!from.startsWith(BROWSER_KIT)) return null;
  const fine =
    to.startsWith(BROWSER_KIT) ||
    (b?.layer === 'core' && b.rest === 'index.ts') ||
    isPlatformBrowserEntry(to);
  return fine
    ? null
    : `${from} imports ${to}: the browser kit uses only its own files, core index.ts files and platform browser.ts files`;
}

/** Every broken rule, as a readable line. */
export function findViolations(edges: ReadonlyArray<ImportEdge>): string[] {
  const problems: string[] = [];
  for (const { from, to } of edges) {
    const kit = kitProblem(from, to, place(to));
    if (kit) {
      problems.push(kit);
      continue;
    }
    const a = place(from);
    const b = place(to);
    if (!a || !b) continue;
    if (moduleAppOf(a) || moduleAppOf(b)) {
      const problem = moduleAppProblem(from, to, a, b);
      if (problem) problems.push(problem);
      continue;
    }
    if (isModuleConsole(a) || isModuleConsole(b)) {
      const problem = consoleProblem(from, to, a, b);
      if (problem) problems.push(problem);
      // Anyone else reaching into a module's console (web/, another module) meets the layer rules.
      if (problem || isModuleConsole(a)) continue;
    }
    // The offline scanner shares a module's pure rules through that module's browser entry only.
    const browserEntry =
      (a.layer === 'web' && b.layer === 'modules' && b.rest === 'browser.ts') || isPlatformBrowserEntry(to);
    if (!browserEntry && !ALLOWED[a.layer].includes(b.layer)) {
      problems.push(`${from} imports ${to}: ${a.layer}/ must not depend on ${b.layer}/`);
      continue;
    }
    if (a.layer === 'app' && b.layer === 'modules' && from !== APP_MODULE_LIST) {
      problems.push(
        `${from} imports ${to}: app/ reaches modules only through ${APP_MODULE_LIST} (AVAILABLE_MODULES)`,
      );
      continue;
    }
    if (a.layer === 'modules' && b.layer === 'modules' && a.area !== b.area) {
      problems.push(`${from} imports ${to}: modules never import each other`);
      continue;
    }
    if (a.layer === 'channels' && b.layer === 'channels' && a.area !== b.area) {
      problems.push(`${from} imports ${to}: channels never import each other`);
      continue;
    }
    const sameArea = a.layer === b.layer && a.area === b.area;
    if (!sameArea && !browserEntry && b.layer !== 'app' && b.layer !== 'web' && b.rest !== 'index.ts') {
      problems.push(`${from} imports ${to}: reach ${b.layer}/${b.area} only through its index.ts`);
    }
  }
  return problems;
}

/** The folders whose files the cycle check reads: the server and the browser side alike. */
const CHECKED_FOR_CYCLES = /^(src|web)\//;

/**
 * Every import cycle among files under src/ and web/, type-only imports included: a cycle makes load order
 * decide what a module sees (an `undefined` at start-up), and it is how areas grow into each other.
 * One line per strongly connected group of files, naming one concrete loop through it.
 */
export function findImportCycles(edges: ReadonlyArray<ImportEdge>): string[] {
  const graph = new Map<string, string[]>();
  for (const { from, to } of edges) {
    if (!CHECKED_FOR_CYCLES.test(from) || !CHECKED_FOR_CYCLES.test(to)) continue;
    graph.set(from, [...(graph.get(from) ?? []), to]);
    if (!graph.has(to)) graph.set(to, []);
  }
  for (const targets of graph.values()) targets.sort();
  return stronglyConnected(graph)
    .filter((group) => group.length > 1 || graph.get(group[0]!)!.includes(group[0]!))
    .map((group) => `import cycle: ${loopThrough(graph, new Set(group)).join(' → ')}`)
    .sort();
}

/** Tarjan's algorithm, iterative so a deep import chain cannot overflow the stack. */
function stronglyConnected(graph: ReadonlyMap<string, ReadonlyArray<string>>): string[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const groups: string[][] = [];
  for (const root of [...graph.keys()].sort()) {
    if (index.has(root)) continue;
    const work: Array<{ node: string; next: number }> = [{ node: root, next: 0 }];
    while (work.length > 0) {
      const frame = work[work.length - 1]!;
      const { node } = frame;
      if (frame.next === 0 && !index.has(node)) {
        index.set(node, index.size);
        low.set(node, index.get(node)!);
        stack.push(node);
        onStack.add(node);
      }
      const targets = graph.get(node)!;
      if (frame.next < targets.length) {
        const target = targets[frame.next++]!;
        if (!index.has(target)) work.push({ node: target, next: 0 });
        else if (onStack.has(target)) low.set(node, Math.min(low.get(node)!, index.get(target)!));
        continue;
      }
      work.pop();
      const parent = work[work.length - 1];
      if (parent) low.set(parent.node, Math.min(low.get(parent.node)!, low.get(node)!));
      if (low.get(node) !== index.get(node)) continue;
      const group: string[] = [];
      let member: string;
      do {
        member = stack.pop()!;
        onStack.delete(member);
        group.push(member);
      } while (member !== node);
      groups.push(group.sort());
    }
  }
  return groups;
}

/** The shortest loop from the group's first file back to itself, staying inside the group. */
function loopThrough(
  graph: ReadonlyMap<string, ReadonlyArray<string>>,
  group: ReadonlySet<string>,
): string[] {
  const start = [...group].sort()[0]!;
  const cameFrom = new Map<string, string>();
  const queue = [start];
  while (queue.length > 0) {
    const node = queue.shift()!;
    for (const target of graph.get(node)!) {
      if (!group.has(target)) continue;
      if (target === start) {
        const between: string[] = [];
        for (let at = node; at !== start; at = cameFrom.get(at)!) between.unshift(at);
        return [start, ...between, start];
      }
      if (!cameFrom.has(target)) {
        cameFrom.set(target, node);
        queue.push(target);
      }
    }
  }
  return [start, start];
}
