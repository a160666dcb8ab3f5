import { describe, expect, it } from 'vitest';
import { permanentGoogleStatus } from './sheets.rules.ts';

describe('Google answers', () => {
  it('gives up on refusals that a retry cannot change, and retries throttling and outages', () => {
    expect([400, 401, 403, 404].map(permanentGoogleStatus)).toEqual([true, true, true, true]);
    expect([408, 429, 500, 503].map(permanentGoogleStatus)).toEqual([false, false, false, false]);
  });
});
