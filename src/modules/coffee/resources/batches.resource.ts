import { z } from 'zod';
import {
  defineResource,
  type ResourceAction,
  type ResourceColumn,
  type ResourceDefinition,
} from '../../../core/resources/index.ts';
import { createBatch, retryFailed } from '../batches.ts';
import { checkCommandParams, tag } from '../coffee.contract.ts';
import { COMMAND_PARAMS, COMMAND_TYPES, DEFAULT_ABORT_PERCENT } from '../coffee.rules.ts';
import type { CoffeeRuntime } from '../coffee.runtime.ts';
import { f } from './field-label.ts';

type ResourceFormFields = NonNullable<ResourceDefinition['form']>['fields'];

const count = (buckets: string) =>
  `(select count(*) from coffee_command c where c.batch_id = coffee_batch.id and c.status in (${buckets}))`;

/**
 * What a batch sends: the command types whose parameters are all optional (a drink goes to one
 * machine, from its page; a recipe package as a rollout), each parameter in a field of its own.
 */
const BATCH_TYPES = COMMAND_TYPES.filter((t) => !COMMAND_PARAMS[t]?.some((p) => p.required));
const BATCH_PARAMS = BATCH_TYPES.flatMap((t) => COMMAND_PARAMS[t] ?? []);

/** The console's batch form: a tag or picked machines (an empty pick stands for none). */
const batchForm = z
  .object({
    type: z.enum(COMMAND_TYPES),
    tag: tag.optional(),
    deviceIds: z.array(z.string().uuid()).max(10_000).optional(),
    // left empty, a batch stops past DEFAULT_ABORT_PERCENT % failures (issue 54, item 19)
    abortAtFailurePercent: z.number().int().min(1).max(100).optional(),
    minFinished: z.number().int().min(1).optional(),
    ratePerMinute: z.number().int().min(1).max(100_000).optional(),
    ...Object.fromEntries(BATCH_PARAMS.map((p) => [p.name, z.unknown().optional()])),
  })
  .refine((b) => !b.deviceIds?.length !== !b.tag, {
    message: 'Give either a tag or machines',
    path: ['tag'],
  })
  .superRefine((b, c) => checkCommandParams({ type: b.type, params: paramsOf(b) }, c, []));

/** The parameters typed in the form, as the command takes them. */
const paramsOf = (form: Record<string, unknown>) =>
  Object.fromEntries(BATCH_PARAMS.filter((p) => form[p.name] != null).map((p) => [p.name, form[p.name]]));

/** A batch's columns in lists and on its page. */
const BATCH_COLUMNS: ResourceColumn[] = [
  { name: 'id', type: 'id', label: f('id'), defaultVisible: false },
  {
    // Not `type`: a query parameter of that name reads as a JSON-schema keyword (openapi.test.ts).
    name: 'commandType',
    column: 'type',
    type: 'enum',
    label: f('command'),
    filter: 'enum',
    options: COMMAND_TYPES,
  },
  {
    name: 'target',
    sql: `coalesce('#' || (coffee_batch.selector->>'tag'), jsonb_array_length(coffee_batch.selector->'deviceIds')::text)`,
    type: 'text',
    label: f('target'),
  },
  {
    name: 'status',
    type: 'enum',
    label: f('status'),
    filter: 'enum',
    options: ['running', 'completed', 'aborted'],
    sortable: true,
  },
  { name: 'total', type: 'number', label: f('total'), sortable: true },
  { name: 'succeeded', sql: count("'succeeded'"), type: 'number', label: f('succeeded') },
  {
    name: 'failed',
    sql: count("'failed', 'timed_out', 'expired', 'unsupported'"),
    type: 'number',
    label: f('failed'),
  },
  { name: 'pending', sql: count("'queued', 'sent'"), type: 'number', label: f('pending') },
  { name: 'cancelled', sql: count("'cancelled'"), type: 'number', label: f('cancelled') },
  { name: 'abortAtFailurePercent', type: 'number', label: f('abortAt') },
  { name: 'createdAt', type: 'datetime', label: f('createdAt'), sortable: true, filter: 'range' },
  { name: 'finishedAt', type: 'datetime', label: f('finishedAt'), defaultVisible: false },
];

/** The batch form's fields. */
const BATCH_FORM_FIELDS: ResourceFormFields = [
  { name: 'type', type: 'enum', label: f('command'), required: true, options: BATCH_TYPES },
  ...BATCH_PARAMS.map((p) => ({
    name: p.name,
    type: p.kind === 'number' ? ('number' as const) : ('text' as const),
    label: `coffee.params.${p.name}`,
    min: p.min,
    max: p.max,
    // asked for the commands that take it, not for every command
    shownWhen: { field: 'type', values: BATCH_TYPES.filter((t) => COMMAND_PARAMS[t]?.includes(p)) },
  })),
  { name: 'tag', type: 'text', label: f('tag'), maxLength: 40 },
  {
    name: 'deviceIds',
    type: 'reference',
    reference: 'coffee.devices',
    multiple: true,
    label: f('machines'),
  },
  {
    name: 'abortAtFailurePercent',
    type: 'number',
    // the label says what it does and what an empty field means: the form has no help line
    label: f('abortAtOrDefault'),
    min: 1,
    max: 100,
  },
  { name: 'minFinished', type: 'number', label: f('minFinishedOrDefault'), min: 1 },
  { name: 'ratePerMinute', type: 'number', label: f('ratePerMinuteOrDefault'), min: 1 },
];

/** What staff do to a batch from its page. */
function batchActions(rt: CoffeeRuntime): ResourceAction[] {
  return [
    {
      name: 'retry-failed',
      label: 'coffee.actions.retryFailed',
      bulk: false,
      confirm: true,
      permission: 'coffee.command.send',
      availableWhen: (b) => b.status !== 'running' && Number(b.failed) > 0,
      run: async (ctx, id) => void (await retryFailed(ctx, rt, id)),
    },
  ];
}

/** Commands sent to many machines at once, with their progress; failed ones can be retried. */
export function batchesResource(rt: CoffeeRuntime): ResourceDefinition {
  return defineResource({
    name: 'coffee.batches',
    label: 'coffee.menu.batches',
    path: '/api/coffee/console/batches',
    table: 'coffee_batch',
    idColumn: 'id',
    permission: { read: 'coffee.command.read' },
    auditSubject: 'coffee_batch',
    titleColumn: 'commandType',
    columns: BATCH_COLUMNS,
    defaultSort: { column: 'createdAt', order: 'desc' },
    form: {
      fields: BATCH_FORM_FIELDS,
      create: {
        permission: 'coffee.command.send',
        input: batchForm,
        run: async (ctx, input) => {
          const form = batchForm.parse(input);
          const { type, tag: byTag, deviceIds, abortAtFailurePercent, minFinished, ratePerMinute } = form;
          const target = deviceIds?.length ? { deviceIds } : { tag: byTag };
          const batch = await createBatch(ctx, rt, {
            ...target,
            abortAtFailurePercent: abortAtFailurePercent ?? DEFAULT_ABORT_PERCENT,
            minFinished,
            ratePerMinute,
            command: { type, params: paramsOf(form) },
          });
          return { id: batch.id };
        },
      },
    },
    actions: batchActions(rt),
  });
}
