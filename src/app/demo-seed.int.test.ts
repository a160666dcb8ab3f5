import { afterAll, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../test/support/test-app.ts';
import { addMember, listMembers } from '../core/auth/index.ts';
import { createOrganization } from '../core/orgs/index.ts';
import { DEMO_PASSWORD, DEMO_USERS, demoOrganizationsOf, seedDemo } from './demo-seed.ts';
import { AVAILABLE_MODULES } from './modules.ts';

let app: TestApp | undefined;
afterAll(async () => {
  await app?.close();
});

it('adds the demo staff an organization lacks and none it has, as when a stopped seed runs again', async () => {
  app = await startTestApp({ modules: AVAILABLE_MODULES.filter((m) => m.name === 'coffee') });
  const [{ organization, module }] = demoOrganizationsOf(app) as [ReturnType<typeof demoOrganizationsOf>[0]];
  const org = await createOrganization(app.database.db, { ...organization, modules: [module.name] });
  const ctx = app.deps.systemCtx(org.id, 'test');
  await addMember(ctx, {
    email: 'owner@demo.opsdesk.dev',
    name: 'Owner',
    password: DEMO_PASSWORD,
    role: 'owner',
    assignerRole: 'system',
  });

  await seedDemo(app);

  const emails = (await listMembers(ctx)).map((m) => m.email).sort();
  expect(emails).toEqual(DEMO_USERS.map((u) => u.email).sort());
});
