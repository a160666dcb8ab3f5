/**
 * Which modules an organization runs (issue 28): the ones it chose, among those the deployment
 * enables; an organization that never chose (null) runs every enabled module.
 */
export function modulesRun(chosen: readonly string[] | null, enabled: readonly string[]): string[] {
  return chosen === null ? [...enabled] : enabled.filter((m) => chosen.includes(m));
}

/**
 * The permissions of a role left once the modules the organization does not run are taken out:
 * a permission is `<area>.<resource>.<action>`, and an area that is an enabled module the
 * organization does not run grants nothing there (its menu entries, cards and routes disappear).
 */
export function permissionsForModules(
  permissions: ReadonlySet<string>,
  enabled: readonly string[],
  run: readonly string[],
): Set<string> {
  const off = new Set(enabled.filter((m) => !run.includes(m)));
  return new Set([...permissions].filter((p) => !off.has(p.slice(0, p.indexOf('.')))));
}
