import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signedInStaff } from '../../../../test/factories/staff.ts';
import { createStudent } from '../../../../test/factories/student.ts';
import { type ApiClient, startTestApp, type TestApp } from '../../../../test/support/test-app.ts';

/*
 * Issue 54, item 24: the original's student list (DRF pages of 50) counts the students there are on
 * every page, the pages past the last one included (it answered 50 on page 2 of 3 students, 100 on
 * page 3).
 */
let app: TestApp;
let owner: ApiClient;

beforeAll(async () => {
  app = await startTestApp();
  owner = await signedInStaff(app, { role: 'owner' });
  for (const roll of ['V1-1', 'V1-2', 'V1-3'])
    await createStudent(app, { rollNumber: roll, status: 'pending' });
});
afterAll(() => app?.close());

describe('GET /api/v1/students/ past its last page', () => {
  it('counts the students there are, however far past the end the page is', async () => {
    const first = (await owner.get('/api/v1/students/')).json();
    expect(first).toMatchObject({ count: 3, next: null, previous: null });
    for (const page of [2, 3, 7]) {
      const past = await owner.get(`/api/v1/students/?page=${page}`);
      expect(past.statusCode, past.body).toBe(200);
      expect(past.json()).toMatchObject({ count: 3, next: null, results: [] });
    }
    const filtered = (await owner.get('/api/v1/students/?status=PENDING&page=2')).json();
    expect(filtered).toMatchObject({ count: 3, next: null, results: [] });
    const none = (await owner.get('/api/v1/students/?status=DENIED&page=2')).json();
    expect(none).toMatchObject({ count: 0, next: null, results: [] });
  });
});
