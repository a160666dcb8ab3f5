import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { orgCtx } from '../../../../test/factories/org.ts';
import { signedInStaff } from '../../../../test/factories/staff.ts';
import { moduleImport } from '../../../../test/support/import-kit.ts';
import { TEST_MODULES } from '../../../../test/support/template-sources.ts';
import { type ApiClient, startTestApp, type TestApp } from '../../../../test/support/test-app.ts';
import { findOrCreateContactByIdentity } from '../../../core/contacts/index.ts';
import { dumpdataSource } from '../../../core/imports/index.ts';
import { TZ_ENV } from './mess-fixture.ts';

/*
 * Issue 66 item 4: after the original's students came over, the Notifications page listed their
 * messages as sent to "700000007". Imported students are named there as the mess knows them, and
 * the new pass each gets goes out in the language they chose (issue 66 item 7, Hindi notifications).
 */
const AREAS = TEST_MODULES.filter((m) => m.name === 'mess');
const FIXTURES = new URL('../../../../test/fixtures/import/mess-original/', import.meta.url);
const records = JSON.parse(readFileSync(new URL('dumpdata-1.json', FIXTURES), 'utf8')) as Array<{
  model: string;
  fields: Record<string, unknown>;
}>;
/** Ananya Iyer's Telegram account: she wrote to the bot before the import, as "Ananya 🌸", in Hindi. */
const ANANYA = '700000007';

let app: TestApp;
let owner: ApiClient;

beforeAll(async () => {
  app = await startTestApp({ modules: AREAS, env: TZ_ENV });
  owner = await signedInStaff(app, { role: 'owner' });
  await findOrCreateContactByIdentity(await orgCtx(app), {
    channel: 'telegram',
    externalId: ANANYA,
    displayName: 'Ananya 🌸',
    language: 'hi',
  });
  await moduleImport(() => app, AREAS, 'mess')('default', dumpdataSource(records, 'dumpdata-1.json'), {
    notify: true,
  });
}, 120_000);
afterAll(async () => {
  await app?.close();
});

type Listed = { id: string; to: string; toName: string | null; template: string; locale: string };

describe("the original's students in the messages list", () => {
  it('names each imported student by the name the mess knows, not by a Telegram id', async () => {
    const listed = (await owner.get('/api/notifications?channel=telegram&perPage=100')).json()
      .items as Listed[];
    const approved = records.filter(
      (r) => r.model === 'core.student' && r.fields.status === 'APPROVED' && r.fields.tg_user_id,
    );
    expect(listed.filter((n) => n.template === 'mess.pass_renewed')).toHaveLength(approved.length);
    for (const r of approved)
      expect(listed.find((n) => n.to === String(r.fields.tg_user_id))).toMatchObject({
        toName: String(r.fields.name),
      });
    expect(listed.find((n) => n.to === ANANYA)).toMatchObject({ toName: 'Ananya Iyer' });
  });

  it('sends a student who chose Hindi their new pass in Hindi', async () => {
    const listed = (await owner.get('/api/notifications?channel=telegram&perPage=100')).json()
      .items as Listed[];
    const ananya = listed.find((n) => n.to === ANANYA)!;
    const shown = (await owner.get(`/api/notifications/${ananya.id}`)).json();
    expect(shown.body).toContain('नमस्ते Ananya Iyer, आपका भोजन पास नया कर दिया गया है');
    const english = listed.find((n) => n.to === '700000000')!;
    expect((await owner.get(`/api/notifications/${english.id}`)).json().body).toMatch(
      /^Hello Asha Verma, your meal pass has been renewed/,
    );
  });
});
