/**
 * Raster images a browser shows in place; anything else (a PDF too: it may carry JavaScript) is sent
 * as a download, so an uploaded file never runs as a page of this origin.
 */
const INLINE_TYPES = new Set(['image/png', 'image/jpeg', 'image/gif', 'image/webp']);

/**
 * The Content-Security-Policy of every response that serves a stored file: nothing loads or runs,
 * and `sandbox` gives the document an opaque origin even if a browser renders it, so a file opened
 * in a tab cannot reach the API with the viewer's session.
 */
export const FILE_CONTENT_SECURITY_POLICY =
  "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; sandbox";

/** Whether a sniffed type is allowed; an allowed entry may be exact (`image/png`) or a family (`image/*`). */
export function isAllowedType(contentType: string, allowed: ReadonlyArray<string>): boolean {
  return allowed.some(
    (a) => a === contentType || (a.endsWith('/*') && contentType.startsWith(a.slice(0, -1))),
  );
}

/** Text when the first 8 KiB hold no NUL byte and are valid UTF-8 (a sequence cut at the end is fine). */
export function looksLikeText(bytes: Uint8Array): boolean {
  const head = bytes.subarray(0, 8192);
  if (head.includes(0)) return false;
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(head, { stream: true });
    return true;
  } catch {
    return false;
  }
}

/**
 * The name a person gave a file, safe to store and show: the last path segment only (browsers send
 * `C:\fakepath\x.png`), without control or bidirectional-override characters, at most 255 characters.
 */
export function cleanOriginalName(name: string): string {
  const last = name.split(/[/\\]/).pop() ?? '';
  const clean = last.replace(/[\p{Cc}\u202A-\u202E\u2066-\u2069]/gu, '').trim();
  return [...clean].slice(0, 255).join('') || 'file';
}

/**
 * A `Content-Disposition` header (RFC 6266): an ASCII `filename` fallback plus the exact UTF-8 name
 * in `filename*` (RFC 8187). Raster images open inline unless a download is asked for.
 */
export function contentDisposition(name: string, contentType: string, download = false): string {
  const kind = download || !INLINE_TYPES.has(contentType) ? 'attachment' : 'inline';
  const ascii = name.replace(/[^\x20-\x7e]|["\\%]/g, '_');
  const encoded = encodeURIComponent(name).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `${kind}; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}

/** Sizes in words for refusals: `10 MB`, `512 KB`, `900 bytes`. */
export function describeSize(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${Number((bytes / (1024 * 1024)).toFixed(1))} MB`;
  if (bytes >= 1024) return `${Number((bytes / 1024).toFixed(1))} KB`;
  return `${bytes} bytes`;
}
