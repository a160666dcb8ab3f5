import type { ColumnType, Generated } from 'kysely';
import type { OrgIdColumn } from '../../platform/db/index.ts';
import type { OrgsTables } from '../orgs/index.ts';
import type { Role } from './permissions.rules.ts';

type CreatedAt = ColumnType<Date, Date | undefined, never>;

export type StaffUserTable = {
  id: Generated<string>;
  email: string;
  name: string;
  password_hash: string;
  locale: ColumnType<string, string | undefined, string>;
  password_changed_at: ColumnType<Date, Date | undefined, Date>;
  created_at: CreatedAt;
};

export type MembershipTable = {
  org_id: OrgIdColumn;
  user_id: string;
  role: Role;
  extra_permissions: ColumnType<string[], string[] | undefined, string[]>;
  /** Null while the invitation is pending: the membership grants nothing yet. */
  accepted_at: Date | null;
  disabled_at: Date | null;
  /** What the inviter typed; shown to the organization until the person accepts. */
  invite_name: string | null;
  invite_email: string | null;
  /** The previous release's name for a pending invitation; written equal to `member_id` until dropped. */
  invitation_id: Generated<string>;
  /**
   * How the organization addresses the member, for good (issue 40): an invitation's own id, so the
   * organization never sees the account's id before acceptance and keeps the id it was answered
   * with after; the account's id for members added directly (CLI, seed) and those accepted before.
   */
  member_id: Generated<string>;
  created_at: CreatedAt;
};

/** Failed sign-ins per (typed e-mail, client address); see login-throttle.rules.ts. */
export type LoginThrottleTable = {
  account: string;
  client_ip: string;
  failures: number;
  last_failure_at: Date;
  locked_until: Date | null;
};

export type StaffSessionTable = {
  id: Generated<string>;
  org_id: OrgIdColumn;
  user_id: string;
  token_hash: string;
  csrf_token: string;
  ip: string | null;
  user_agent: string | null;
  created_at: CreatedAt;
  last_seen_at: ColumnType<Date, Date | undefined, Date>;
  expires_at: Date;
  revoked_at: Date | null;
};

export type ApiTokenTable = {
  id: Generated<string>;
  org_id: OrgIdColumn;
  user_id: string;
  name: string;
  prefix: string;
  token_hash: string;
  scopes: string[];
  created_at: CreatedAt;
  last_used_at: Date | null;
  expires_at: Date | null;
  revoked_at: Date | null;
};

/** Auth's own tables, and the organization it reads (the orgs area owns and writes it). */
export type AuthTables = OrgsTables & {
  staff_user: StaffUserTable;
  membership: MembershipTable;
  staff_session: StaffSessionTable;
  api_token: ApiTokenTable;
  login_throttle: LoginThrottleTable;
};
