import { usePermissions } from 'react-admin';
import type { Session } from './session.ts';

/** The session (react-admin keeps it as the "permissions"). */
export function useSession(): Session | null {
  const { permissions } = usePermissions<Session | null>();
  return permissions ?? null;
}
