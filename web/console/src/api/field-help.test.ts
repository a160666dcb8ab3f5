import { describe, expect, it } from 'vitest';
import { ApiError, fieldHelp, wordFieldIssuesWith, wordProblemsWith } from './http.ts';

// The console's words, as the i18n provider sets them (Spanish here).
wordFieldIssuesWith((issue) => (issue.code === 'too_small' ? 'Demasiado corto' : undefined));
wordProblemsWith((problem) =>
  problem.code === 'mess.cut_overlaps' ? 'Se solapa con otro corte' : undefined,
);

describe('the words under a form field after a refused call', () => {
  it("shows the console's words for the field the refusal names, not the server's English", () => {
    const refused = new ApiError({
      title: 'The request is not valid',
      status: 400,
      code: 'validation_failed',
      errors: [
        {
          field: 'body.newPassword',
          message: 'Too small: expected string to have >=12 characters',
          code: 'too_small',
        },
      ],
    });
    expect(fieldHelp(refused, 'newPassword')).toEqual({ error: true, helperText: 'Demasiado corto' });
    expect(fieldHelp(refused, 'currentPassword', 'Tu contraseña actual')).toEqual({
      error: false,
      helperText: 'Tu contraseña actual',
    });
  });

  it("reads a rule's refusal of a field as the problem's own words", () => {
    const refused = new ApiError({
      title: 'Conflict',
      status: 409,
      code: 'mess.cut_overlaps',
      detail: 'The cut overlaps another cut',
      errors: [{ field: 'body.from', message: 'overlaps 2026-12-01..2026-12-05', code: 'mess.cut_overlaps' }],
    });
    expect(fieldHelp(refused, 'from')).toEqual({ error: true, helperText: 'Se solapa con otro corte' });
    expect(fieldHelp(refused, 'to').error).toBe(false);
  });

  it('shows the hint when nothing failed, or the failure was not a refusal from the API', () => {
    expect(fieldHelp(null, 'timeZone', 'Asia/Kolkata')).toEqual({ error: false, helperText: 'Asia/Kolkata' });
    expect(fieldHelp(new Error('offline'), 'timeZone')).toEqual({ error: false, helperText: undefined });
  });
});
