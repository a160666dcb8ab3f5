import { ApiError } from './api.ts';

/** Why a staff page's sign-in failed: no network, a wrong e-mail or password, or the server's own words. */
export function signInProblem(err: unknown): string {
  if (!(err instanceof ApiError)) return err instanceof Error ? err.message : String(err);
  return err.kind === 'network' ? 'offline' : err.status === 401 ? 'failed' : err.message;
}

/** The words of a sign-in page, from its own catalog. */
export type SignInWords = (
  key: 'login.offline' | 'login.failed' | 'login.error',
  vars?: Record<string, string>,
) => string;

/** `signInProblem`'s answer as the page says it (nothing when there is none). */
export function signInProblemText(problem: string | undefined, word: SignInWords): string {
  if (problem === undefined) return '';
  if (problem === 'offline') return word('login.offline');
  if (problem === 'failed') return word('login.failed');
  return word('login.error', { detail: problem });
}
