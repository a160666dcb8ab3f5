import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { invalidSource } from './imports.errors.ts';
import type { ImportSource, SourceModel, SourceRecord } from './imports.types.ts';

/**
 * Records of a Django `dumpdata` JSON file (`python manage.py dumpdata mess > mess.json`): a list of
 * `{ "model": "mess.student", "pk": 1, "fields": {…} }`, a foreign key's field holding the other pk.
 */
export async function openDumpdataSource(path: string): Promise<ImportSource> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(await readFile(path, 'utf8'));
  } catch (err) {
    throw invalidSource(
      'from',
      `${path} is not a readable JSON file: ${(err as Error).message}`,
      'a dumpdata JSON file',
    );
  }
  return dumpdataSource(parsed, `dumpdata ${basename(path)}`);
}

/** The same, from the parsed JSON (a console upload). */
export function dumpdataSource(parsed: unknown, label: string): ImportSource {
  if (!Array.isArray(parsed))
    throw invalidSource(
      'from',
      'is not a dumpdata file: expected a JSON list',
      'a list of {model, pk, fields}',
    );
  const byModel = new Map<string, SourceRecord[]>();
  parsed.forEach((item, i) => {
    const r = item as { model?: unknown; pk?: unknown; fields?: unknown };
    if (typeof r?.model !== 'string' || r.pk === undefined || r.pk === null || typeof r.fields !== 'object')
      throw invalidSource(`from[${i}]`, 'is not a dumpdata record', '{model, pk, fields}');
    const model = r.model.toLowerCase();
    const list = byModel.get(model) ?? [];
    byModel.set(model, list);
    list.push({ model, pk: String(r.pk), fields: (r.fields ?? {}) as Record<string, unknown> });
  });
  const of = (m: SourceModel) => byModel.get(m.model) ?? [];
  return {
    label,
    found: async () => [...byModel.keys()].sort(),
    count: async (m) => of(m).length,
    async *records(m, batchSize) {
      const list = of(m);
      for (let i = 0; i < list.length; i += batchSize) yield list.slice(i, i + batchSize);
    },
    close: async () => {},
  };
}
