import type { Ctx } from '../../src/core/context/index.ts';
import { createOrganization, findOrganizationBySlug } from '../../src/core/orgs/index.ts';
import type { TestApp } from '../support/test-app.ts';
import { createStaff } from './staff.ts';
import { uniqueName } from './unique.ts';

/** Where a factory writes: an organization's slug; `default` when left out. */
export interface InOrg {
  org?: string;
}

/** The id of the organization with this slug (default: the app's default one, `app.defaultOrg`). */
export async function orgIdOf(app: TestApp, slug = app.defaultOrg): Promise<string> {
  const org = await findOrganizationBySlug(app.database.db, slug);
  if (!org) throw new Error(`no organization ${slug}`);
  return org.id;
}

/** A context for the system in an organization: what factories call use cases with. */
export async function orgCtx(app: TestApp, slug?: string): Promise<Ctx> {
  return app.deps.systemCtx(await orgIdOf(app, slug), 'test-factory');
}

/** A second (third…) organization on the same deployment, with an owner who can sign in. */
export async function createOrg(
  app: TestApp,
  input: {
    slug?: string;
    timeZone?: string;
    currency?: string;
    languages?: string[];
    ownerEmail?: string;
  } = {},
): Promise<{ id: string; slug: string; ownerEmail: string }> {
  const slug = input.slug ?? uniqueName('org');
  const org = await createOrganization(app.database.db, {
    slug,
    name: slug,
    timeZone: input.timeZone ?? 'UTC',
    currency: input.currency ?? 'USD',
    languages: input.languages ?? ['en'],
  });
  const { email } = await createStaff(app, { org: slug, role: 'owner', email: input.ownerEmail });
  return { id: org.id, slug, ownerEmail: email };
}
