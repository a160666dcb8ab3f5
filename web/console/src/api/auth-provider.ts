import type { AuthProvider } from 'react-admin';
import { followLinkedOrganization, linkedOrg } from './linked-org.ts';
import { forgetResourceMeta } from './resource-meta.ts';
import { cachedSession, loadSession, type Session, signIn, signOut } from './session.ts';

/** react-admin's auth, on Opsdesk's session cookie; permissions are the whole session. */
export const authProvider: AuthProvider = {
  async login({ email, password }: { email: string; password: string }) {
    forgetResourceMeta();
    await signIn(email, password, linkedOrg);
  },
  async logout() {
    forgetResourceMeta();
    await signOut().catch(() => undefined);
  },
  async checkAuth() {
    const session = await loadSession();
    if (!session) throw new Error('ra.auth.auth_check_error');
    await followLinkedOrganization(session);
  },
  async checkError(error: { status?: number }) {
    if (error?.status === 401) {
      await signOut().catch(() => undefined);
      throw error;
    }
  },
  async getPermissions(): Promise<Session | null> {
    return cachedSession() ?? (await loadSession());
  },
  async getIdentity() {
    const session = cachedSession() ?? (await loadSession());
    if (!session) throw new Error('not signed in');
    return {
      id: session.user.id,
      fullName: session.user.name || session.user.email,
      email: session.user.email,
    };
  },
};
