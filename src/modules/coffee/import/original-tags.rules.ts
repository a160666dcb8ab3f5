import type { ImportFlag } from '../../../core/imports/index.ts';
import { TAG_PATTERN } from '../coffee.contract.ts';

/** At most this many tags fit a machine edited in the console (`newDeviceSchema`); more are kept, flagged. */
const TAGS_EDITABLE = 20;

/**
 * The words of the original's `tags`, a free JSON column its register API stored as the firmware
 * sent it: a list (`["VIP", "mall:west"]`), an object (`{"区域": "北京", "楼层": 3}`, nested too),
 * a text (`"airport, T2"`), a number or null.
 */
function wordsOf(value: unknown, prefix = ''): string[] {
  if (value === null || value === undefined || value === '') return prefix ? [prefix.slice(0, -1)] : [];
  if (Array.isArray(value)) return value.flatMap((v) => wordsOf(v, prefix));
  if (typeof value === 'object')
    return Object.entries(value as Record<string, unknown>).flatMap(([k, v]) => {
      if (v === true || v === null || v === '') return [`${prefix}${k}`];
      if (typeof v === 'object') return wordsOf(v, `${prefix}${k}.`);
      return [`${prefix}${k}:${String(v)}`];
    });
  const text = String(value);
  const label = prefix ? `${prefix.slice(0, -1)}:` : '';
  return typeof value === 'string' ? text.split(/[,，、]/).map((w) => `${label}${w}`) : [`${label}${text}`];
}

/**
 * The original's tags as Opsdesk tags, whole: every script and `:` stay (an object's entry is
 * `key:value`, a nested one `key.sub:value`), lower case, spaces inside a tag as `-`, the same tag
 * once. Nothing is refused: a tag longer than a tag may be, or more tags than a machine's page edits,
 * are kept as they are and flagged for a person.
 */
export function originalTags(value: unknown): { tags: string[]; flags: ImportFlag[] } {
  const tags = [
    ...new Set(
      wordsOf(value)
        .map((w) =>
          w
            .replace(/\p{C}/gu, '')
            .trim()
            .toLowerCase()
            .replace(/[\s,]+/gu, '-'),
        )
        .filter((w) => w !== ''),
    ),
  ];
  const flags: ImportFlag[] = [];
  for (const t of tags)
    if (!TAG_PATTERN.test(t))
      flags.push({
        field: 'tags',
        reason:
          [...t].length > 64
            ? `the tag "${t}" is longer than 64 characters: kept as it was; shorten it before a rollout names it`
            : `the tag "${t}" has characters a tag cannot hold: kept as it was; rename it before a rollout names it`,
      });
  if (tags.length > TAGS_EDITABLE)
    flags.push({
      field: 'tags',
      reason: `${tags.length} tags: all kept; the machine's page saves at most ${TAGS_EDITABLE}`,
    });
  return { tags, flags };
}
