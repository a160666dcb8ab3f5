import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { idempotencyKeyOf } from '../../core/idempotency/index.ts';
import { recordCashFee, studentDues } from './fee-payments.ts';
import { mealPassOf } from './meal-pass.ts';
import type { MessRuntime } from './mess.runtime.ts';
import { applyMessCut, cancelMessCut } from './mess-cuts.ts';
import { studentOverview } from './student-overview.ts';
import { getStudent, registerStudent, type Student } from './students.ts';

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected YYYY-MM-DD');
const idParams = z.object({ id: z.string().uuid() });
const studentSchema = z.object({
  id: z.string(),
  name: z.string(),
  rollNumber: z.string(),
  room: z.string(),
  phone: z.string(),
  language: z.string(),
  status: z.string(),
  statusReason: z.string().nullable(),
  registeredAt: z.iso.datetime(),
});
const toJson = (s: Student) => ({ ...s, registeredAt: s.registeredAt.toISOString() });

/** Console-side student operations: register (walk-in), mess cuts, cash, dues, the pass. */
export const studentsRoutes =
  (rt: MessRuntime): FastifyPluginAsyncZod =>
  async (app) => {
    const tags = ['mess'];
    app.post(
      '/api/mess/students',
      {
        schema: {
          tags,
          summary: 'Register a student at the desk (pending until approved)',
          body: z.object({
            name: z.string().trim().min(1).max(120),
            rollNumber: z.string().trim().min(1).max(40),
            room: z.string().trim().max(40).default(''),
            phone: z.string().trim().max(30).default(''),
            language: z.enum(['en', 'hi']).default('en'),
          }),
          response: { 201: studentSchema },
        },
        config: { permission: 'mess.student.create', refuses: [409] },
      },
      async (req, reply) => reply.status(201).send(toJson(await registerStudent(req.ctx, rt, req.body))),
    );
    app.post(
      '/api/mess/students/:id/cuts',
      {
        schema: {
          tags,
          summary: 'Book a mess cut (tomorrow at the earliest, before the cutoff)',
          params: idParams,
          body: z.object({ from: isoDate, to: isoDate }),
          response: { 201: z.object({ id: z.string(), from: z.string(), to: z.string() }) },
        },
        config: { permission: 'mess.cut.create', refuses: [409] },
      },
      async (req, reply) =>
        reply
          .status(201)
          .send(
            await applyMessCut(req.ctx, { studentId: req.params.id, range: req.body, source: 'console' }),
          ),
    );
    app.post(
      '/api/mess/students/:id/cash-payments',
      {
        schema: {
          tags,
          summary: 'Record cash received for a cycle fee',
          params: idParams,
          body: z.object({
            cycleId: z.string().uuid(),
            amountMinor: z.number().int().positive(),
            note: z.string().max(500).optional(),
          }),
          response: { 201: z.object({ paymentId: z.string(), status: z.string() }) },
        },
        config: { permission: 'mess.payment.create', refuses: [409, 422] },
      },
      async (req, reply) => {
        const payment = await recordCashFee(req.ctx, {
          studentId: req.params.id,
          ...req.body,
          idempotencyKey: idempotencyKeyOf(req.headers) ?? null,
        });
        return reply.status(201).send({ paymentId: payment.id, status: payment.status });
      },
    );
    app.delete(
      '/api/mess/students/:id/cuts/:cutId',
      {
        schema: {
          tags,
          summary: "Cancel a student's mess cut (the days the kitchen has not planned yet)",
          params: z.object({ id: z.string().uuid(), cutId: z.string().uuid() }),
          response: {
            200: z.object({
              removed: z.object({ from: z.string(), to: z.string() }),
              kept: z.object({ from: z.string(), to: z.string() }).nullable(),
            }),
          },
        },
        config: { permission: 'mess.cut.create', refuses: [409] },
      },
      async (req) => cancelMessCut(req.ctx, { studentId: req.params.id, cutId: req.params.cutId }),
    );
    app.get(
      '/api/mess/students/:id/overview',
      {
        schema: {
          tags,
          summary: "A student's page: status, dues, payments, cuts and recent scans",
          params: idParams,
          response: { 200: z.looseObject({ student: z.looseObject({ id: z.string() }) }) },
        },
        config: { permission: 'mess.student.read' },
      },
      async (req) => studentOverview(req.ctx, req.params.id),
    );
    app.get(
      '/api/mess/students/:id/dues',
      {
        schema: {
          tags,
          summary: 'Itemized dues per cycle',
          params: idParams,
          response: {
            200: z.object({
              currency: z.string(),
              cycles: z.array(
                z.object({
                  cycleId: z.string(),
                  name: z.string(),
                  feeMinor: z.number(),
                  cutDays: z.number(),
                  rebateMinor: z.number(),
                  dueMinor: z.number(),
                  paidMinor: z.number(),
                  balanceMinor: z.number(),
                }),
              ),
            }),
          },
        },
        config: { permission: 'mess.student.read' },
      },
      async (req) => {
        await getStudent(req.ctx, req.params.id);
        return studentDues(req.ctx, req.params.id);
      },
    );
    app.get(
      '/api/mess/students/:id/pass.png',
      {
        schema: { tags, summary: 'The meal pass QR of an approved student', params: idParams },
        config: { permission: 'mess.student.approve', refuses: [409] },
      },
      async (req, reply) => {
        const pass = await mealPassOf(req.ctx, {
          secretKey: rt.secretKey,
          studentId: req.params.id,
        });
        return reply.type('image/png').header('cache-control', 'no-store').send(Buffer.from(pass.png));
      },
    );
  };
