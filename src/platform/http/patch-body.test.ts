import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { patchBodyOf } from './patch-body.ts';

describe('patchBodyOf', () => {
  const settings = z.object({
    ids: z.array(z.string()).default([]),
    cutoff: z
      .string()
      .regex(/^\d\d:\d\d$/)
      .default('23:00'),
    cap: z.number().int().nullable().default(null),
    name: z.string(),
  });

  it('keeps absent fields absent where .partial() would fill their defaults', () => {
    expect(settings.partial().parse({ cutoff: '09:00' })).toEqual({ ids: [], cutoff: '09:00', cap: null });
    expect(patchBodyOf(settings).parse({ cutoff: '09:00' })).toEqual({ cutoff: '09:00' });
  });

  it('still validates the fields it is given, and takes an explicit null', () => {
    expect(patchBodyOf(settings).safeParse({ cutoff: '9' }).success).toBe(false);
    expect(patchBodyOf(settings).parse({ cap: null })).toEqual({ cap: null });
    expect(patchBodyOf(settings).parse({})).toEqual({});
  });
});
