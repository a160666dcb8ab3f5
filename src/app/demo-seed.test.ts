import { describe, expect, it } from 'vitest';
import { defineModule } from '../core/modules/index.ts';
import { demoOrganizationsOf } from './demo-seed.ts';
import { AVAILABLE_MODULES } from './modules.ts';

const listed = (modules: typeof AVAILABLE_MODULES) =>
  demoOrganizationsOf({ modules }).map(({ organization, module }) => ({
    ...organization,
    module: module.name,
  }));

/**
 * Issue 44, item 10: each module declares its demo organization (`demo`); the app no longer keeps a
 * list naming the modules. `npm start` shows the same organizations, in the same order, as before.
 */
describe('demo organizations', () => {
  it('are the ones each module declares, in their landing order', () => {
    expect(listed(AVAILABLE_MODULES)).toEqual([
      {
        slug: 'mess',
        name: 'Sunrise Hostel Mess',
        module: 'mess',
        timeZone: 'Asia/Kolkata',
        currency: 'INR',
        languages: ['en', 'hi'],
      },
      {
        slug: 'expo',
        name: 'Crafts & Food Fair Desk',
        module: 'exhibition',
        timeZone: 'Asia/Dubai',
        currency: 'USD',
        languages: ['en'],
      },
      {
        slug: 'power',
        name: 'Kigali Prepaid Power',
        module: 'prepaid',
        timeZone: 'Africa/Kigali',
        currency: 'RWF',
        languages: ['en', 'fr', 'rw'],
      },
      {
        slug: 'raffle',
        name: 'Rifa Solidaria',
        module: 'raffle',
        timeZone: 'America/Asuncion',
        currency: 'PYG',
        languages: ['es', 'en'],
      },
      {
        slug: 'coffee',
        name: 'Bean There Coffee Co.',
        module: 'coffee',
        timeZone: 'America/New_York',
        currency: 'USD',
        languages: ['en'],
      },
    ]);
  });

  it('follow the enabled modules, whatever order OPSDESK_MODULES names them in', () => {
    const byName = (n: string) => AVAILABLE_MODULES.find((m) => m.name === n)!;
    expect(listed([byName('coffee'), byName('raffle'), byName('mess')]).map((o) => o.slug)).toEqual([
      'mess',
      'raffle',
      'coffee',
    ]);
  });

  it("refuses a demo setting that is not the module's own", () => {
    const declare = () =>
      defineModule({
        name: 'bakery',
        demo: {
          order: 9,
          organization: { slug: 'bakery', name: 'B', timeZone: 'UTC', currency: 'USD', languages: ['en'] },
          settings: { COFFEE_DEMO_SIMULATED_DEVICES: '3' },
        },
      });
    expect(declare).toThrow(/COFFEE_DEMO_SIMULATED_DEVICES must start with BAKERY_/);
  });
});
