import { describe, expect, it } from 'vitest';
import { canonicalPathProblem } from './canonical-path.rules.ts';

describe('canonicalPathProblem', () => {
  it('refuses percent-encoded letters, digits and -._~ anywhere in the path', () => {
    for (const url of [
      '/%61pi/users',
      '/ap%69/users',
      '/api/user%73',
      '/api/%2e/users',
      '/api/a%7Eb',
      '/api/%30',
    ]) {
      expect(canonicalPathProblem(url), url).toBeDefined();
    }
    expect(canonicalPathProblem('/%61pi/users')?.message).toContain('/api/users');
  });

  it('accepts plain paths and reserved or non-ASCII characters that must stay encoded', () => {
    for (const url of [
      '/api/users',
      '/api/files/a%2Fb',
      '/api/contacts?q=%61',
      '/api/x%20y',
      '/api/%C3%A9t%C3%A9',
    ]) {
      expect(canonicalPathProblem(url), url).toBeUndefined();
    }
  });
});
