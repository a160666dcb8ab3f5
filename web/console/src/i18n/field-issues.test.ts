import { describe, expect, it } from 'vitest';
import { wordsForIssue } from './field-issues.ts';

describe("the console's words for zod's field issues", () => {
  it('says "required" for a missing value and for an empty text', () => {
    expect(
      wordsForIssue({ code: 'invalid_type', message: 'Invalid input: expected string, received undefined' }),
    ).toEqual({
      key: 'od.validation.required',
      params: {},
    });
    expect(
      wordsForIssue({
        code: 'too_small',
        message: 'Too small: expected string to have >=1 characters',
        expected: 'at least 1',
      }),
    ).toEqual({ key: 'od.validation.required', params: {} });
  });

  it('gives limits with their number, for text, lists and numbers', () => {
    expect(
      wordsForIssue({
        code: 'too_small',
        message: 'Too small: expected string to have >=3 characters',
        expected: 'at least 3',
      }),
    ).toEqual({ key: 'od.validation.too_short', params: { n: '3' } });
    expect(
      wordsForIssue({
        code: 'too_big',
        message: 'Too big: expected number to be <=1440',
        expected: 'at most 1440',
      }),
    ).toEqual({
      key: 'od.validation.too_big',
      params: { n: '1440' },
    });
    expect(
      wordsForIssue({
        code: 'too_small',
        message: 'Too small: expected array to have >=1 items',
        expected: 'at least 1',
      }),
    ).toEqual({
      key: 'od.validation.too_few',
      params: { n: '1' },
    });
  });

  it('names the format or the allowed values, and leaves custom refinements as sent', () => {
    expect(
      wordsForIssue({ code: 'invalid_format', message: 'Invalid email address', expected: 'email' }),
    ).toEqual({
      key: 'od.validation.invalid_format',
      params: { format: 'email' },
    });
    expect(
      wordsForIssue({ code: 'invalid_value', message: 'Invalid option', expected: '"es" | "en"' }),
    ).toEqual({
      key: 'od.validation.invalid_value',
      params: { values: 'es | en' },
    });
    expect(wordsForIssue({ code: 'invalid_phone', message: 'is not a valid phone identity' })).toEqual({
      key: 'od.validation.invalid_phone',
      params: { example: '+250788123456' },
    });
    expect(wordsForIssue({ code: 'custom', message: 'the range must hold at least one number' })).toBeNull();
  });
});

describe('phone issues (issue 54, item 13)', () => {
  it("gives the example of the organization's country the server sent, as dialled there", () => {
    expect(
      wordsForIssue({
        code: 'invalid_phone',
        message: 'is not a phone number like …',
        expected: '050 123 4567',
      }),
    ).toEqual({ key: 'od.validation.invalid_local_phone', params: { example: '050 123 4567' } });
    expect(
      wordsForIssue({
        code: 'invalid_phone',
        message: 'is not an international number',
        expected: '+250788123456',
      }),
    ).toEqual({ key: 'od.validation.invalid_phone', params: { example: '+250788123456' } });
  });
});

describe('date and time issues', () => {
  it('says what to type for a date, a time and a date-time instead of naming a format', () => {
    expect(
      wordsForIssue({ code: 'invalid_format', message: 'expected YYYY-MM-DD', expected: 'regex' }),
    ).toEqual({
      key: 'od.validation.invalid_date',
      params: {},
    });
    expect(
      wordsForIssue({ code: 'invalid_format', message: 'Invalid ISO date', expected: 'date' })?.key,
    ).toBe('od.validation.invalid_date');
    expect(wordsForIssue({ code: 'invalid_format', message: 'expected HH:MM', expected: 'regex' })?.key).toBe(
      'od.validation.invalid_time',
    );
    expect(
      wordsForIssue({ code: 'invalid_format', message: 'Invalid ISO datetime', expected: 'datetime' })?.key,
    ).toBe('od.validation.invalid_datetime');
  });
});
