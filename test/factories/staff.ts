import type { Role } from '../../src/core/auth/index.ts';
import { type ApiClient, TEST_PASSWORD, type TestApp } from '../support/test-app.ts';
import type { InOrg } from './org.ts';
import { uniqueName } from './unique.ts';

export interface StaffInput extends InOrg {
  role?: Role;
  email?: string;
}

/** A member of an organization's staff (default: ops in the default organization), through core auth. */
export async function createStaff(
  app: TestApp,
  input: StaffInput = {},
): Promise<{ email: string; password: string; org: string }> {
  const role = input.role ?? 'ops';
  const email = input.email ?? `${uniqueName(role)}@staff.test`;
  const org = input.org ?? app.defaultOrg;
  await app.createStaff({ email, role, org });
  return { email, password: TEST_PASSWORD, org };
}

/** A new staff member, signed in: a client carrying their session cookie and CSRF token. */
export async function signedInStaff(app: TestApp, input: StaffInput = {}): Promise<ApiClient> {
  const { email, org } = await createStaff(app, input);
  return app.signIn(email, undefined, org === 'default' ? undefined : org);
}
