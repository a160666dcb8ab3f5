export type MaterialUnit = 'g' | 'ml' | 'pcs';

/**
 * A unit as people typed it in the original (`g`, `G`, `克`, `mL`, `毫升`, `个`) in Opsdesk's, with the
 * factor to it (`kg` is 1000 g); null when it names no unit Opsdesk counts in.
 */
export function unitOf(text: string | null | undefined): { unit: MaterialUnit; factor: number } | null {
  const t = (text ?? '').trim().toLowerCase();
  if (['g', 'gr', 'gram', 'grams', '克'].includes(t)) return { unit: 'g', factor: 1 };
  if (['kg', '千克', '公斤'].includes(t)) return { unit: 'g', factor: 1000 };
  if (['ml', 'milliliter', 'millilitre', '毫升'].includes(t)) return { unit: 'ml', factor: 1 };
  if (['l', 'liter', 'litre', '升'].includes(t)) return { unit: 'ml', factor: 1000 };
  if (['pcs', 'pc', 'piece', 'pieces', 'cup', 'cups', '个', '杯', '只', '件'].includes(t))
    return { unit: 'pcs', factor: 1 };
  return null;
}
