import { describe, expect, it } from 'vitest';
import { scriptRuns } from './script-runs.ts';

describe('text split into the fonts that draw it', () => {
  it('keeps a Hindi phrase with its spaces in one Devanagari run', () => {
    expect(scriptRuns('मेस रिपोर्ट')).toEqual([{ script: 'devanagari', text: 'मेस रिपोर्ट' }]);
  });

  it('splits mixed text where the script changes, spaces staying with the run before', () => {
    expect(scriptRuns('रोल HI22017, ₹3,000')).toEqual([
      { script: 'devanagari', text: 'रोल ' },
      { script: 'latin', text: 'HI22017, ' },
      { script: 'devanagari', text: '₹' },
      { script: 'latin', text: '3,000' },
    ]);
    expect(scriptRuns('हरा: परोसा')).toEqual([
      { script: 'devanagari', text: 'हरा' },
      { script: 'latin', text: ': ' },
      { script: 'devanagari', text: 'परोसा' },
    ]);
  });

  it('keeps conjunct joiners inside the Devanagari run', () => {
    expect(scriptRuns('क्‍ष')).toEqual([{ script: 'devanagari', text: 'क्‍ष' }]);
  });

  it('gives text of spaces only one Latin run, and empty text none', () => {
    expect(scriptRuns('   ')).toEqual([{ script: 'latin', text: '   ' }]);
    expect(scriptRuns('')).toEqual([]);
  });
});
