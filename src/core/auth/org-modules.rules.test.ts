import { describe, expect, it } from 'vitest';
import { modulesRun, permissionsForModules } from './org-modules.rules.ts';

describe('modules an organization runs', () => {
  const enabled = ['raffle', 'mess', 'prepaid'];

  it('runs every enabled module when it never chose', () => {
    expect(modulesRun(null, enabled)).toEqual(enabled);
  });

  it('runs only the enabled modules it chose, in the deployment order', () => {
    expect(modulesRun(['prepaid', 'mess', 'coffee'], enabled)).toEqual(['mess', 'prepaid']);
    expect(modulesRun([], enabled)).toEqual([]);
  });

  it("drops the permissions of the modules it does not run, keeping the platform's", () => {
    const held = new Set([
      'mess.student.read',
      'raffle.order.confirm',
      'platform.user.read',
      'payments.payment.read',
    ]);
    expect([...permissionsForModules(held, enabled, ['mess'])].sort()).toEqual([
      'mess.student.read',
      'payments.payment.read',
      'platform.user.read',
    ]);
  });
});
