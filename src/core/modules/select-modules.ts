import type { AnyArea } from './module-definition.ts';

/**
 * Picks the enabled modules from `OPSDESK_MODULES` (`all` or a comma list); an unknown name is a
 * configuration error that names the known ones.
 */
export function selectModules(available: ReadonlyArray<AnyArea>, wanted: ReadonlyArray<string>): AnyArea[] {
  if (wanted.length === 0 || wanted.includes('all')) return [...available];
  const byName = new Map(available.map((m) => [m.name, m]));
  const unknown = wanted.filter((w) => !byName.has(w));
  if (unknown.length) {
    throw new Error(
      `OPSDESK_MODULES names unknown modules: ${unknown.join(', ')} (known: ${available.map((m) => m.name).join(', ') || 'none'})`,
    );
  }
  return wanted.map((w) => byName.get(w)!);
}
