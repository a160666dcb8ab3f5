import { createHash } from 'node:crypto';
import type { Output } from './flow.types.ts';

/** An output split into what the history shows (JSON) and the bytes of a file it carries. */
export function storeOutput(output: Output): { payload: Record<string, unknown>; attachment: Buffer | null } {
  if ((output.kind === 'image' || output.kind === 'document') && 'bytes' in output.file) {
    const bytes = Buffer.from(output.file.bytes);
    const file = {
      fileName: output.file.fileName,
      mime: output.file.mime,
      size: bytes.length,
      sha256: createHash('sha256').update(bytes).digest('hex'),
    };
    return { payload: { ...output, file }, attachment: bytes };
  }
  return { payload: { ...output }, attachment: null };
}

/** The output a stored outbound row sends. */
export function loadOutput(payload: Record<string, unknown>, attachment: Buffer | null): Output {
  const output = payload as Output;
  if ((output.kind === 'image' || output.kind === 'document') && attachment) {
    const file = output.file as { fileName: string; mime: string };
    return { ...output, file: { bytes: attachment, fileName: file.fileName, mime: file.mime } };
  }
  return output;
}
