import { createHmac, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';

/**
 * A link that stands for a signed pass in a text message (issue 65). A signed pass (~170 characters)
 * would take an SMS part of its own, so the link holds the subject, its pass version and a keyed hash
 * of both (`<version>.<20 hex digits>`, 80 bits): a re-issued pass turns the old link off with the old
 * passes. `scope` keeps one module's links from opening another's (`exhibition.badge-link`).
 */
export function passLinkToken(
  secretKey: string,
  scope: string,
  subjectId: string,
  passVersion: number,
): string {
  return createHmac('sha256', secretKey)
    .update(`${scope}\u0000${subjectId.toLowerCase()}\u0000${passVersion}`)
    .digest('hex')
    .slice(0, 20);
}

/** The last segment of a pass link: the pass version and its keyed hash. */
export const passLinkSegment = (secretKey: string, scope: string, subjectId: string, passVersion: number) =>
  `${passVersion}.${passLinkToken(secretKey, scope, subjectId, passVersion)}`;

/** The route parameter a pass link's last segment is read by. */
export const passLinkParam = z
  .string()
  .regex(/^\d{1,10}\.[0-9a-f]{20}$/)
  .describe('pass version and keyed hash, as the SMS gave them');

/**
 * The pass version a link's segment names when its hash is this subject's (compared in constant
 * time), else undefined.
 */
export function passLinkVersion(
  secretKey: string,
  scope: string,
  subjectId: string,
  segment: string,
): number | undefined {
  const [version, token] = segment.split('.') as [string, string];
  const passVersion = Number(version);
  const expected = Buffer.from(passLinkToken(secretKey, scope, subjectId, passVersion));
  const given = Buffer.from(token ?? '');
  return given.length === expected.length && timingSafeEqual(given, expected) ? passVersion : undefined;
}
