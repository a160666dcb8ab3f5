import { fromRestrictedDigits, toRestrictedDigits } from './restricted-digits.ts';
import { siphash24Halves } from './siphash.ts';

/**
 * OpenPAYGO Token v2.3 (EnAccess/OpenPAYGO-python `token_encode.py`, `token_decode.py`,
 * `token_shared.py`, `token_shared_extended.py`), reimplemented: the encoder the server runs for
 * every purchase and the decoder a meter (or support staff checking a typed token) runs.
 */

export const TOKEN_TYPES = ['ADD_TIME', 'SET_TIME', 'DISABLE_PAYG', 'COUNTER_SYNC'] as const;
export type TokenType = (typeof TOKEN_TYPES)[number];

export const MAX_VALUE = 995;
export const MAX_VALUE_EXTENDED = 999_999;
export const DISABLE_PAYG_VALUE = 998;
export const COUNTER_SYNC_VALUE = 999;
export const MAX_TOKEN_JUMP = 64;
export const MAX_TOKEN_JUMP_COUNTER_SYNC = 100;
export const MAX_UNUSED_OLDER_TOKENS = 8 * 2;

/** A device's secret key: 32 hexadecimal characters (16 bytes). */
export function keyBytes(hex: string): Uint8Array {
  if (!/^[0-9a-fA-F]{32}$/.test(hex)) throw new OpenPaygoError('key must be 32 hexadecimal characters');
  return Uint8Array.from(Buffer.from(hex, 'hex'));
}

export class OpenPaygoError extends Error {}

interface Format {
  /** 10^digits of the value part of the code (1000 standard, 1 000 000 extended). */
  base: number;
  bits: number;
  digits: number;
  /** The code after `code`; `scratch` is the caller's 8-byte message buffer, rewritten each step. */
  next(code: number, key: Uint8Array, scratch: Scratch): number;
}

/** One 8-byte message buffer per token: every hash step of that token rewrites it, nothing outlives the call. */
interface Scratch {
  bytes: Uint8Array;
  view: DataView;
}
const newScratch = (): Scratch => {
  const bytes = new Uint8Array(8);
  return { bytes, view: new DataView(bytes.buffer) };
};

const STANDARD: Format = {
  base: 1000,
  bits: 30,
  digits: 9,
  next(code, key, scratch) {
    scratch.view.setUint32(0, code >>> 0);
    scratch.view.setUint32(4, code >>> 0);
    const [hi, lo] = siphash24Halves(key, scratch.bytes);
    let t = ((hi ^ lo) >>> 2) & 0x3fffffff;
    if (t > 999_999_999) t -= 73_741_825;
    return t;
  },
};

const EXTENDED: Format = {
  base: 1_000_000,
  bits: 40,
  digits: 12,
  next(code, key, scratch) {
    scratch.view.setUint32(0, Math.floor(code / 2 ** 32));
    scratch.view.setUint32(4, code >>> 0);
    const [hi, lo] = siphash24Halves(key, scratch.bytes);
    // bits 24..63 of the hash: the low 32 bits of `hi` above the low 8 bits of `lo`'s top byte
    let t = hi * 256 + (lo >>> 24);
    if (t > 999_999_999_999) t -= 99_511_627_777;
    return t;
  },
};

const formatOf = (extended: boolean): Format => (extended ? EXTENDED : STANDARD);
const withBase = (code: number, base: number, f: Format) => code - (code % f.base) + base;

/** The count a token of this type is encoded at: Add Time on even counts, the others on odd ones. */
export function nextCount(count: number, type: TokenType): number {
  const odd = count % 2 === 1;
  if (type === 'ADD_TIME') return odd ? count + 1 : count + 2;
  return odd ? count + 2 : count + 1;
}

export interface EncodeInput {
  key: string;
  startingCode: number;
  /** The device's last used count (a new device starts at 1). */
  count: number;
  type: TokenType;
  /** Days/units for Add and Set Time (0–995, extended 0–999 999); ignored for the others. */
  value?: number | null;
  restrictedDigitSet?: boolean;
  extendedToken?: boolean;
}

export interface EncodedToken {
  token: string;
  newCount: number;
}

export function encodeToken(input: EncodeInput): EncodedToken {
  const f = formatOf(input.extendedToken === true);
  const key = keyBytes(input.key);
  let value: number;
  if (input.type === 'DISABLE_PAYG') value = DISABLE_PAYG_VALUE;
  else if (input.type === 'COUNTER_SYNC') value = COUNTER_SYNC_VALUE;
  else {
    value = input.value ?? -1;
    const max = input.extendedToken ? MAX_VALUE_EXTENDED : MAX_VALUE;
    if (!Number.isInteger(value) || value < 0 || value > max)
      throw new OpenPaygoError(`value must be an integer from 0 to ${max}`);
  }
  if (!Number.isInteger(input.count) || input.count < 0) throw new OpenPaygoError('count must be >= 0');
  if (!Number.isInteger(input.startingCode) || input.startingCode < 0 || input.startingCode >= 10 ** f.digits)
    throw new OpenPaygoError(`starting code must have at most ${f.digits} digits`);
  const tokenBase = ((input.startingCode % f.base) + value) % f.base;
  const newCount = nextCount(input.count, input.type);
  let code = withBase(input.startingCode, tokenBase, f);
  const scratch = newScratch();
  for (let i = 0; i < newCount; i++) code = f.next(code, key, scratch);
  const final = withBase(code, tokenBase, f);
  const token = input.restrictedDigitSet
    ? toRestrictedDigits(final, f.bits)
    : String(final).padStart(f.digits, '0');
  return { token, newCount };
}

/** What a meter keeps: its key, starting code, last accepted count and the recently used counts. */
export interface DeviceState {
  key: string;
  startingCode: number;
  lastCount: number;
  usedCounts: number[];
  restrictedDigitSet?: boolean;
  extendedToken?: boolean;
}

export type DecodeResult =
  | { status: 'valid'; type: TokenType; value: number | null; count: number; device: DeviceState }
  | { status: 'already_used' }
  | { status: 'invalid' };

function isCountValid(count: number, last: number, value: number, type: TokenType, used: number[]): boolean {
  if (value === COUNTER_SYNC_VALUE) return count > last - MAX_TOKEN_JUMP;
  if (count > last) return true;
  return count > last - MAX_UNUSED_OLDER_TOKENS && type === 'ADD_TIME' && !used.includes(count);
}

function updatedUsedCounts(past: number[], value: number, count: number, type: TokenType): number[] {
  const highest = Math.max(count, ...past, 0);
  const bottom = highest - MAX_UNUSED_OLDER_TOKENS;
  const out: number[] = [];
  const all = type !== 'ADD_TIME' || value === COUNTER_SYNC_VALUE || value === DISABLE_PAYG_VALUE;
  for (let c = Math.max(bottom, 0); c <= highest; c++)
    if (all || c === count || past.includes(c)) out.push(c);
  return out;
}

/**
 * A typed token as a number of the device's format (digits 1–4 on a restricted digit set), with the
 * value it carries relative to the device's starting code; undefined when it cannot be one.
 */
function readTyped(
  device: Pick<DeviceState, 'startingCode' | 'restrictedDigitSet' | 'extendedToken'>,
  typed: string,
) {
  const f = formatOf(device.extendedToken === true);
  const clean = typed.replace(/[\s-]/g, '');
  const expectedLength = device.restrictedDigitSet ? f.bits / 2 : f.digits;
  if (clean.length !== expectedLength || !(device.restrictedDigitSet ? /^[1-4]+$/ : /^\d+$/).test(clean))
    return undefined;
  const token = device.restrictedDigitSet ? fromRestrictedDigits(clean) : Number(clean);
  const tokenBase = token % f.base;
  return { f, token, tokenBase, value: (tokenBase - (device.startingCode % f.base) + f.base) % f.base };
}

/** Even counts carry Add Time tokens, odd ones Set Time. */
const parityAt = (count: number): TokenType => (count % 2 ? 'SET_TIME' : 'ADD_TIME');

/** What a found token means: Disable PAYG and Counter Sync by their value, else Add/Set Time by its count. */
function meaningOf(value: number, parity: TokenType): { type: TokenType; value: number | null } {
  const type: TokenType =
    value === DISABLE_PAYG_VALUE ? 'DISABLE_PAYG' : value === COUNTER_SYNC_VALUE ? 'COUNTER_SYNC' : parity;
  return { type, value: type === 'ADD_TIME' || type === 'SET_TIME' ? value : null };
}

/**
 * Checks a typed token against a device the way the meter does: counts up to last+64 (+100 for a
 * counter sync); an older Add Time token within the last 16 counts only if never used; anything
 * matched but not acceptable is `already_used`. Returns the device's state after accepting it.
 */
export function decodeToken(device: DeviceState, typed: string): DecodeResult {
  const typedToken = readTyped(device, typed);
  if (!typedToken) return { status: 'invalid' };
  const { f, token, tokenBase, value } = typedToken;
  const key = keyBytes(device.key);
  const scratch = newScratch();
  const maxTry =
    device.lastCount + (value === COUNTER_SYNC_VALUE ? MAX_TOKEN_JUMP_COUNTER_SYNC : MAX_TOKEN_JUMP) + 1;
  let code = withBase(device.startingCode, tokenBase, f);
  let older = false;
  for (let count = 0; count < maxTry; count++) {
    if (withBase(code, tokenBase, f) === token) {
      const parity = parityAt(count);
      if (isCountValid(count, device.lastCount, value, parity, device.usedCounts)) {
        return {
          status: 'valid',
          ...meaningOf(value, parity),
          count,
          device: {
            ...device,
            lastCount: Math.max(device.lastCount, count),
            usedCounts: updatedUsedCounts(device.usedCounts, value, count, parity),
          },
        };
      }
      older = true;
    }
    code = f.next(code, key, scratch);
  }
  return { status: older ? 'already_used' : 'invalid' };
}

/** Where a genuine token sits on a device's chain. */
export interface LocatedToken {
  count: number;
  type: TokenType;
  /** The raw value (Add/Set Time), null for Disable PAYG and Counter Sync. */
  value: number | null;
}

/**
 * Finds the count a typed token was generated at, trying every count from 0 to `maxCount` with no
 * window (a meter's decoder only looks 64 ahead of its last count; staff checking a token want to
 * know whether it is the meter's at all, and which one). Undefined when it is not this device's.
 */
export function locateToken(
  device: Pick<DeviceState, 'key' | 'startingCode' | 'restrictedDigitSet' | 'extendedToken'>,
  typed: string,
  maxCount: number,
): LocatedToken | undefined {
  const typedToken = readTyped(device, typed);
  if (!typedToken) return undefined;
  const { f, token, tokenBase, value } = typedToken;
  const key = keyBytes(device.key);
  let code = withBase(device.startingCode, tokenBase, f);
  const scratch = newScratch();
  for (let count = 0; count <= maxCount; count++) {
    if (withBase(code, tokenBase, f) === token) return { count, ...meaningOf(value, parityAt(count)) };
    code = f.next(code, key, scratch);
  }
  return undefined;
}

/** The starting code OpenPAYGO derives from a key when none is given: token-ify(SipHash(key, key)). */
export function startingCodeFromKey(hexKey: string): number {
  const key = keyBytes(hexKey);
  const [hi, lo] = siphash24Halves(key, key);
  let t = ((hi ^ lo) >>> 2) & 0x3fffffff;
  if (t > 999_999_999) t -= 73_741_825;
  return t;
}

/** One line of the official test file (`test_tokens.jsonl`) as the CLI reads it. */
export interface VectorLine {
  key: string;
  starting_code: number;
  count: number;
  token_type: TokenType;
  value_raw: number | null;
  restricted_digit_set: boolean;
  extended_token: boolean;
}

export function encodeVectorLine(line: VectorLine): { token: string; new_count: number } {
  if (!TOKEN_TYPES.includes(line.token_type))
    throw new OpenPaygoError(`unknown token_type ${line.token_type}`);
  const { token, newCount } = encodeToken({
    key: line.key,
    startingCode: line.starting_code,
    count: line.count,
    type: line.token_type,
    value: line.value_raw,
    restrictedDigitSet: line.restricted_digit_set,
    extendedToken: line.extended_token,
  });
  return { token, new_count: newCount };
}
