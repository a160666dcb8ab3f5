/** Parses RFC 4180 CSV (quotes, doubled quotes, CRLF); enough to read a header and count rows. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  for (let i = 0; i < body.length; i++) {
    const ch = body[i]!;
    if (quoted) {
      if (ch === '"' && body[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      row.push(field);
      field = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && body[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += ch;
  }
  if (field !== '' || row.length) {
    row.push(field);
    rows.push(row);
  }
  return rows.filter((r) => r.some((cell) => cell.trim() !== ''));
}

const norm = (s: string) => s.toLowerCase().replace(/[^a-z0-9]/g, '');

/** Guesses which resource column each CSV header means (by name or label, ignoring case and punctuation). */
export function guessMapping(
  headers: string[],
  columns: { name: string; label?: string }[],
): Record<string, string> {
  const mapping: Record<string, string> = {};
  for (const header of headers) {
    const hit = columns.find(
      (c) =>
        norm(c.name) === norm(header) || (c.label && norm(c.label.split('.').pop() ?? '') === norm(header)),
    );
    if (hit) mapping[header] = hit.name;
  }
  return mapping;
}
