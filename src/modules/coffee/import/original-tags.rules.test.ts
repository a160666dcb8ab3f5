import { describe, expect, it } from 'vitest';
import { tag } from '../coffee.contract.ts';
import { originalTags } from './original-tags.rules.ts';

describe('the original machine tags (free JSON) as Opsdesk tags', () => {
  it('keeps any script and `:`, an object as key:value, lower case, once', () => {
    expect(originalTags({ 区域: '北京', 楼层: 3 }).tags).toEqual(['区域:北京', '楼层:3']);
    expect(originalTags(['VIP', '24h', 'mall:west', 'VIP']).tags).toEqual(['vip', '24h', 'mall:west']);
    expect(originalTags(['旗舰店', 'नई दिल्ली', 'الحمرا']).tags).toEqual(['旗舰店', 'नई-दिल्ली', 'الحمرا']);
    expect(originalTags({ geo: { city: '上海' }, outdoor: true, paid: false, note: null }).tags).toEqual([
      'geo.city:上海',
      'outdoor',
      'paid:false',
      'note',
    ]);
  });

  it('reads a text as a list separated by commas, and nothing from null or empty JSON', () => {
    expect(originalTags('airport, T2').tags).toEqual(['airport', 't2']);
    expect(originalTags('机场，二号楼').tags).toEqual(['机场', '二号楼']);
    for (const none of [null, undefined, [], {}, '']) expect(originalTags(none).tags).toEqual([]);
  });

  it('makes tags the API takes, and flags rather than refuses a tag too long to be one', () => {
    for (const t of originalTags(['区域:北京', 'zone:a:1', 'नई-दिल्ली']).tags)
      expect(tag.safeParse(t).success).toBe(true);
    const long = 'x'.repeat(70);
    expect(originalTags([long])).toEqual({
      tags: [long],
      flags: [{ field: 'tags', reason: expect.stringMatching(/longer than 64 characters: kept as it was/) }],
    });
    const many = originalTags(Array.from({ length: 25 }, (_, i) => `t${i}`));
    expect(many.tags).toHaveLength(25);
    expect(many.flags).toEqual([
      { field: 'tags', reason: "25 tags: all kept; the machine's page saves at most 20" },
    ]);
  });
});
