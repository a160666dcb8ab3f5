import { z } from 'zod';
import { phoneReaderOf } from '../../../core/contacts/index.ts';
import { languageOptionLabel } from '../../../core/i18n/index.ts';
import {
  defineResource,
  type ResourceAction,
  type ResourceColumn,
  type ResourceDefinition,
} from '../../../core/resources/index.ts';
import { mealPassOf } from '../meal-pass.ts';
import { STUDENT_STATUSES } from '../mess.rules.ts';
import type { MessRuntime } from '../mess.runtime.ts';
import { messSettingsOf } from '../mess.settings.ts';
import { passSheetPdf } from '../pass-sheet.pdf.ts';
import { DECISION_FROM, decideStudent, type StudentDecision } from '../student-status.ts';
import { registerStudent } from '../students.ts';

/** The statuses each decision starts from (as `decideStudent` allows): the console offers only these. */
const OFFERED: Record<StudentDecision | 'reissue-pass', ReadonlyArray<string>> = {
  ...DECISION_FROM,
  'reissue-pass': ['approved'],
};

const offeredOn = (action: StudentDecision | 'reissue-pass') => (item: Readonly<Record<string, unknown>>) =>
  OFFERED[action].includes(String(item.status));

const reason = z.object({ reason: z.string().trim().max(300).optional() });

/** A student's columns in lists and on their page. */
const STUDENT_COLUMNS: ResourceColumn[] = [
  { name: 'id', type: 'id', label: 'mess.fields.id', defaultVisible: false },
  {
    name: 'rollNumber',
    type: 'text',
    label: 'mess.fields.rollNumber',
    sortable: true,
    searchable: true,
    filter: 'eq',
  },
  {
    name: 'name',
    type: 'text',
    label: 'mess.fields.name',
    sortable: true,
    searchable: true,
    filter: 'contains',
  },
  { name: 'room', type: 'text', label: 'mess.fields.room', sortable: true, filter: 'eq' },
  { name: 'phone', type: 'text', label: 'mess.fields.phone', defaultVisible: false },
  {
    name: 'status',
    type: 'enum',
    label: 'mess.fields.status',
    options: STUDENT_STATUSES,
    sortable: true,
    filter: 'enum',
  },
  {
    name: 'statusReason',
    type: 'text',
    label: 'mess.fields.statusReason',
    defaultVisible: false,
  },
  {
    name: 'language',
    type: 'enum',
    label: 'mess.fields.language',
    options: ['en', 'hi'],
    optionLabel: languageOptionLabel,
    filter: 'enum',
    defaultVisible: false,
  },
  {
    name: 'registeredAt',
    type: 'datetime',
    label: 'mess.fields.registeredAt',
    sortable: true,
    filter: 'range',
  },
  {
    name: 'decidedAt',
    type: 'datetime',
    label: 'mess.fields.decidedAt',
    sortable: true,
    filter: 'range',
    defaultVisible: false,
  },
];

/** Approve, deny or suspend as an action of the list (one or many students; deny and suspend ask why). */
function decisionAction(
  rt: MessRuntime,
  decision: StudentDecision,
  bulk: boolean,
  withReason: boolean,
): ResourceAction {
  return {
    name: decision,
    label: `mess.actions.${decision}`,
    bulk,
    confirm: decision !== 'approve',
    permission: 'mess.student.approve',
    availableWhen: offeredOn(decision),
    ...(withReason ? { input: reason } : {}),
    async run(ctx: Parameters<typeof decideStudent>[0], id: string, input: unknown) {
      await decideStudent(ctx, rt, {
        studentId: id,
        decision,
        reason: (input as { reason?: string } | undefined)?.reason ?? null,
      });
    },
  };
}

/** What staff do to students from the list or a student's page. */
function studentActions(rt: MessRuntime): ResourceAction[] {
  return [
    decisionAction(rt, 'approve', true, false),
    decisionAction(rt, 'deny', true, true),
    decisionAction(rt, 'suspend', true, true),
    {
      name: 'reissue-pass',
      label: 'mess.actions.reissuePass',
      bulk: false,
      confirm: true,
      permission: 'mess.student.approve',
      availableWhen: offeredOn('reissue-pass'),
      async run(ctx, id) {
        await mealPassOf(ctx, { secretKey: rt.secretKey, studentId: id, reissue: true });
      },
    },
  ];
}

/**
 * The students list: search, filters, CSV, approve / deny / suspend (single and bulk), and the
 * selected students' passes as a printable PDF.
 */
export function studentsResource(rt: MessRuntime): ResourceDefinition {
  return defineResource({
    name: 'mess.students',
    label: 'mess.menu.students',
    path: '/api/mess/students',
    table: 'mess_student',
    idColumn: 'id',
    quickFind: true,
    permission: { read: 'mess.student.read', import: 'mess.student.create' },
    auditSubject: 'mess_student',
    columns: STUDENT_COLUMNS,
    defaultSort: { column: 'registeredAt', order: 'desc' },
    actions: studentActions(rt),
    // The selected students' passes as one printable sheet (approved students only: others have none).
    downloads: [
      {
        name: 'passes',
        label: 'mess.actions.printPasses',
        permission: 'mess.student.approve',
        async render(ctx, ids) {
          const body = await passSheetPdf(ctx, { secretKey: rt.secretKey, ids });
          return { filename: 'meal-passes.pdf', contentType: 'application/pdf', body };
        },
      },
    ],
    import: {
      columns: [
        { name: 'name', required: true, schema: z.string().trim().min(1).max(120) },
        { name: 'rollNumber', required: true, schema: z.string().trim().min(1).max(40) },
        { name: 'room', required: false, schema: z.string().trim().max(40).optional() },
        {
          name: 'phone',
          required: false,
          schema: z.string().trim().max(30).optional(),
          // Read as the desk and the bot read it: a local number in the mess's country.
          schemaFor: async (ctx) =>
            z
              .string()
              .trim()
              .max(30)
              .pipe((await phoneReaderOf(ctx, (await messSettingsOf(ctx)).phoneRegion)).schema)
              .optional(),
        },
        { name: 'language', required: false, schema: z.enum(['en', 'hi']).optional() },
      ],
      async createRow(ctx, row) {
        await registerStudent(ctx, rt, {
          name: row.name as string,
          rollNumber: row.rollNumber as string,
          room: (row.room as string | undefined) ?? '',
          phone: (row.phone as string | undefined) ?? '',
          language: (row.language as string | undefined) ?? 'en',
        });
      },
    },
  });
}
