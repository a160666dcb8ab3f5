/** Why the camera would not start, as a word each page's catalog has (not the browser's English). */
export const CAMERA_PROBLEMS = ['denied', 'missing', 'busy', 'insecure', 'failed'] as const;
export type CameraProblem = (typeof CAMERA_PROBLEMS)[number];

/**
 * getUserMedia's refusals by their DOMException name
 * (https://w3c.github.io/mediacapture-main/#dom-mediadevices-getusermedia); no API at all means the
 * page is not on HTTPS (or localhost).
 */
export function cameraProblem(err: unknown): CameraProblem {
  const name = err instanceof Error ? err.name : '';
  if (name === 'NotAllowedError' || name === 'SecurityError') return 'denied';
  if (name === 'NotFoundError' || name === 'OverconstrainedError') return 'missing';
  if (name === 'NotReadableError' || name === 'AbortError') return 'busy';
  if (name === 'CameraApiMissing') return 'insecure';
  return 'failed';
}
