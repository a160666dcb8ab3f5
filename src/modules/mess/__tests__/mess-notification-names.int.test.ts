import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOrg } from '../../../../test/factories/org.ts';
import { signedInStaff } from '../../../../test/factories/staff.ts';
import { createStudent } from '../../../../test/factories/student.ts';
import { type ApiClient, startTestApp, type TestApp } from '../../../../test/support/test-app.ts';
import { TZ_ENV } from './mess-fixture.ts';

/*
 * Issue 54 item 5: the Notifications page listed a Telegram id where the student was meant. A
 * message is listed with the person it went to, in each organization by its own records: one
 * Telegram account registered in two messes under two names reads as each mess knows it.
 */
const TELEGRAM_ID = '5550001234';
let app: TestApp;
let owner: ApiClient;
let otherOwner: ApiClient;

beforeAll(async () => {
  app = await startTestApp({ env: TZ_ENV });
  owner = await signedInStaff(app, { role: 'owner' });
  const other = await createOrg(app);
  otherOwner = await app.signIn(other.ownerEmail, undefined, other.slug);
  await createStudent(app, { name: 'Asha Verma', telegramId: TELEGRAM_ID });
  await createStudent(app, { name: 'Asha V. (second mess)', telegramId: TELEGRAM_ID, org: other.slug });
  // Registered with no Telegram account and no phone: nobody to name, nothing sent.
  await createStudent(app, { name: 'Ravi Kumar' });
  // Registered at the desk with a phone and no chat: approved by SMS.
  await createStudent(app, { name: 'Kiran Rao', phone: '+919876543217' });
});
afterAll(async () => {
  await app?.close();
});

type Listed = { to: string; toName: string | null; template: string };
const approvals = async (client: ApiClient) =>
  ((await client.get('/api/notifications?channel=telegram')).json().items as Listed[]).filter(
    (n) => n.template === 'mess.approved',
  );

describe('the messages list names whom each message went to', () => {
  it('names the student behind a Telegram id, in each organization by its own student', async () => {
    expect(await approvals(owner)).toEqual([
      expect.objectContaining({ to: TELEGRAM_ID, toName: 'Asha Verma' }),
    ]);
    expect(await approvals(otherOwner)).toEqual([
      expect.objectContaining({ to: TELEGRAM_ID, toName: 'Asha V. (second mess)' }),
    ]);
    const id = (
      (await owner.get('/api/notifications?channel=telegram')).json().items as Array<{ id: string }>
    )[0]!.id;
    expect((await owner.get(`/api/notifications/${id}`)).json()).toMatchObject({ toName: 'Asha Verma' });
  });

  it('names the student behind a phone their approval went to by SMS (issue 66 item 4: "+919876543217")', async () => {
    const texts = ((await owner.get('/api/notifications?channel=sms')).json().items as Listed[]).filter((n) =>
      n.template.startsWith('mess.approved'),
    );
    expect(texts).toEqual([expect.objectContaining({ to: '+919876543217', toName: 'Kiran Rao' })]);
    // Not named in the other mess, which never knew them.
    expect(((await otherOwner.get('/api/notifications?channel=sms')).json().items as Listed[]).length).toBe(
      0,
    );
  });
});
