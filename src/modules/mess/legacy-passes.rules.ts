import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * The original mess system's QR pass (Django, `core/services.py` QRService): the text
 * `v|student_id|issued_at|nonce|signature`, where `v` is its `qr_secret_version`, `student_id` the
 * student's UUID there, `issued_at` Unix seconds, `nonce` the student's `qr_nonce` and `signature`
 * the hex HMAC-SHA256 of the first four fields (joined by `|`) under its `QR_SECRET`.
 */
export interface LegacyPass {
  version: number;
  legacyId: string;
  issuedAt: Date;
  nonce: string;
  signature: string;
  /** The signed text: the four fields joined by `|`. */
  message: string;
}

const SHAPE = /^(\d{1,9})\|([0-9a-fA-F-]{32,36})\|(\d{1,12})\|([0-9A-Za-z]{1,50})\|([0-9a-fA-F]{64})$/;

/** The original's pass read from a scanned string, or undefined when it is not one (shape only). */
export function parseLegacyPass(code: string): LegacyPass | undefined {
  const m = SHAPE.exec(code.trim());
  if (!m) return undefined;
  // SHAPE has five groups, none optional: a match holds each of them.
  const [v, legacyId, issued, nonce, signature] = m.slice(1, 6).map(String) as [
    string,
    string,
    string,
    string,
    string,
  ];
  return {
    version: Number(v),
    legacyId: legacyId.toLowerCase(),
    issuedAt: new Date(Number(issued) * 1000),
    nonce,
    signature: signature.toLowerCase(),
    message: `${v}|${legacyId}|${issued}|${nonce}`,
  };
}

/** The original's signature of a pass's fields (what its generator wrote), for checks and fixtures. */
export const legacySignature = (message: string, qrSecret: string): string =>
  createHmac('sha256', Buffer.from(qrSecret, 'utf8')).update(message, 'utf8').digest('hex');

/** Whether the pass was signed with this secret (constant time, as the original compared). */
export function legacySignatureValid(pass: LegacyPass, qrSecret: string): boolean {
  const expected = Buffer.from(legacySignature(pass.message, qrSecret), 'hex');
  const given = Buffer.from(pass.signature, 'hex');
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/** What the original knew of the student the pass names, as brought over. */
export interface LegacyStudent {
  studentId: string;
  nonce: string;
  qrVersion: number;
  /** The student's pass version here when brought over (a re-issue here since revokes the old pass). */
  passVersion: number;
}

/** Why an authentic-looking old pass is refused (the scan's reason is `pass_<reason>`). */
export type LegacyRefusal = 'malformed' | 'bad_signature' | 'expired' | 'revoked';

export type LegacyVerdict =
  | { ok: true; student: LegacyStudent | undefined }
  | { ok: false; reason: LegacyRefusal; student?: LegacyStudent };

/**
 * The transition's rule for one old pass shown at `localDate` (the organization's calendar day):
 * without an old secret the organization accepts none (as before: not a pass); with it, old passes
 * open the mess from the import on (`opsdesk import mess --answer qrSecret=…` keeps the secret) until
 * the owner's last day, when one is set, and are `expired` after it; a wrong signature is
 * `bad_signature`; a nonce or version other than the student's there was replaced in the original
 * (`revoked`, as it refused them). An authentic pass naming a student not brought over is accepted
 * as a pass but names nobody (`unknown_student`).
 */
export function judgeLegacyPass(
  pass: LegacyPass,
  input: {
    qrSecret: string | undefined;
    until: string | null;
    localDate: string;
    student: LegacyStudent | undefined;
  },
): LegacyVerdict {
  if (!input.qrSecret) return { ok: false, reason: 'malformed' };
  if (!legacySignatureValid(pass, input.qrSecret)) return { ok: false, reason: 'bad_signature' };
  const student = input.student;
  const known = student ? { student } : {};
  if (input.until && input.localDate > input.until) return { ok: false, reason: 'expired', ...known };
  if (student && (student.nonce !== pass.nonce || student.qrVersion !== pass.version))
    return { ok: false, reason: 'revoked', student };
  return { ok: true, student };
}
