import { describe, expect, it } from 'vitest';
import { coffeeConfigSchema } from './coffee.runtime.ts';

describe('coffee settings', () => {
  it('refuses the demo’s simulated machines in production, as --demo is refused, naming the variable', () => {
    const refused = coffeeConfigSchema.safeParse({
      NODE_ENV: 'production',
      COFFEE_DEMO_SIMULATED_DEVICES: '12',
    });
    expect(refused.success).toBe(false);
    expect(refused.error?.issues).toEqual([
      expect.objectContaining({
        path: ['COFFEE_DEMO_SIMULATED_DEVICES'],
        message: expect.stringMatching(/refused in production/),
      }),
    ]);
    expect(coffeeConfigSchema.safeParse({ NODE_ENV: 'production' }).success).toBe(true);
    expect(
      coffeeConfigSchema.parse({ NODE_ENV: 'development', COFFEE_DEMO_SIMULATED_DEVICES: '12' }),
    ).toMatchObject({
      COFFEE_DEMO_SIMULATED_DEVICES: 12,
    });
  });
});
