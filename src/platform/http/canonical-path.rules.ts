/**
 * One spelling per path. RFC 3986 §2.3: percent-encoded unreserved characters are equivalent to
 * the characters themselves and "should be normalized"; the router decodes them, so `/%61pi/users`
 * would route as `/api/users` while anything reading the URL text sees another path. We refuse
 * such spellings instead of guessing, with a message naming the plain one.
 */
const ENCODED = /%([0-9A-Fa-f]{2})/g;
const UNRESERVED = /^[A-Za-z0-9\-._~]$/;

export interface PathProblem {
  path: string;
  message: string;
}

/** The problem with the path of a request URL, or undefined when it is canonical. */
export function canonicalPathProblem(url: string): PathProblem | undefined {
  const path = url.split('?')[0] ?? '';
  if (!path.includes('%')) return undefined;
  const plain = path.replace(ENCODED, (whole, hex: string) => {
    const char = String.fromCharCode(Number.parseInt(hex, 16));
    return UNRESERVED.test(char) ? char : whole;
  });
  if (plain === path) return undefined;
  return { path, message: `Spell the path without percent-encoding letters, digits or "-._~": ${plain}` };
}
