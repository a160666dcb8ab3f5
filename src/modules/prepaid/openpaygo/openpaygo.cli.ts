import { readFileSync } from 'node:fs';
import { decodeToken, encodeVectorLine, OpenPaygoError, type VectorLine } from './openpaygo.ts';

/**
 * `opsdesk openpaygo generate --file F`: one JSON object a line in the official test file's format
 * in, one `{"token": "...", "new_count": N}` line out per input, in order. Blank lines are skipped;
 * a bad line stops with its line number.
 */
export function generateTokenLines(file: string): string[] {
  const out: string[] = [];
  readFileSync(file, 'utf8')
    .split('\n')
    .forEach((line, i) => {
      if (!line.trim()) return;
      let parsed: VectorLine;
      try {
        parsed = JSON.parse(line) as VectorLine;
      } catch {
        throw new OpenPaygoError(`line ${i + 1}: not JSON`);
      }
      try {
        const { token, new_count } = encodeVectorLine(parsed);
        out.push(`{"token": ${JSON.stringify(token)}, "new_count": ${new_count}}`);
      } catch (err) {
        throw new OpenPaygoError(`line ${i + 1}: ${(err as Error).message}`);
      }
    });
  return out;
}

export interface DecodeOptions {
  key: string;
  startingCode: string;
  count: string;
  usedCounts?: string;
  token: string;
  restricted?: boolean;
  extended?: boolean;
}

/** `opsdesk openpaygo decode`: what a meter in the given state would do with a typed token. */
export function decodeForSupport(opts: DecodeOptions): string {
  const int = (s: string, what: string) => {
    if (!/^\d+$/.test(s)) throw new OpenPaygoError(`${what} must be a whole number`);
    return Number(s);
  };
  const usedCounts = (opts.usedCounts ?? '')
    .split(',')
    .filter((s) => s.trim())
    .map((s) => int(s.trim(), 'used count'));
  const result = decodeToken(
    {
      key: opts.key,
      startingCode: int(opts.startingCode, 'starting code'),
      lastCount: int(opts.count, 'count'),
      usedCounts,
      restrictedDigitSet: opts.restricted === true,
      extendedToken: opts.extended === true,
    },
    opts.token,
  );
  if (result.status !== 'valid') return JSON.stringify({ status: result.status });
  return JSON.stringify({
    status: 'valid',
    token_type: result.type,
    value: result.value,
    count: result.count,
    last_count: result.device.lastCount,
    used_counts: result.device.usedCounts,
  });
}
