import { describe, expect, it } from 'vitest';
import { ApiError } from './api.ts';
import { signInProblem, signInProblemText } from './sign-in.ts';

describe('a staff page sign-in that failed', () => {
  const words = { 'login.offline': 'No network', 'login.failed': 'Wrong e-mail or password' };
  const word = (key: string, vars?: Record<string, string>) =>
    words[key as keyof typeof words] ?? `Not signed in: ${vars?.detail}`;

  it('tells no network, wrong credentials and the server’s refusal apart', () => {
    const offline = signInProblem(new ApiError('network', 0, 'network', 'fetch failed'));
    const wrong = signInProblem(new ApiError('unauthenticated', 401, 'invalid_credentials', 'Invalid'));
    const refused = signInProblem(new ApiError('server', 429, 'rate_limited', 'Too many attempts'));
    expect(signInProblemText(offline, word)).toBe('No network');
    expect(signInProblemText(wrong, word)).toBe('Wrong e-mail or password');
    expect(signInProblemText(refused, word)).toBe('Not signed in: Too many attempts');
    expect(signInProblemText(undefined, word)).toBe('');
  });
});
