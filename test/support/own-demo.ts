import { DEMO_PASSWORD, DEMO_USERS, demoOrganizationsOf } from '../../src/app/demo-seed.ts';
import type { SandboxRuntime } from '../../src/app/sandbox/sandbox.area.ts';
import { addMember, type Role } from '../../src/core/auth/index.ts';
import { createOrganization } from '../../src/core/orgs/index.ts';
import type { TestApp } from './test-app.ts';

/**
 * One module's demo business seeded again as an organization of the calling file's own (`slug`), on
 * an app other files share (`sharedConsoleRig`): the same name, settings and data as `seedDemo` gives
 * the module's demo organization, so a file that changes data reads and writes only its own. Its staff
 * are the demo's roles under addresses of their own (`ops@<slug>.opsdesk.test`, password
 * `DEMO_PASSWORD`): the demo staff's organizations (the switcher, a sign-in without one) stay the
 * demo's. Answers the organization's id and the address of each role.
 */
export async function seedOwnDemo(
  app: TestApp,
  moduleName: string,
  slug: string,
): Promise<{ orgId: string; email: (role: Role) => string }> {
  const demo = demoOrganizationsOf(app).find((d) => d.module.name === moduleName);
  if (!demo) throw new Error(`module ${moduleName} declares no demo organization in this app`);
  const org = await createOrganization(app.database.db, {
    ...demo.organization,
    slug,
    modules: [moduleName],
  });
  // Its own sandbox number and bot before the seed sends anything (none without the sandbox).
  await (app.runtimeOf('sandbox') as SandboxRuntime | undefined)?.chats.accountOf(org.id);
  const ctx = app.deps.systemCtx(org.id, 'seed-demo');
  const email = (role: Role) => `${role}@${slug}.opsdesk.test`;
  for (const { role } of DEMO_USERS)
    await addMember(ctx, {
      email: email(role),
      name: `${role} ${slug}`,
      password: DEMO_PASSWORD,
      role,
      assignerRole: 'system',
    });
  await demo.module.seed?.(ctx, app.runtimeOf(moduleName));
  return { orgId: org.id, email };
}
