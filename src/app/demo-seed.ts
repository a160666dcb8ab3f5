import { sql } from 'kysely';
import { addMember, type Role } from '../core/auth/index.ts';
import { findOrganizationBySlug, updateOrganization } from '../core/orgs/index.ts';
import type { Config } from '../platform/config/index.ts';
import type { App } from './build-app.ts';

export const DEMO_PASSWORD = 'opsdesk-demo';
export const DEMO_USERS: ReadonlyArray<{ email: string; role: Role }> = [
  { email: 'owner@demo.opsdesk.dev', role: 'owner' },
  { email: 'admin@demo.opsdesk.dev', role: 'admin' },
  { email: 'ops@demo.opsdesk.dev', role: 'ops' },
  { email: 'viewer@demo.opsdesk.dev', role: 'viewer' },
  { email: 'scanner@demo.opsdesk.dev', role: 'scanner' },
];

/**
 * Why demo data may not be seeded here, or undefined when it may: the demo staff sign in with a
 * password printed in the README, so a production deployment must never get them.
 */
export function demoRefusal(config: Pick<Config, 'NODE_ENV'>): string | undefined {
  if (config.NODE_ENV !== 'production') return undefined;
  return 'demo data is refused in production (NODE_ENV=production): its logins share a public password. Run `opsdesk start` without --demo and create the owner with `opsdesk create-user` or `opsdesk create-org`.';
}

/**
 * Fills the default organization with demo staff and each enabled module's demo data, once:
 * a marker in the organization's settings makes a second run a no-op.
 */
export async function seedDemo(
  app: App,
  onStep: (label: string) => void = () => {},
): Promise<{ seeded: boolean }> {
  const refusal = demoRefusal(app.config);
  if (refusal) throw new Error(refusal);
  const org = await findOrganizationBySlug(app.database.db, 'default');
  if (!org) throw new Error('the default organization is missing; run `opsdesk migrate` first');
  if (org.settings.demoSeededAt) return { seeded: false };
  const ctx = app.deps.systemCtx(org.id, 'seed-demo');
  for (const user of DEMO_USERS) {
    onStep(`staff ${user.email}`);
    const exists = await sql`select 1 from staff_user where lower(email) = ${user.email}`.execute(
      app.database.db,
    );
    if (exists.rows.length === 0) {
      await addMember(ctx, {
        email: user.email,
        name: displayName(user.email),
        password: DEMO_PASSWORD,
        role: user.role,
        assignerRole: 'system',
      });
    }
  }
  for (const module of app.modules) {
    if (!module.seed) continue;
    onStep(`module ${module.name}`);
    await module.seed(app.runtimeOf(module.name), ctx);
  }
  await updateOrganization(ctx, { settings: { demoSeededAt: app.deps.clock.now().toISOString() } });
  return { seeded: true };
}

function displayName(email: string): string {
  const local = email.split('@')[0]!;
  return `Demo ${local[0]!.toUpperCase()}${local.slice(1)}`;
}
