import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/test-app.ts';

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
  await app.createStaff({ email: 'owner@contacts.example', role: 'owner' });
  await app.createStaff({ email: 'admin@contacts.example', role: 'admin' });
  await app.createStaff({ email: 'ops@contacts.example', role: 'ops' });
  await app.createStaff({ email: 'viewer@contacts.example', role: 'viewer' });
  await app.createOrg('contacts-other', 'owner@contacts-other.example');
});
afterAll(() => app.close());

describe('/api/contacts', () => {
  it('lets ops create, find, search and change a contact', async () => {
    const ops = await app.signIn('ops@contacts.example');
    const created = await ops.post('/api/contacts', {
      displayName: 'Asha Verma',
      preferredLanguage: 'hi',
      identities: [
        { channel: 'phone', externalId: '+91 98111 22333' },
        { channel: 'email', externalId: 'Asha@Example.com' },
      ],
    });
    expect(created.statusCode).toBe(201);
    const contact = created.json();
    expect(contact.identities.map((i: { externalId: string }) => i.externalId).sort()).toEqual([
      '+919811122333',
      'asha@example.com',
    ]);
    expect((await ops.get(`/api/contacts/${contact.id}`)).json().displayName).toBe('Asha Verma');
    const found = (await ops.get('/api/contacts?q=98111&perPage=5')).json();
    expect(found).toMatchObject({ total: 1, items: [{ id: contact.id }] });
    const patched = await ops.patch(`/api/contacts/${contact.id}`, { marketingOptIn: true });
    expect(patched.json()).toMatchObject({ marketingOptIn: true });
    const added = await ops.post(`/api/contacts/${contact.id}/identities`, {
      channel: 'telegram',
      externalId: '5550001',
    });
    expect(added.json().identities).toHaveLength(3);
  });

  it('refuses an invalid phone with a problem naming the field and an example', async () => {
    const ops = await app.signIn('ops@contacts.example');
    const res = await ops.post('/api/contacts', {
      displayName: 'Bad number',
      identities: [{ channel: 'phone', externalId: '0788 123' }],
    });
    expect(res.statusCode).toBe(400);
    expect(res.headers['content-type']).toContain('application/problem+json');
    const problem = res.json();
    expect(problem.code).toBe('contacts.invalid_identity');
    expect(problem.errors[0]).toMatchObject({ field: 'identities.0.externalId', code: 'invalid_phone' });
    expect(problem.errors[0].expected).toContain('+250788123456');
  });

  it('replays a create retried with the same Idempotency-Key', async () => {
    const ops = await app.signIn('ops@contacts.example');
    const body = { displayName: 'Once Only' };
    const first = await ops.post('/api/contacts', body, { 'idempotency-key': 'contact-1' });
    const again = await ops.post('/api/contacts', body, { 'idempotency-key': 'contact-1' });
    expect(again.statusCode).toBe(201);
    expect(again.json().id).toBe(first.json().id);
    expect((await ops.get('/api/contacts?q=Once%20Only')).json().total).toBe(1);
  });

  it('answers 409 when an identity belongs to another contact', async () => {
    const ops = await app.signIn('ops@contacts.example');
    const a = (
      await ops.post('/api/contacts', { identities: [{ channel: 'whatsapp', externalId: '250788900900' }] })
    ).json();
    const b = (await ops.post('/api/contacts', { displayName: 'B' })).json();
    const res = await ops.post(`/api/contacts/${b.id}/identities`, {
      channel: 'whatsapp',
      externalId: '+250 788 900 900',
    });
    expect(res.statusCode).toBe(409);
    expect(res.json()).toMatchObject({ code: 'contacts.identity_taken', details: { contactId: a.id } });
  });

  it('merges only for admins, moving identities and recording an audit event', async () => {
    const ops = await app.signIn('ops@contacts.example');
    const keep = (
      await ops.post('/api/contacts', { identities: [{ channel: 'telegram', externalId: '900001' }] })
    ).json();
    const gone = (
      await ops.post('/api/contacts', { identities: [{ channel: 'email', externalId: 'dup@x.example' }] })
    ).json();
    const refused = await ops.post('/api/contacts/merge', { keepId: keep.id, mergeId: gone.id });
    expect(refused.statusCode).toBe(403);
    expect(refused.json().details).toEqual({ permission: 'contacts.contact.merge' });

    const admin = await app.signIn('admin@contacts.example');
    const merged = await admin.post('/api/contacts/merge', { keepId: keep.id, mergeId: gone.id });
    expect(merged.statusCode).toBe(200);
    expect(merged.json().identities).toHaveLength(2);
    expect((await admin.get(`/api/contacts/${gone.id}`)).json().mergedIntoId).toBe(keep.id);
    const audit = (await admin.get(`/api/audit?action=contacts.contact.merged&subjectId=${keep.id}`)).json();
    expect(audit.items).toHaveLength(1);
    expect(audit.items[0].actor.label).toBe('admin@contacts.example');
  });

  it('lets viewers read but not write', async () => {
    const viewer = await app.signIn('viewer@contacts.example');
    expect((await viewer.get('/api/contacts')).statusCode).toBe(200);
    expect((await viewer.post('/api/contacts', { displayName: 'No' })).statusCode).toBe(403);
  });

  it('keeps organizations apart: another organization cannot read or change a contact by id', async () => {
    const ops = await app.signIn('ops@contacts.example');
    const mine = (await ops.post('/api/contacts', { displayName: 'Private Person' })).json();
    const other = await app.signIn('owner@contacts-other.example', undefined, 'contacts-other');
    const read = await other.get(`/api/contacts/${mine.id}`);
    expect(read.statusCode).toBe(404);
    expect(read.json().code).toBe('contacts.contact_not_found');
    expect((await other.patch(`/api/contacts/${mine.id}`, { displayName: 'Taken' })).statusCode).toBe(404);
    expect((await other.get('/api/contacts?q=Private')).json().total).toBe(0);
    const otherContact = (await other.post('/api/contacts', { displayName: 'Theirs' })).json();
    const cross = await other.post('/api/contacts/merge', { keepId: otherContact.id, mergeId: mine.id });
    expect(cross.statusCode).toBe(404);
  });
});
