import { describe, expect, it } from 'vitest';
import { fillWording, placeholdersIn, unknownPlaceholders } from './mail-texts.rules.ts';

describe('an edited e-mail text', () => {
  it('names its placeholders, and those the e-mail does not have', () => {
    expect(placeholdersIn('Hi {{name}}, {{ code }} and {{name}}')).toEqual(['name', 'code']);
    expect(unknownPlaceholders('exhibition.welcome', 'Hi {{name}}, total {{total}} {{nmae}}')).toEqual([
      'total',
      'nmae',
    ]);
    expect(unknownPlaceholders('exhibition.statement', 'Total {{total}}, net {{net}}')).toEqual([]);
  });

  it('fills the values and leaves out a line whose value the message lacks', () => {
    const text = 'Hello {{name}},\nTotal {{total}}.\nPaid {{paid}}, net {{net}}.';
    expect(fillWording(text, { name: 'Meera', total: 'INR 100' })).toBe('Hello Meera,\nTotal INR 100.');
    expect(fillWording(text, { name: 'Meera', total: 'INR 100', paid: 'INR 50', net: 'INR 50' })).toBe(
      'Hello Meera,\nTotal INR 100.\nPaid INR 50, net INR 50.',
    );
  });
});
