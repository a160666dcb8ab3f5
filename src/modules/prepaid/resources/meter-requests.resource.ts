import { z } from 'zod';
import {
  defineResource,
  type ResourceAction,
  type ResourceColumn,
  type ResourceDefinition,
} from '../../../core/resources/index.ts';
import { approveMeterRequest, rejectMeterRequest } from '../meter-requests.ts';
import type { PrepaidRuntime } from '../prepaid.runtime.ts';
import { prepaidColumns } from './prepaid-columns.ts';

/** A meter request's columns in lists and on its page. */
const METER_REQUEST_COLUMNS: ResourceColumn[] = [
  prepaidColumns.id,
  {
    name: 'meterNumber',
    column: 'meter_number',
    type: 'text',
    label: 'prepaid.fields.number',
    searchable: true,
    filter: 'eq',
    sortable: true,
  },
  prepaidColumns.account,
  {
    name: 'phone',
    table: 'prepaid_account',
    column: 'phone',
    type: 'text',
    label: 'prepaid.fields.phone',
  },
  {
    name: 'currentAccount',
    sql: `(select a.name from prepaid_meter m join prepaid_account a on a.org_id = m.org_id and a.id = m.account_id
           where m.org_id = prepaid_meter_request.org_id and upper(m.number) = prepaid_meter_request.meter_number)`,
    type: 'text',
    label: 'prepaid.fields.currentAccount',
  },
  {
    name: 'reason',
    type: 'enum',
    label: 'prepaid.fields.requestReason',
    options: ['unknown_meter', 'other_account'],
    filter: 'enum',
  },
  {
    name: 'origin',
    type: 'enum',
    label: 'prepaid.fields.requestOrigin',
    options: ['sign_up', 'add_meter'],
    filter: 'enum',
  },
  {
    name: 'status',
    type: 'enum',
    label: 'prepaid.fields.status',
    options: ['waiting', 'approved', 'rejected'],
    filter: 'enum',
  },
  { name: 'decisionNote', column: 'decision_note', type: 'text', label: 'prepaid.fields.decisionNote' },
  prepaidColumns.createdAt,
  { name: 'decidedAt', type: 'datetime', label: 'prepaid.fields.decidedAt', sortable: true },
];

/** A request still waiting for staff to decide. */
const pending = (r: Readonly<Record<string, unknown>>) => r.status === 'waiting';

/** What staff do to a meter request from its page. */
function meterRequestActions(rt: PrepaidRuntime): ResourceAction[] {
  return [
    {
      name: 'approve',
      label: 'prepaid.actions.approve',
      bulk: false,
      confirm: true,
      permission: 'prepaid.meter.manage',
      input: z.object({ note: z.string().trim().max(500).optional() }),
      availableWhen: pending,
      run: async (ctx, id, input) =>
        approveMeterRequest(ctx, rt, id, (input as { note?: string }).note || undefined),
    },
    {
      name: 'reject',
      label: 'prepaid.actions.reject',
      bulk: false,
      confirm: true,
      permission: 'prepaid.meter.manage',
      input: z.object({ note: z.string().trim().min(1).max(500) }),
      availableWhen: pending,
      run: async (ctx, id, input) => rejectMeterRequest(ctx, rt, id, (input as { note: string }).note),
    },
  ];
}

/** Requests to attach a meter to an account; staff approve or reject a waiting one. */
export function meterRequestsResource(rt: PrepaidRuntime): ResourceDefinition {
  return defineResource({
    name: 'prepaid.meter_requests',
    label: 'prepaid.menu.requests',
    path: '/api/prepaid/console/meter-requests',
    table: 'prepaid_meter_request',
    idColumn: 'id',
    titleColumn: 'meterNumber',
    permission: { read: 'prepaid.meter.read' },
    auditSubject: 'prepaid_meter_request',
    joins: [{ table: 'prepaid_account', on: ['prepaid_account.id', 'prepaid_meter_request.account_id'] }],
    columns: METER_REQUEST_COLUMNS,
    defaultSort: { column: 'createdAt', order: 'desc' },
    actions: meterRequestActions(rt),
  });
}
