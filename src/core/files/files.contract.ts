import { z } from 'zod';

export const fileSchema = z.object({
  id: z.string().uuid(),
  sha256: z.string(),
  sizeBytes: z.number().int(),
  contentType: z.string().describe('Sniffed from the bytes'),
  originalName: z.string(),
  purpose: z.string(),
  uploadedBy: z.object({ type: z.string(), id: z.string().nullable(), label: z.string() }),
  createdAt: z.iso.datetime(),
});

export const storedFileSchema = fileSchema.extend({
  duplicateOf: z.array(z.string()).describe('Earlier files of this organization with the same bytes'),
});

export const idParams = z.object({ id: z.string().uuid() });

export const contentQuery = z.object({
  download: z
    .enum(['true', 'false', '1', '0'])
    .optional()
    .transform((v) => v === 'true' || v === '1')
    .describe('Send as an attachment even for images and PDFs'),
});
