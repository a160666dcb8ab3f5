import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createExhibition } from '../../../../test/factories/exhibition.ts';
import { createOrg } from '../../../../test/factories/org.ts';
import { type ApiClient, startTestApp, type TestApp } from '../../../../test/support/test-app.ts';

/*
 * Issue 66 item 6: the booth page's organization chooser listed every organization of the person,
 * a hostel mess and an exhibition without a single booth included. It lists only organizations that
 * run the exhibition and have a booth, asked from any organization of the person.
 */
let app: TestApp;
let mess: { id: string; slug: string; ownerEmail: string };
let fair: { id: string; slug: string };
let bare: { id: string; slug: string };
let elsewhere: { id: string; slug: string };
let person: ApiClient;

beforeAll(async () => {
  app = await startTestApp();
  mess = await createOrg(app, { slug: 'a-hostel-mess' });
  fair = await createOrg(app, { slug: 'b-crafts-fair' });
  bare = await createOrg(app, { slug: 'c-bare-expo' });
  elsewhere = await createOrg(app, { slug: 'd-not-theirs' });
  const messOwner = await app.signIn(mess.ownerEmail, undefined, mess.slug);
  expect((await messOwner.patch('/api/org', { modules: ['mess'] })).statusCode).toBe(200);
  // Booths in the fair, none in the bare expo; the last organization has booths but not this person.
  await createExhibition(app, { org: fair.slug, booths: ['Tea stall'] });
  await createExhibition(app, { org: bare.slug });
  await createExhibition(app, { org: elsewhere.slug, booths: ['Spice stall'] });
  for (const org of [fair.slug, bare.slug])
    await app.createStaff({ email: mess.ownerEmail, role: 'scanner', org });
  // Signed in to the mess, which does not run the exhibition.
  person = await app.signIn(mess.ownerEmail, undefined, mess.slug);
}, 180_000);
afterAll(() => app?.close());

describe("the booth page's organization chooser", () => {
  it('offers only the organizations of the person that run the exhibition and have a booth', async () => {
    const session = (await person.get('/api/auth/session')).json();
    expect(session.organizations.map((o: { slug: string }) => o.slug)).toEqual([
      mess.slug,
      fair.slug,
      bare.slug,
    ]);
    const listed = await person.get('/api/exhibition/booth-organizations');
    expect(listed.statusCode, listed.body).toBe(200);
    expect(listed.json()).toEqual([{ id: fair.id }]);
    // The module's other routes still answer 404 in an organization that does not run it.
    expect((await person.get('/api/exhibition/my-booths')).statusCode).toBe(404);
  });

  it('answers an empty list when no organization of the person has a booth', async () => {
    const loner = await createOrg(app, { slug: 'e-loner' });
    const client = await app.signIn(loner.ownerEmail, undefined, loner.slug);
    expect((await client.get('/api/exhibition/booth-organizations')).json()).toEqual([]);
  });

  it('refuses a caller who is not signed in', async () => {
    expect((await app.anonymous().get('/api/exhibition/booth-organizations')).statusCode).toBe(401);
  });
});
