import type { ModuleDefinition, ModuleDeps } from '../modules/index.ts';
import type { ResourceDefinition } from './resource.types.ts';

/** Every resource the enabled areas and modules declare; names and paths must be unique. */
export function collectResources(
  areas: ReadonlyArray<ModuleDefinition>,
  deps: ModuleDeps,
): ResourceDefinition[] {
  const all = areas.flatMap((area) => area.resources?.(deps) ?? []);
  const names = new Set<string>();
  const paths = new Set<string>();
  for (const r of all) {
    if (names.has(r.name)) throw new Error(`resource ${r.name} declared twice`);
    if (paths.has(r.path)) throw new Error(`resource path ${r.path} declared twice`);
    names.add(r.name);
    paths.add(r.path);
  }
  return all;
}
