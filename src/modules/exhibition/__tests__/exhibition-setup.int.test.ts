import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerExhibitionCustomer } from '../../../../test/factories/exhibition.ts';
import { signedInStaff } from '../../../../test/factories/staff.ts';
import { type ApiClient, startTestApp, type TestApp } from '../../../../test/support/test-app.ts';
import { searchAudit } from '../../../core/audit/index.ts';
import { findOrganizationBySlug } from '../../../core/orgs/index.ts';
import { fixedClock } from '../../../platform/clock/index.ts';

/** Issue 28: an exhibition is set up (edit, booths, booth staff) and closed through the API. */
let app: TestApp;
let owner: ApiClient;
let desk: ApiClient;
let orgId: string;
const clock = fixedClock('2026-12-11T15:30:00Z');
const MISSING = '00000000-0000-4000-8000-000000000000';

beforeAll(async () => {
  app = await startTestApp({ clock });
  orgId = (await findOrganizationBySlug(app.database.db, 'default'))!.id;
  owner = await signedInStaff(app, { role: 'owner' });
  desk = await signedInStaff(app, { role: 'ops' });
});
afterAll(async () => {
  await app?.close();
});

async function newExhibition(name: string): Promise<string> {
  const res = await owner.post(
    '/api/exhibition/exhibitions',
    { name, currency: 'usd', startsOn: '2026-12-10', endsOn: '2026-12-12' },
    { 'idempotency-key': `create-${name}` },
  );
  expect(res.statusCode, res.body).toBe(201);
  return res.json().id;
}

const auditOf = async (subjectId: string) =>
  (
    await searchAudit(app.deps.systemCtx(orgId, 'test'), { subjectId, limit: 20, action: 'exhibition.' })
  ).items.map((e) => e.action);

describe('exhibition set-up', () => {
  it('creates once under one Idempotency-Key, edits only the fields sent, and audits the change', async () => {
    const id = await newExhibition('Spring Fair');
    expect(await newExhibition('Spring Fair')).toBe(id);
    const edited = await owner.patch(`/api/exhibition/exhibitions/${id}`, {
      venue: 'Hall 9',
      endsOn: '2026-12-14',
    });
    expect(edited.statusCode, edited.body).toBe(200);
    expect(edited.json()).toMatchObject({
      name: 'Spring Fair',
      venue: 'Hall 9',
      endsOn: '2026-12-14',
      currency: 'USD',
    });
    expect(edited.json().closedAt).toBeNull();
    expect(await auditOf(id)).toEqual(['exhibition.exhibition.updated', 'exhibition.exhibition.created']);
  });

  it('refuses an edit that ends before it starts, naming the field, and changes nothing', async () => {
    const id = await newExhibition('Bad Dates Fair');
    const res = await owner.patch(`/api/exhibition/exhibitions/${id}`, { endsOn: '2026-12-01' });
    expect(res.statusCode).toBe(422);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.json().errors).toEqual([
      expect.objectContaining({ field: 'body.endsOn', message: 'is before startsOn' }),
    ]);
    const typo = await owner.patch(`/api/exhibition/exhibitions/${id}`, { startsOn: '10/12/2026' });
    expect(typo.statusCode).toBe(400);
    expect(JSON.stringify(typo.json().errors)).toContain('startsOn');
    expect((await owner.get(`/api/exhibition/exhibitions/${id}`)).json().endsOn).toBe('2026-12-12');
    expect((await owner.patch(`/api/exhibition/exhibitions/${MISSING}`, { name: 'X' })).statusCode).toBe(404);
  });

  it('renames a booth, refuses a name another booth has with 409, and audits the rename', async () => {
    const id = await newExhibition('Booth Fair');
    const a = (await owner.post(`/api/exhibition/exhibitions/${id}/booths`, { name: 'Tea' })).json();
    await owner.post(`/api/exhibition/exhibitions/${id}/booths`, { name: 'Cakes' });
    const renamed = await owner.patch(`/api/exhibition/booths/${a.id}`, { name: 'Tea & Chai' });
    expect(renamed.statusCode, renamed.body).toBe(200);
    expect(renamed.json().name).toBe('Tea & Chai');
    const taken = await owner.patch(`/api/exhibition/booths/${a.id}`, { name: 'Cakes' });
    expect(taken.statusCode).toBe(409);
    expect(taken.json().code).toBe('exhibition.booth_name_taken');
    expect((await owner.patch(`/api/exhibition/booths/${a.id}`, { name: '  ' })).statusCode).toBe(400);
    expect((await owner.patch(`/api/exhibition/booths/${MISSING}`, { name: 'Z' })).statusCode).toBe(404);
    const booths = (await owner.get(`/api/exhibition/exhibitions/${id}/booths`)).json();
    expect(booths.map((b: { name: string }) => b.name)).toEqual(['Cakes', 'Tea & Chai']);
    expect(await auditOf(a.id)).toEqual(['exhibition.booth.renamed', 'exhibition.booth.created']);
  });

  it('assigns and unassigns booth staff: listed by name, billing allowed only while assigned', async () => {
    const id = await newExhibition('Staff Fair');
    const booth = (await owner.post(`/api/exhibition/exhibitions/${id}/booths`, { name: 'Juice' })).json();
    const customer = await registerExhibitionCustomer(app, { exhibitionId: id });
    const boothStaff = await signedInStaff(app, { role: 'scanner' });
    const userId = (await boothStaff.get('/api/auth/session')).json().user.id as string;
    const candidates = await owner.get('/api/exhibition/booth-staff-candidates');
    expect(candidates.json()).toContainEqual(expect.objectContaining({ userId, role: 'scanner' }));
    expect((await desk.get('/api/exhibition/booth-staff-candidates')).statusCode).toBe(403);
    expect((await owner.post(`/api/exhibition/booths/${booth.id}/staff`, { userId })).statusCode).toBe(204);
    const staff = (await owner.get(`/api/exhibition/booths/${booth.id}/staff`)).json();
    expect(staff).toEqual([expect.objectContaining({ userId, role: 'scanner' })]);
    const bill = () =>
      boothStaff.post(`/api/exhibition/customers/${customer.id}/bills`, {
        boothId: booth.id,
        amountMinor: 300,
      });
    expect((await bill()).statusCode).toBe(201);
    expect((await owner.delete(`/api/exhibition/booths/${booth.id}/staff/${userId}`)).statusCode).toBe(204);
    expect((await owner.get(`/api/exhibition/booths/${booth.id}/staff`)).json()).toEqual([]);
    expect((await bill()).statusCode).toBe(403);
    // Someone who is not staff of this organization is refused, naming the rule.
    const stranger = await owner.post(`/api/exhibition/booths/${booth.id}/staff`, { userId: MISSING });
    expect(stranger.statusCode).toBe(422);
    expect(stranger.json().code).toBe('exhibition.booth_staff_not_member');
    expect((await owner.delete(`/api/exhibition/booths/${MISSING}/staff/${userId}`)).statusCode).toBe(404);
    expect((await desk.delete(`/api/exhibition/booths/${booth.id}/staff/${userId}`)).statusCode).toBe(403);
    expect(await auditOf(booth.id)).toEqual([
      'exhibition.booth.staff_unassigned',
      'exhibition.booth.staff_assigned',
      'exhibition.booth.created',
    ]);
  });

  it('closes once: no new bills or registrations after, while the tab and the statement stay', async () => {
    const id = await newExhibition('Closing Fair');
    const booth = (await owner.post(`/api/exhibition/exhibitions/${id}/booths`, { name: 'Soup' })).json();
    const customer = await registerExhibitionCustomer(app, { exhibitionId: id });
    const bill = () =>
      desk.post(`/api/exhibition/customers/${customer.id}/bills`, { boothId: booth.id, amountMinor: 450 });
    expect((await bill()).statusCode).toBe(201);
    expect((await desk.post(`/api/exhibition/exhibitions/${id}/close`)).statusCode).toBe(403);
    const closed = await owner.post(`/api/exhibition/exhibitions/${id}/close`);
    expect(closed.statusCode, closed.body).toBe(200);
    expect(closed.json().closedAt).toBe('2026-12-11T15:30:00.000Z');
    const again = await owner.post(`/api/exhibition/exhibitions/${id}/close`);
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe('exhibition.exhibition_closed');
    const late = await bill();
    expect(late.statusCode).toBe(409);
    expect(late.json().code).toBe('exhibition.exhibition_closed');
    const register = await desk.post('/api/exhibition/customers', {
      exhibitionId: id,
      name: 'Late Visitor',
      email: 'late@visitor.test',
      phone: '+14155550777',
    });
    expect(register.statusCode).toBe(409);
    expect((await desk.get(`/api/exhibition/customers/${customer.id}`)).json()).toMatchObject({
      billCount: 1,
      totalMinor: 450,
    });
    expect((await owner.get(`/api/exhibition/customers/${customer.id}/statement.pdf`)).statusCode).toBe(200);
    expect((await owner.post(`/api/exhibition/exhibitions/${MISSING}/close`)).statusCode).toBe(404);
    expect(await auditOf(id)).toEqual(['exhibition.exhibition.closed', 'exhibition.exhibition.created']);
  });

  it('lists exhibitions with status and booth count, and finds a customer by the code as printed', async () => {
    const id = await newExhibition('Listed Fair');
    await owner.post(`/api/exhibition/exhibitions/${id}/booths`, { name: 'One' });
    const list = await owner.get('/api/exhibition/console/exhibitions?name=Listed');
    expect(list.statusCode, list.body).toBe(200);
    expect(list.body).toContain('"booths":1');
    const customer = await registerExhibitionCustomer(app, { exhibitionId: id });
    const printed = `${customer.code.slice(0, 4)}-${customer.code.slice(4)}`;
    for (const typed of [printed, customer.code.toLowerCase()]) {
      const found = await owner.get(`/api/exhibition/console/customers?code=${encodeURIComponent(typed)}`);
      expect(found.statusCode, found.body).toBe(200);
      expect(found.body).toContain(`"code":"${printed}"`);
    }
  });
});
