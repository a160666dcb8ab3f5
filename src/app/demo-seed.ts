import { addMember, listMembers, type Role } from '../core/auth/index.ts';
import { demoOrganizationsOf as declaredDemoOrganizations } from '../core/modules/index.ts';
import { createOrganization, findOrganizationBySlug, updateOrganization } from '../core/orgs/index.ts';
import type { Config } from '../platform/config/index.ts';
import type { App } from './build-app.ts';
import type { SandboxRuntime } from './sandbox/sandbox.area.ts';

export const DEMO_PASSWORD = 'opsdesk-demo';
export const DEMO_USERS: ReadonlyArray<{ email: string; role: Role }> = [
  { email: 'owner@demo.opsdesk.dev', role: 'owner' },
  { email: 'admin@demo.opsdesk.dev', role: 'admin' },
  { email: 'ops@demo.opsdesk.dev', role: 'ops' },
  { email: 'viewer@demo.opsdesk.dev', role: 'viewer' },
  { email: 'scanner@demo.opsdesk.dev', role: 'scanner' },
];

/**
 * The demo organizations of the modules this app enables, in landing order: each module declares
 * its own (`demo`: one organization per business, running only that module). The first is where a
 * demo login without an `org` lands (memberships are chosen oldest first). The `default`
 * organization stays the deployment's own (its WhatsApp number and Telegram bot) and holds no demo
 * data.
 */
export const demoOrganizationsOf = (app: Pick<App, 'modules'>) => declaredDemoOrganizations(app.modules);

/**
 * Why demo data may not be seeded here, or undefined when it may: the demo staff sign in with a
 * password printed in the README, so a production deployment must never get them.
 */
export function demoRefusal(config: Pick<Config, 'NODE_ENV'>): string | undefined {
  if (config.NODE_ENV !== 'production') return undefined;
  return 'demo data is refused in production (NODE_ENV=production): its logins share a public password. Run `opsdesk start` without --demo and create the owner with `opsdesk create-user` or `opsdesk create-org`.';
}

/**
 * Creates one organization per enabled module's business (its `demo`), makes the demo
 * staff members of each and fills it with its module's demo data, once: a marker in each
 * organization's settings makes a second run a no-op there.
 */
export async function seedDemo(
  app: App,
  onStep: (label: string) => void = () => {},
): Promise<{ seeded: boolean }> {
  const refusal = demoRefusal(app.config);
  if (refusal) throw new Error(refusal);
  let seeded = false;
  for (const { organization, module } of demoOrganizationsOf(app)) {
    const org =
      (await findOrganizationBySlug(app.database.db, organization.slug)) ??
      (await createOrganization(app.database.db, { ...organization, modules: [module.name] }));
    // Its own sandbox number and bot before the seed sends anything (none without the sandbox).
    await (app.runtimeOf('sandbox') as SandboxRuntime | undefined)?.chats.accountOf(org.id);
    if (org.settings.demoSeededAt) continue;
    const ctx = app.deps.systemCtx(org.id, 'seed-demo');
    onStep(`${org.slug}: staff`);
    await addDemoStaff(ctx);
    onStep(`${org.slug}: ${module.name}`);
    await module.seed?.(ctx, app.runtimeOf(module.name));
    await updateOrganization(ctx, { settings: { demoSeededAt: app.deps.clock.now().toISOString() } });
    seeded = true;
  }
  return { seeded };
}

/** The demo staff the organization does not have yet (a second seed adds none). */
async function addDemoStaff(ctx: ReturnType<App['deps']['systemCtx']>) {
  const members = new Set((await listMembers(ctx)).map((m) => m.email.toLowerCase()));
  for (const user of DEMO_USERS) {
    if (members.has(user.email)) continue;
    await addMember(ctx, {
      email: user.email,
      name: displayName(user.email),
      password: DEMO_PASSWORD,
      role: user.role,
      assignerRole: 'system',
    });
  }
}

function displayName(email: string): string {
  const local = email.split('@')[0]!;
  return `Demo ${local[0]!.toUpperCase()}${local.slice(1)}`;
}
