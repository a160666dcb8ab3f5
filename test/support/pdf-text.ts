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
