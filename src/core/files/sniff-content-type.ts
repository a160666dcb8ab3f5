import { looksLikeText } from './content-type.rules.ts';

/**
 * The content type of some bytes, read from their magic numbers (file-type), never from a name or a
 * client's header. Undetected bytes are `text/plain` when they read as UTF-8 text, else
 * `application/octet-stream`.
 */
export async function sniffContentType(bytes: Uint8Array): Promise<string> {
  // Loaded with the first upload, not at start.
  const { fileTypeFromBuffer } = await import('file-type');
  const found = await fileTypeFromBuffer(bytes);
  if (found) return found.mime;
  return looksLikeText(bytes) ? 'text/plain' : 'application/octet-stream';
}
