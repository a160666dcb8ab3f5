import { accountOfMember, getMember, MEMBERSHIP_STATES, ROLES, updateMember } from '../auth/index.ts';
import { defineResource } from './define-resource.ts';
import type { ResourceDefinition } from './resource.types.ts';
import { ResourceErrors } from './resources.errors.ts';

/**
 * Staff members of the organization: read-only list (membership joined to the account) with one
 * bulk action. Changing roles stays on the users screen, where its rules live.
 */
export const membersResource: ResourceDefinition = defineResource({
  name: 'platform.members',
  label: 'platform.menu.members',
  path: '/api/platform/members',
  table: 'membership',
  // An invitation's own id, kept once accepted; the account's for members added directly (issue 40).
  idColumn: 'member_id',
  joins: [{ table: 'staff_user', on: ['staff_user.id', 'membership.user_id'] }],
  permission: { read: 'platform.user.read' },
  auditSubject: 'staff_user',
  columns: [
    {
      name: 'id',
      type: 'id',
      label: 'platform.members.id',
      defaultVisible: false,
    },
    {
      name: 'name',
      // Until accepted, what the inviter typed: an invitation reveals nothing about the account.
      sql: 'case when membership.accepted_at is null then coalesce(membership.invite_name, staff_user.name) else staff_user.name end',
      type: 'text',
      label: 'platform.members.name',
      sortable: true,
      searchable: true,
      filter: 'contains',
    },
    {
      name: 'email',
      sql: 'case when membership.accepted_at is null then coalesce(membership.invite_email, staff_user.email) else staff_user.email end',
      type: 'text',
      label: 'platform.members.email',
      sortable: true,
      searchable: true,
      filter: 'contains',
    },
    {
      name: 'role',
      type: 'enum',
      label: 'platform.members.role',
      options: ROLES,
      sortable: true,
      filter: 'enum',
    },
    {
      name: 'state',
      sql: "case when membership.disabled_at is not null then 'disabled' when membership.accepted_at is null then 'invited' else 'active' end",
      type: 'enum',
      label: 'platform.members.state',
      options: MEMBERSHIP_STATES,
      sortable: true,
      filter: 'enum',
    },
    {
      name: 'disabled',
      sql: 'membership.disabled_at is not null',
      type: 'boolean',
      label: 'platform.members.disabled',
      sortable: true,
      filter: 'boolean',
    },
    {
      name: 'createdAt',
      type: 'datetime',
      label: 'platform.members.createdAt',
      sortable: true,
      filter: 'range',
    },
  ],
  defaultSort: { column: 'name', order: 'asc' },
  actions: [
    {
      name: 'disable',
      label: 'platform.members.disable',
      bulk: true,
      confirm: true,
      permission: 'platform.user.manage',
      // updateMember keeps the last owner, lets only owners touch owners, signs the member out and audits.
      async run(ctx, id, _input, caller) {
        if ((await getMember(ctx, id)).disabled) return;
        if ((await accountOfMember(ctx, id)) === caller.userId) throw ResourceErrors.cannot_disable_self();
        // Only disabling: no permission is granted, so no catalog is needed to judge one.
        await updateMember(ctx, id, { disabled: true }, { assigner: caller, catalog: [] });
      },
    },
  ],
});
