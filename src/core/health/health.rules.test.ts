import { describe, expect, it } from 'vitest';
import { overallStatus } from './health.rules.ts';

const healthy = { queueLagSeconds: 0, accounts: [{ configured: true, status: 'ok' as const }] };

describe('overallStatus', () => {
  it('is ok when jobs keep up and every account sends', () => {
    expect(overallStatus(healthy)).toBe('ok');
    expect(overallStatus({ ...healthy, queueLagSeconds: null })).toBe('ok');
  });

  it('is degraded when jobs wait more than a minute past their time', () => {
    expect(overallStatus({ ...healthy, queueLagSeconds: 61 })).toBe('degraded');
  });

  it('is degraded when a configured account fails, not when an account is merely not set up', () => {
    expect(overallStatus({ ...healthy, accounts: [{ configured: true, status: 'failing' }] })).toBe(
      'degraded',
    );
    expect(overallStatus({ ...healthy, accounts: [{ configured: true, status: 'down' }] })).toBe('degraded');
    expect(overallStatus({ ...healthy, accounts: [{ configured: false, status: 'unknown' }] })).toBe('ok');
  });
});
