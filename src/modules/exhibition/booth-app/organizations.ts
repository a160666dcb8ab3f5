import { ApiError, type StaffApi } from '../../../../web/kit/api.ts';
import type { BoothOrganizationJson } from '../browser.ts';
import type { BoothSession } from './state.ts';

/**
 * Where a person has no booth: their organizations that have one, to switch to (asked in any
 * organization, one without the exhibition too), or `offline`. A server without the list answers
 * with the organizations the session says run the exhibition.
 */
export async function boothOrganizationsOf(
  api: StaffApi,
  session: BoothSession,
): Promise<Array<{ id: string; name: string }> | 'offline'> {
  try {
    const withBooths = new Set(
      (await api.call<BoothOrganizationJson[]>('GET', '/api/exhibition/booth-organizations')).map(
        (o) => o.id,
      ),
    );
    return session.organizations.filter((o) => withBooths.has(o.id)).map(({ id, name }) => ({ id, name }));
  } catch (err) {
    if (!(err instanceof ApiError)) throw err;
    if (err.kind === 'network') return 'offline';
    return session.organizations
      .filter((o) => o.modules.includes('exhibition'))
      .map(({ id, name }) => ({ id, name }));
  }
}
