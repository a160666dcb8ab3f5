import { z } from 'zod';

/**
 * A recipe, as machines run it (the original system's JSON schema, expressed in zod 4, which the
 * repository already validates every request with): steps and the materials they draw from bins.
 */
/**
 * A material's code as bins and recipes name it: 1 to 100 characters of any script (the original's
 * `燕麦粉`), no whitespace or control characters.
 */
export const materialCode = z.string().regex(/^[^\s\p{C}]{1,100}$/u, 'a material code: no spaces');

export const recipeSchema = z.object({
  name: z.string().min(1).max(100),
  version: z.string().min(1).max(20),
  description: z.string().max(500).optional(),
  category: z.string().max(50).optional(),
  prepTimeSeconds: z.number().int().min(1).max(600).optional(),
  steps: z
    .array(
      z.object({
        // the step's key within the recipe (not a record id)
        key: z.string().min(1).max(40),
        name: z.string().min(1).max(100),
        type: z.enum(['dispense', 'grind', 'brew', 'heat', 'froth', 'mix', 'wait']),
        params: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])).default({}),
        durationSeconds: z.number().min(0).max(600).optional(),
        temperature: z.number().min(0).max(100).optional(),
        materials: z.array(materialCode).optional(),
      }),
    )
    .min(1)
    .max(50),
  materials: z
    .array(
      z.object({
        materialCode,
        binIndex: z.number().int().min(0).max(63),
        amount: z.number().positive(),
        unit: z.enum(['g', 'ml', 'pcs']),
      }),
    )
    .min(1)
    .max(20),
});
export type Recipe = z.infer<typeof recipeSchema>;

export const newPackageSchema = z.object({ recipes: z.array(recipeSchema).min(1).max(200) });

/** The same JSON for the same recipes (keys sorted), so the checksum is stable. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object')
    return `{${Object.keys(value)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonicalJson((value as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  return JSON.stringify(value);
}
