import { inflateSync } from 'node:zlib';

/** WinAnsi's letters in 0x80–0x9f, where it differs from Latin-1 (Node decodes windows-1252 as Latin-1). */
const WIN_ANSI_HIGH: Record<number, string> = {
  128: '€',
  133: '…',
  145: '‘',
  146: '’',
  147: '“',
  148: '”',
  149: '•',
  150: '–',
  151: '—',
};
const winAnsi = (bytes: Buffer) => [...bytes].map((b) => WIN_ANSI_HIGH[b] ?? String.fromCharCode(b)).join('');

/**
 * The text runs of a PDFKit document drawn in its built-in fonts, one per `TJ`: the content
 * streams inflated, each run's hex glyph codes read as WinAnsi (the built-in fonts' encoding).
 * Enough to check which words a statement prints, not a general PDF reader.
 */
export function pdfTextRuns(pdf: Buffer): string[] {
  const runs: string[] = [];
  // PDFKit writes `stream\n`, the bytes, `\nendstream`: a `\r?` before the `\n` would take a compressed
  // stream's last byte when it is 0x0d (one stream in 256: its checksum's), and the stream would not inflate.
  for (const [, body] of pdf.toString('latin1').matchAll(/stream\n([\s\S]*?)\nendstream/g)) {
    let content: string;
    try {
      content = inflateSync(Buffer.from(body!, 'latin1')).toString('latin1');
    } catch {
      continue; // not a deflated stream (an image, a font)
    }
    for (const [, array] of content.matchAll(/\[([^\]]*)\]\s*TJ/g)) {
      const hex = [...array!.matchAll(/<([0-9a-fA-F]*)>/g)].map((m) => m[1]).join('');
      runs.push(winAnsi(Buffer.from(hex, 'hex')));
    }
  }
  return runs;
}

/** A PDF's objects by number: their dictionary text and, for a stream, its bytes inflated. */
function pdfObjects(pdf: Buffer): Map<string, { dict: string; stream?: string }> {
  const objects = new Map<string, { dict: string; stream?: string }>();
  for (const [, num, body] of pdf.toString('latin1').matchAll(/(\d+) 0 obj\s*([\s\S]*?)\bendobj/g)) {
    const at = body!.indexOf('stream\n');
    if (at < 0) {
      objects.set(num!, { dict: body! });
      continue;
    }
    const raw = Buffer.from(body!.slice(at + 7, body!.lastIndexOf('\nendstream')), 'latin1');
    let stream: string;
    try {
      stream = inflateSync(raw).toString('latin1');
    } catch {
      stream = raw.toString('latin1');
    }
    objects.set(num!, { dict: body!.slice(0, at), stream });
  }
  return objects;
}

/** A ToUnicode CMap as code (hex) to text: its bfchar pairs and bfrange ranges. */
function toUnicodeMap(cmap: string): Map<string, string> {
  const map = new Map<string, string>();
  const utf16 = (hex: string) => Buffer.from(hex, 'hex').swap16().toString('utf16le');
  for (const [, block] of cmap.matchAll(/beginbfchar([\s\S]*?)endbfchar/g))
    for (const [, src, dst] of block!.matchAll(/<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>/g))
      map.set(src!.toLowerCase(), utf16(dst!));
  for (const [, block] of cmap.matchAll(/beginbfrange([\s\S]*?)endbfrange/g))
    for (const [, lo, hi, dst] of block!.matchAll(
      /<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>\s*(\[[^\]]*\]|<[0-9a-fA-F]+>)/g,
    )) {
      const width = lo!.length;
      const from = Number.parseInt(lo!, 16);
      const targets = [...dst!.matchAll(/<([0-9a-fA-F]+)>/g)].map((m) => m[1]!);
      for (let code = from; code <= Number.parseInt(hi!, 16); code++) {
        const key = code.toString(16).padStart(width, '0');
        if (dst!.startsWith('[')) map.set(key, utf16(targets[code - from] ?? ''));
        else {
          const base = Buffer.from(targets[0]!, 'hex');
          base.writeUInt16BE(base.readUInt16BE(base.length - 2) + code - from, base.length - 2);
          map.set(key, utf16(base.toString('hex')));
        }
      }
    }
  return map;
}

/**
 * The text of a PDFKit document whatever its fonts: each `TJ` run read through the font it was drawn
 * in (`Tf`), an embedded face by its ToUnicode CMap (its glyph codes mean nothing without it), a
 * built-in one as WinAnsi. Enough to check which words a statement in bundled Noto faces prints.
 */
export function pdfUnicodeTextRuns(pdf: Buffer): string[] {
  const objects = pdfObjects(pdf);
  const decoders = new Map<string, (hex: string) => string>();
  for (const { dict } of objects.values())
    for (const [, fonts] of dict.matchAll(/\/Font\s*<<([^>]*)>>/g))
      for (const [, name, ref] of fonts!.matchAll(/\/(\w+)\s+(\d+) 0 R/g)) {
        const cmapRef = /\/ToUnicode\s+(\d+) 0 R/.exec(objects.get(ref!)?.dict ?? '')?.[1];
        const map = cmapRef ? toUnicodeMap(objects.get(cmapRef)?.stream ?? '') : undefined;
        decoders.set(
          name!,
          map
            ? (hex) => (hex.match(/.{4}/g) ?? []).map((code) => map.get(code.toLowerCase()) ?? '').join('')
            : (hex) => winAnsi(Buffer.from(hex, 'hex')),
        );
      }
  const runs: string[] = [];
  for (const { stream } of objects.values()) {
    if (!stream?.includes('TJ')) continue;
    let decode = (hex: string) => winAnsi(Buffer.from(hex, 'hex'));
    for (const [, font, array] of stream.matchAll(/\/(\w+)\s+[\d.]+\s+Tf|\[([^\]]*)\]\s*TJ/g)) {
      if (font) decode = decoders.get(font) ?? decode;
      else runs.push(decode([...array!.matchAll(/<([0-9a-fA-F]*)>/g)].map((m) => m[1]).join('')));
    }
  }
  return runs;
}
