import { UUID_SOURCE } from '../../platform/ids/browser.ts';
import { type ByteReader, PassMalformed, PassTruncated } from './byte-reader.ts';
import type { PassSubject } from './pass.types.ts';
import { PassErrors } from './passes.errors.ts';

const TYPE_PATTERN = /^[a-z][a-z0-9_-]{0,7}$/;
// Lower case only, unlike `isUuid`: its 16 bytes decode to lower case, so an upper-case id is kept as text.
const LOWER_CASE_UUID = new RegExp(`^${UUID_SOURCE}$`);
const ID_KIND_UUID = 1;
const ID_KIND_TEXT = 2;
const MAX_TEXT_ID_BYTES = 64;

/** Bytes of a subject: type length ‖ type ‖ id kind ‖ (16-byte UUID | length ‖ UTF-8 id). */
export function encodeSubject(subject: PassSubject): Uint8Array {
  if (!TYPE_PATTERN.test(subject.type)) throw PassErrors.invalid_subject({ type: subject.type });
  const type = new TextEncoder().encode(subject.type);
  const id = encodeId(subject.id);
  return Uint8Array.from([type.length, ...type, ...id]);
}

function encodeId(id: string): Uint8Array {
  if (LOWER_CASE_UUID.test(id)) {
    const hex = id.replaceAll('-', '');
    return Uint8Array.from([
      ID_KIND_UUID,
      ...Array.from({ length: 16 }, (_, i) => Number.parseInt(hex.slice(i * 2, i * 2 + 2), 16)),
    ]);
  }
  const text = new TextEncoder().encode(id);
  if (text.length === 0 || text.length > MAX_TEXT_ID_BYTES) {
    throw PassErrors.invalid_subject({ id, maxBytes: MAX_TEXT_ID_BYTES });
  }
  return Uint8Array.from([ID_KIND_TEXT, text.length, ...text]);
}

/** Reads a subject written by `encodeSubject`. */
export function readSubject(reader: ByteReader): PassSubject {
  const typeLength = reader.u8();
  if (typeLength < 1 || typeLength > 8) throw new PassMalformed('subject type length');
  const type = String.fromCharCode(...reader.take(typeLength));
  if (!TYPE_PATTERN.test(type)) throw new PassMalformed('subject type');
  const kind = reader.u8();
  if (kind === ID_KIND_UUID) return { type, id: uuidFromBytes(reader.take(16)) };
  if (kind !== ID_KIND_TEXT) throw new PassMalformed('subject id kind');
  const length = reader.u8();
  if (length < 1 || length > MAX_TEXT_ID_BYTES) throw new PassMalformed('subject id length');
  try {
    return { type, id: new TextDecoder('utf-8', { fatal: true }).decode(reader.take(length)) };
  } catch (error) {
    if (error instanceof PassTruncated) throw error;
    throw new PassMalformed('subject id utf-8');
  }
}

function uuidFromBytes(bytes: Uint8Array): string {
  const hex = Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
