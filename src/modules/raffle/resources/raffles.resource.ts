import { sql } from 'kysely';
import {
  defineResource,
  type ResourceAction,
  type ResourceColumn,
  type ResourceDefinition,
} from '../../../core/resources/index.ts';
import type { JobQueue } from '../../../platform/jobs/index.ts';
import { drawRaffle } from '../draw.ts';
import { newRaffleSchema } from '../raffle.contract.ts';
import {
  closeRaffle,
  createRaffle,
  deleteDraftRaffle,
  type RaffleChanges,
  startSelling,
  updateRaffle,
} from '../raffles.ts';

type ResourceFormFields = NonNullable<ResourceDefinition['form']>['fields'];

/** What the edit form may send: any field of a new raffle but the currency (prices keep theirs). */
const raffleChangesSchema = newRaffleSchema.omit({ currency: true }).partial();

/** A raffle's columns in lists and on its page. */
const RAFFLE_COLUMNS: ResourceColumn[] = [
  { name: 'id', type: 'id', label: 'raffle.fields.id', defaultVisible: false },
  {
    name: 'title',
    type: 'text',
    label: 'raffle.fields.title',
    sortable: true,
    searchable: true,
    filter: 'contains',
  },
  {
    name: 'status',
    type: 'enum',
    label: 'raffle.fields.status',
    filter: 'enum',
    options: ['draft', 'selling', 'closed', 'drawn'],
    sortable: true,
  },
  {
    name: 'priceMinor',
    type: 'money',
    currency: { column: 'currency' },
    label: 'raffle.fields.price',
    sortable: true,
  },
  { name: 'currency', type: 'text', label: 'raffle.fields.currency', defaultVisible: false },
  {
    name: 'minNumber',
    type: 'number',
    label: 'raffle.fields.minNumber',
  },
  {
    name: 'maxNumber',
    type: 'number',
    label: 'raffle.fields.maxNumber',
  },
  {
    name: 'closesAt',
    type: 'datetime',
    label: 'raffle.fields.closesAt',
    sortable: true,
    filter: 'range',
  },
  { name: 'commitment', type: 'text', label: 'raffle.fields.commitment', defaultVisible: false },
  {
    // Orders still held for payment: the draw is refused while any is (raw SQL: scoped here).
    name: 'waitingOrders',
    sql: ({ now }) =>
      sql`(select count(*)::int from raffle_order o where o.org_id = raffle_raffle.org_id
        and o.raffle_id = raffle_raffle.id and o.status = 'pending_payment' and o.expires_at > ${now})`,
    type: 'number',
    label: 'raffle.fields.waitingOrders',
    defaultVisible: false,
    recordPage: false,
  },
  {
    name: 'createdAt',
    type: 'datetime',
    label: 'raffle.fields.createdAt',
    sortable: true,
    filter: 'range',
  },
];

/** The raffle's life from its page: each step is offered only in the state it applies to. */
function raffleActions(deps: { jobs: JobQueue }): ResourceAction[] {
  return [
    {
      name: 'start-selling',
      label: 'raffle.actions.startSelling',
      bulk: false,
      confirm: true,
      permission: 'raffle.raffle.manage',
      availableWhen: (raffle) => raffle.status === 'draft',
      run: async (ctx, id) => void (await startSelling(ctx, id)),
    },
    {
      name: 'close',
      label: 'raffle.actions.close',
      bulk: false,
      // Warns that orders waiting for payment keep their tickets and hold the draw (issue 41, item 11).
      confirm: 'raffle.actions.closeConfirm',
      permission: 'raffle.raffle.manage',
      availableWhen: (raffle) => raffle.status === 'selling',
      run: async (ctx, id) => void (await closeRaffle(ctx, id)),
    },
    {
      name: 'draw',
      label: 'raffle.actions.draw',
      bulk: false,
      // Says what a draw does: it cannot be taken back.
      confirm: 'raffle.actions.drawConfirm',
      permission: 'raffle.raffle.draw',
      // Not offered while orders still wait for payment (the draw would be refused): the page's
      // "Waiting for payment" panel names them and says the draw comes once none is left (issue 54, item 17).
      availableWhen: (raffle) => raffle.status === 'closed' && Number(raffle.waitingOrders ?? 0) === 0,
      run: async (ctx, id) => void (await drawRaffle(ctx, deps, id)),
    },
    {
      name: 'delete',
      label: 'raffle.actions.delete',
      bulk: false,
      confirm: true,
      permission: 'raffle.raffle.manage',
      availableWhen: (raffle) => raffle.status === 'draft',
      run: async (ctx, id) => deleteDraftRaffle(ctx, id),
    },
  ];
}

/** The create/edit form's fields; the routes delegate to the same use cases as the API. */
const RAFFLE_FORM_FIELDS: ResourceFormFields = [
  { name: 'title', type: 'text', label: 'raffle.fields.title', required: true, maxLength: 200 },
  { name: 'description', type: 'textarea', label: 'raffle.fields.description', maxLength: 2000 },
  {
    name: 'currency',
    type: 'text',
    label: 'raffle.fields.currency',
    required: true,
    maxLength: 3,
    on: 'create',
  },
  {
    name: 'priceMinor',
    type: 'money',
    label: 'raffle.fields.price',
    required: true,
    min: 1,
    currency: { field: 'currency' },
  },
  { name: 'minNumber', type: 'number', label: 'raffle.fields.minNumber', required: true, min: 0 },
  { name: 'maxNumber', type: 'number', label: 'raffle.fields.maxNumber', required: true, min: 0 },
  { name: 'maxPerOrder', type: 'number', label: 'raffle.fields.maxPerOrder', min: 1, max: 500 },
  { name: 'maxPerBuyer', type: 'number', label: 'raffle.fields.maxPerBuyer', min: 1 },
  { name: 'holdMinutes', type: 'number', label: 'raffle.fields.holdMinutes', min: 1, max: 1440 },
  { name: 'opensAt', type: 'datetime', label: 'raffle.fields.opensAt' },
  { name: 'closesAt', type: 'datetime', label: 'raffle.fields.closesAt' },
  { name: 'prizes', type: 'list', label: 'raffle.fields.prizes', required: true },
];

/** Raffles: create, edit, start selling, close and draw. */
export function rafflesResource(deps: { jobs: JobQueue }): ResourceDefinition {
  return defineResource({
    name: 'raffle.raffles',
    label: 'raffle.menu.raffles',
    path: '/api/raffle/console/raffles',
    table: 'raffle_raffle',
    idColumn: 'id',
    permission: { read: 'raffle.raffle.read' },
    auditSubject: 'raffle_raffle',
    columns: RAFFLE_COLUMNS,
    defaultSort: { column: 'createdAt', order: 'desc' },
    titleColumn: 'title',
    actions: raffleActions(deps),
    // The create/edit form; the routes delegate to the same use cases as the API.
    form: {
      fields: RAFFLE_FORM_FIELDS,
      create: {
        permission: 'raffle.raffle.manage',
        input: newRaffleSchema,
        run: async (ctx, input) => ({ id: (await createRaffle(ctx, newRaffleSchema.parse(input))).id }),
      },
      update: {
        permission: 'raffle.raffle.manage',
        input: raffleChangesSchema,
        run: async (ctx, id, input) => void (await updateRaffle(ctx, id, input as RaffleChanges)),
      },
    },
  });
}
