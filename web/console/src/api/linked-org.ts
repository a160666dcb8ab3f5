import { forgetResourceMeta } from './resource-meta.ts';
import { type Session, switchOrganization } from './session.ts';

/**
 * The organization a link names (`/console/?org=<slug>`, as the start banner prints them): read
 * when the console loads, since the redirect to the login page drops the query.
 */
export const linkedOrg = new URLSearchParams(window.location.search).get('org') ?? undefined;

let followed = false;

/**
 * A link to another organization of the signed-in person moves the session there, once, and opens
 * the same address without `?org=`: the link said where to work. A slug the person is not a member
 * of leaves the session where it is.
 */
export async function followLinkedOrganization(session: Session): Promise<void> {
  if (followed || !linkedOrg) return;
  followed = true;
  if (linkedOrg === session.organization.slug) return;
  const target = session.organizations.find((o) => o.slug === linkedOrg);
  if (!target) return;
  await switchOrganization(target.id);
  forgetResourceMeta();
  const url = new URL(window.location.href);
  url.searchParams.delete('org');
  window.location.replace(url.toString());
}
