import { describe, expect, it } from 'vitest';
import { parseNewOrganization } from './new-organization.rules.ts';

const defaults = {
  OPSDESK_TIMEZONE: 'Asia/Kolkata',
  OPSDESK_CURRENCY: 'INR',
  OPSDESK_LANGUAGES: ['en', 'hi'] as Array<'en' | 'hi' | 'es'>,
};

describe('create-org options', () => {
  it("fills the deployment's defaults for time zone, currency and languages", () => {
    const result = parseNewOrganization(
      { name: 'North Mess', slug: 'north', ownerEmail: 'Boss@North.example' },
      defaults,
    );
    expect(result).toEqual({
      ok: true,
      value: {
        organization: {
          name: 'North Mess',
          slug: 'north',
          timeZone: 'Asia/Kolkata',
          currency: 'INR',
          languages: ['en', 'hi'],
        },
        owner: { email: 'boss@north.example', name: 'Boss' },
      },
    });
  });

  it('takes explicit values, languages as a comma list', () => {
    const result = parseNewOrganization(
      {
        name: 'Rifa',
        slug: 'rifa-co',
        ownerEmail: 'a@b.co',
        timeZone: 'America/Bogota',
        currency: 'cop',
        languages: 'es, en',
      },
      defaults,
    );
    expect(result.ok && result.value.organization).toMatchObject({
      currency: 'COP',
      languages: ['es', 'en'],
    });
  });

  it('names every wrong flag at once', () => {
    const result = parseNewOrganization(
      { name: 'X', slug: 'Bad Slug', ownerEmail: 'nope', timeZone: 'Nowhere/Land', languages: 'de' },
      defaults,
    );
    expect(result.ok).toBe(false);
    const problems = result.ok ? '' : result.problems.join('\n');
    for (const flag of ['--slug', '--owner-email', '--time-zone', '--languages'])
      expect(problems).toContain(flag);
  });

  it('takes the modules it runs as a comma list of enabled modules', () => {
    const result = parseNewOrganization(
      { name: 'North Mess', slug: 'north', ownerEmail: 'a@b.co', modules: 'mess, raffle' },
      defaults,
      ['raffle', 'mess', 'coffee'],
    );
    expect(result.ok && result.value.organization.modules).toEqual(['mess', 'raffle']);
  });

  it('refuses a module the deployment does not enable, naming --modules and what it expects', () => {
    const result = parseNewOrganization(
      { name: 'North Mess', slug: 'north', ownerEmail: 'a@b.co', modules: 'mess,bakery' },
      defaults,
      ['raffle', 'mess'],
    );
    expect(result).toEqual({
      ok: false,
      problems: ['--modules: expected modules this deployment enables: raffle, mess'],
    });
  });
});
