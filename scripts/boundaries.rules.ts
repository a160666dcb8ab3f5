/**
 * The dependency rules of DESIGN.md as a pure function over (file, imported file) pairs:
 * 1. layers: modules → core → platform; channels → core → platform; only app/ sees everything;
 *    modules never import each other, nor do channels (each outside service stands behind a core
 *    interface; what two drivers share belongs to that interface's core area);
 *    web/ may use core areas (the scanner shares pass verification with the server) and a
 *    module's `browser.ts` (its pure rules, e.g. the mess scan decision);
 * 2. another area is reached only through its index.ts.
 */
export interface ImportEdge {
  from: string;
  to: string;
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

/** Every broken rule, as a readable line. */
export function findViolations(edges: ReadonlyArray<ImportEdge>): string[] {
  const problems: string[] = [];
  for (const { from, to } of edges) {
    const a = place(from);
    const b = place(to);
    if (!a || !b) continue;
    // The offline scanner shares a module's pure rules through that module's browser entry only.
    const browserEntry = a.layer === 'web' && b.layer === 'modules' && b.rest === 'browser.ts';
    if (!browserEntry && !ALLOWED[a.layer].includes(b.layer)) {
      problems.push(`${from} imports ${to}: ${a.layer}/ must not depend on ${b.layer}/`);
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
