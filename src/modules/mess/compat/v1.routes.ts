import { randomUUID } from 'node:crypto';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { getPayment, listPayments, PaymentsErrors, verifyPayment } from '../../../core/payments/index.ts';
import { listResource, parseListParams } from '../../../core/resources/index.ts';
import { sql } from '../../../platform/db/index.ts';
import { answerErrorsAsDrf, DRF_PAGE_SIZE, drfPage } from '../../../platform/http/index.ts';
import { CYCLE_FEE } from '../fee-payments.ts';
import { messResources } from '../mess.resources.ts';
import type { MessRuntime } from '../mess.runtime.ts';
import type { MessTables } from '../mess.tables.ts';
import { startPassRun } from '../pass-regeneration.ts';
import { recordScans } from '../record-scans.ts';
import { decideStudent, type StudentDecision } from '../student-status.ts';
import { getStudent, type Student } from '../students.ts';
import {
  V1_STUDENT_STATUS,
  v1IdParams,
  v1Payment,
  v1PaymentPage,
  v1PaymentsQuery,
  v1ReportQuery,
  v1ScanBody,
  v1ScanResponse,
  v1ScanResult,
  v1StatusAnswer,
  v1Student,
  v1StudentPage,
  v1StudentsQuery,
} from './v1.contract.ts';
import { v1MessCutReport, v1PaymentReport, v1Payments } from './v1-reads.ts';

const tags = ['mess (v1 compatibility)'];

const toV1Student = (
  s: Pick<Student, 'id' | 'name' | 'rollNumber' | 'room' | 'phone' | 'status' | 'registeredAt'>,
) => ({
  id: s.id,
  name: s.name,
  roll_no: s.rollNumber,
  room_no: s.room,
  phone: s.phone,
  status: V1_STUDENT_STATUS[s.status],
  created_at: new Date(s.registeredAt).toISOString(),
});

const V1_TO_OURS = { UPLOADED: 'submitted', VERIFIED: 'verified', DENIED: 'denied' } as const;

/**
 * The original mess system's API (its `api/v1/urls.py`), so its scanner page and scripts keep
 * working: the same paths, parameter names, status spellings and DRF answers. Each route calls the
 * use case its native route calls, under the same permission; callers authenticate as every staff
 * route does (an API token as `Authorization: Bearer …`, where the original took a staff token, or a
 * staff session). Only `/api/v1/health/` is public, as it was.
 */
export const messV1Routes =
  (rt: MessRuntime): FastifyPluginAsyncZod =>
  async (app) => {
    answerErrorsAsDrf(app);
    const students = messResources(rt).find((r) => r.name === 'mess.students')!;

    app.post(
      '/api/v1/scanner/scan',
      {
        schema: {
          tags,
          summary: 'Scan a QR pass at the counter (one online scan; the original system’s passes too)',
          body: v1ScanBody,
          response: { 200: v1ScanResponse },
        },
        config: { permission: 'mess.scan.create', refuses: [400] },
      },
      async (req) => {
        const nonce = randomUUID();
        const [result] = await recordScans(req.ctx, rt, {
          deviceId: req.body.device_info?.trim() || 'api-v1',
          scans: [
            { nonce, code: req.body.qr_data, scannedAt: req.ctx.clock.now().toISOString(), offline: false },
          ],
        });
        const row = await req.ctx.db
          .withTables<MessTables>()
          .selectFrom('mess_scan')
          .select('id')
          .where('nonce', '=', nonce)
          .executeTakeFirst();
        const answer = v1ScanResult(result!.decision, result!.reason);
        if (answer !== 'ALLOWED' || !result!.student)
          return { result: answer, scan_id: row?.id ?? null, reason: result!.reason ?? '' };
        const student = await getStudent(req.ctx, result!.student.id);
        return {
          result: answer,
          scan_id: row?.id ?? null,
          student_snapshot: {
            id: student.id,
            name: student.name,
            roll_no: student.rollNumber,
            room_no: student.room,
            status: V1_STUDENT_STATUS[student.status],
            payment_ok: true,
            today_cut: false,
            closure_today: false,
            overall_status: 'ALLOWED',
          },
        };
      },
    );

    app.get(
      '/api/v1/students/',
      {
        schema: {
          tags,
          summary: 'Students, 50 a page',
          querystring: v1StudentsQuery,
          response: { 200: v1StudentPage },
        },
        config: { permission: 'mess.student.read' },
      },
      async (req) => {
        const { page, status } = req.query;
        const params = parseListParams(students, {
          page: String(page),
          perPage: String(DRF_PAGE_SIZE),
          ...(status ? { status: status.toLowerCase() } : {}),
        });
        const listed = await listResource(req.ctx, students, params);
        const results = listed.items.map((i) =>
          toV1Student(i as unknown as Parameters<typeof toV1Student>[0]),
        );
        return drfPage(req.url, page, DRF_PAGE_SIZE, listed.total, results);
      },
    );
    app.get(
      '/api/v1/students/:id/',
      {
        schema: { tags, summary: 'One student', params: v1IdParams, response: { 200: v1Student } },
        config: { permission: 'mess.student.read', refuses: [404] },
      },
      async (req) => toV1Student(await getStudent(req.ctx, req.params.id)),
    );
    const decide = (decision: StudentDecision, answer: string) =>
      app.post(
        `/api/v1/students/:id/${decision}`,
        {
          schema: {
            tags,
            summary: `${decision === 'approve' ? 'Approve' : 'Deny'} a student (as the console does)`,
            params: v1IdParams,
            response: { 200: v1StatusAnswer },
          },
          config: { permission: 'mess.student.approve', refuses: [400, 404] },
        },
        async (req) => {
          await decideStudent(req.ctx, rt, { studentId: req.params.id, decision });
          return { status: answer };
        },
      );
    decide('approve', 'approved');
    decide('deny', 'denied');

    app.get(
      '/api/v1/payments/',
      {
        schema: {
          tags,
          summary: 'Mess fee payments, newest first, 50 a page',
          querystring: v1PaymentsQuery,
          response: { 200: v1PaymentPage },
        },
        config: { permission: 'payments.payment.read' },
      },
      async (req) => {
        const { page, status } = req.query;
        const listed = await listPayments(req.ctx, {
          purposeType: CYCLE_FEE,
          ...(status ? { status: V1_TO_OURS[status] } : {}),
          limit: DRF_PAGE_SIZE,
          offset: (page - 1) * DRF_PAGE_SIZE,
        });
        return drfPage(req.url, page, DRF_PAGE_SIZE, listed.total, await v1Payments(req.ctx, listed.items));
      },
    );
    app.get(
      '/api/v1/payments/:id/',
      {
        schema: { tags, summary: 'One mess fee payment', params: v1IdParams, response: { 200: v1Payment } },
        config: { permission: 'payments.payment.read', refuses: [404] },
      },
      async (req) => {
        const payment = await getPayment(req.ctx, req.params.id);
        if (payment.purpose.type !== CYCLE_FEE) throw PaymentsErrors.payment_not_found({ id: req.params.id });
        return (await v1Payments(req.ctx, [payment]))[0]!;
      },
    );
    app.post(
      '/api/v1/payments/:id/verify',
      {
        schema: {
          tags,
          summary: 'Verify an uploaded payment screenshot (settles the fee)',
          params: v1IdParams,
          response: { 200: v1StatusAnswer },
        },
        config: { permission: 'payments.payment.verify', refuses: [400, 404] },
      },
      async (req) => {
        await verifyPayment(req.ctx, { paymentId: req.params.id });
        return { status: 'verified' };
      },
    );

    app.post(
      '/api/v1/admin/qr/regenerate-all',
      {
        schema: {
          tags,
          summary: "Sign every approved student's pass again and send it on Telegram (the pass run)",
          response: {
            200: z.object({
              status: z.literal('success'),
              affected_students: z.number().int(),
              new_version: z.number().int().nullable(),
              run_id: z.string(),
            }),
          },
        },
        config: { permission: 'mess.student.approve' },
      },
      async (req) => {
        const run = await startPassRun(req.ctx, rt);
        return {
          status: 'success' as const,
          affected_students: run.total,
          new_version: null,
          run_id: run.id,
        };
      },
    );
    app.get(
      '/api/v1/admin/reports/payments',
      {
        schema: {
          tags,
          summary: 'Payment report: counts by status and the latest, or the students who paid nothing',
          querystring: v1ReportQuery,
          response: { 200: z.object({ type: z.string() }).passthrough() },
        },
        config: { permission: 'mess.report.read' },
      },
      async (req) => v1PaymentReport(req.ctx, req.query),
    );
    app.get(
      '/api/v1/admin/reports/mess-cuts',
      {
        schema: {
          tags,
          summary: "Mess cut report: cuts in the period, and the next week's by first day",
          querystring: v1ReportQuery,
          response: { 200: z.object({ total_count: z.number().int() }).passthrough() },
        },
        config: { permission: 'mess.report.read' },
      },
      async (req) => v1MessCutReport(req.ctx, req.query),
    );

    app.get(
      '/api/v1/health/',
      {
        schema: {
          tags,
          summary: 'Whether the service and its database answer (no organization’s data)',
          response: {
            200: z.object({
              status: z.string(),
              timestamp: z.string(),
              checks: z.record(z.string(), z.unknown()),
            }),
            503: z.object({
              status: z.string(),
              timestamp: z.string(),
              checks: z.record(z.string(), z.unknown()),
            }),
          },
        },
        config: { public: true },
      },
      async (_req, reply) => {
        const database = await sql`select 1`
          .execute(rt.deps.database.db)
          .then(() => ({ status: 'healthy' }))
          .catch(() => ({ status: 'unhealthy' }));
        const healthy = database.status === 'healthy';
        return reply.status(healthy ? 200 : 503).send({
          status: healthy ? 'healthy' : 'unhealthy',
          timestamp: rt.deps.clock.now().toISOString(),
          checks: { database },
        });
      },
    );
  };
