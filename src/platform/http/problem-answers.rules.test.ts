import { describe, expect, it } from 'vitest';
import { problemAnswersOf } from './problem-answers.rules.ts';

const statuses = (answers: Record<number, string>) => Object.keys(answers).map(Number);

describe('problem answers of an operation', () => {
  it('lists bad input, sign-in, not found and the rate limit for a private read by id', () => {
    const answers = problemAnswersOf({
      method: 'GET',
      isPublic: false,
      validatesInput: true,
      hasPathParams: true,
    });
    expect(statuses(answers)).toEqual([400, 401, 404, 429]);
  });

  it('adds the CSRF refusal to private writes, but not to public ones', () => {
    const write = { method: 'POST', validatesInput: true, hasPathParams: false };
    expect(problemAnswersOf({ ...write, isPublic: false })[403]).toMatch(/CSRF/);
    expect(problemAnswersOf({ ...write, isPublic: true })).not.toHaveProperty('403');
    expect(problemAnswersOf({ ...write, isPublic: true })).not.toHaveProperty('401');
  });

  it('adds what the route says its use case refuses with', () => {
    const answers = problemAnswersOf({
      method: 'POST',
      isPublic: false,
      validatesInput: true,
      hasPathParams: true,
      refuses: [409, 422],
    });
    expect(statuses(answers)).toEqual([400, 401, 403, 404, 409, 422, 429]);
  });

  it('joins answers of one status, the caller’s first', () => {
    const answers = problemAnswersOf({
      method: 'DELETE',
      isPublic: false,
      validatesInput: false,
      hasPathParams: false,
      extra: { 403: 'Needs the permission notes.note.delete' },
    });
    expect(answers[403]).toBe(
      'Needs the permission notes.note.delete; or: with a session cookie: the CSRF token is missing or wrong',
    );
    expect(statuses(answers)).toEqual([401, 403, 429]);
  });

  it('documents the refusals of a public route without asking for a sign-in', () => {
    const answers = problemAnswersOf({
      method: 'POST',
      isPublic: true,
      validatesInput: true,
      hasPathParams: false,
      refuses: [401, 429],
    });
    expect(statuses(answers)).toEqual([400, 401, 429]);
    expect(answers[401]).toMatch(/credentials/);
    expect(answers[429]).toMatch(/later/);
  });
});
