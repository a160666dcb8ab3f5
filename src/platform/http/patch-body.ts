import { z } from 'zod';

type WithoutDefault<T> = T extends z.ZodDefault<infer Inner> ? Inner : T;
type PatchShape<S extends z.ZodRawShape> = { [K in keyof S]: z.ZodOptional<WithoutDefault<S[K]>> };

/**
 * The body of a PATCH route made from an object schema: every field optional and NO field's
 * `.default()` applied. zod 4's `.partial()` keeps each default, so `{ "cutoffTime": "09:00" }`
 * would come out with every other defaulted field reset; a partial update must change only the
 * fields it names. Use this (never `.partial()`) for patch bodies.
 */
export function patchBodyOf<S extends z.ZodRawShape>(schema: z.ZodObject<S>): z.ZodObject<PatchShape<S>> {
  const shape: Record<string, z.ZodType> = {};
  for (const [key, field] of Object.entries(schema.shape)) {
    const inner = field instanceof z.ZodDefault ? (field.unwrap() as z.ZodType) : (field as z.ZodType);
    shape[key] = inner.optional();
  }
  return z.object(shape) as z.ZodObject<PatchShape<S>>;
}
