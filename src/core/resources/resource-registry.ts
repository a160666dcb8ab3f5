import type { ResourceDefinition } from './resource.types.ts';

/** Checks the resources the enabled areas and modules declare: names and paths must be unique. */
export function checkResources(all: ReadonlyArray<ResourceDefinition>): ReadonlyArray<ResourceDefinition> {
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
