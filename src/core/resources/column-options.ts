import type { ResourceColumn } from './resource.types.ts';

/** An enum column's allowed values, whether declared as a list or read from the started app. */
export function columnOptions(column: Pick<ResourceColumn, 'options'>): readonly string[] {
  const { options } = column;
  return typeof options === 'function' ? options() : (options ?? []);
}
