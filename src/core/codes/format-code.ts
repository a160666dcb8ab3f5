/** Groups a canonical code for reading aloud and printing: `formatCode('ABCD2345')` → `ABCD-2345`. */
export function formatCode(code: string, groupSize = 4, separator = '-'): string {
  if (!Number.isInteger(groupSize) || groupSize < 1) throw new RangeError(`bad group size: ${groupSize}`);
  const groups: string[] = [];
  for (let start = 0; start < code.length; start += groupSize)
    groups.push(code.slice(start, start + groupSize));
  return groups.join(separator);
}
