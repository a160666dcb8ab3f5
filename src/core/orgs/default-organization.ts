import type { Db } from '../../platform/db/index.ts';
import { PlatformErrors } from '../../platform/errors/index.ts';
import { createOrganization, listOrganizations, type OrganizationInput } from './organizations.ts';

/**
 * A fresh install gets one organization, `default`, from the environment's defaults; an install
 * that has any organization is left as it is.
 */
export async function ensureDefaultOrganization(
  db: Db,
  defaults: Omit<OrganizationInput, 'slug' | 'modules'>,
): Promise<void> {
  if ((await listOrganizations(db)).length > 0) return;
  await createOrganization(db, { slug: 'default', ...defaults }).catch((err) => {
    // Two processes starting at once both try; the second loses the unique slug race harmlessly.
    if (!PlatformErrors.conflict.is(err)) throw err;
  });
}
