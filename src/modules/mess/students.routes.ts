import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { readStaffPhone } from '../../core/contacts/index.ts';
import { callerKey, sendCreated } from '../../core/idempotency/index.ts';
import { routeOptions } from '../../platform/http/index.ts';
import { recordCashFee, studentDues } from './fee-payments.ts';
import { mealPassOf } from './meal-pass.ts';
import {
  cancelledMessCutSchema,
  cancelMessCutParams,
  cashPaymentBody,
  cashPaymentSchema,
  duesSchema,
  idParams,
  messCutBody,
  messCutSchema,
  registerStudentBody,
  studentOverviewSchema,
  studentSchema,
} from './mess.contract.ts';
import type { MessRuntime } from './mess.runtime.ts';
import { messSettingsOf } from './mess.settings.ts';
import { applyMessCut, cancelMessCut } from './mess-cuts.ts';
import { studentOverview } from './student-overview.ts';
import { getStudent, registerStudent, type Student } from './students.ts';

const toJson = (s: Student) => ({ ...s, registeredAt: s.registeredAt.toISOString() });

/** Console-side student operations: register (walk-in), mess cuts, cash, dues, the pass. */
export const studentsRoutes =
  (rt: MessRuntime): FastifyPluginAsyncZod =>
  async (app) => {
    const op = routeOptions(['mess']);
    app.post(
      '/api/mess/students',
      op(
        { permission: 'mess.student.create', refuses: [409, 422] },
        'Register a student at the desk (pending until approved)',
        { body: registerStudentBody, response: { 201: studentSchema } },
      ),
      async (req, reply) =>
        sendCreated(req, reply, { scope: 'mess.student.create' }, async (tx) => {
          // A local number (`98765 43210`) is read in the mess's country, as its bot reads it.
          const chosen = (await messSettingsOf(tx)).phoneRegion;
          const phone =
            req.body.phone && (await readStaffPhone(tx, req.body.phone, { field: 'body.phone', chosen }));
          return toJson(await registerStudent(tx, rt, { ...req.body, phone }));
        }),
    );
    app.post(
      '/api/mess/students/:id/cuts',
      op(
        { permission: 'mess.cut.create', refuses: [409, 422] },
        'Book a mess cut (tomorrow at the earliest, before the cutoff)',
        { params: idParams, body: messCutBody, response: { 201: messCutSchema } },
      ),
      async (req, reply) =>
        sendCreated(req, reply, { scope: 'mess.cut.create', request: [req.params.id, req.body] }, (tx) =>
          applyMessCut(tx, { studentId: req.params.id, range: req.body, source: 'console' }),
        ),
    );
    app.post(
      '/api/mess/students/:id/cash-payments',
      op({ permission: 'mess.payment.create', refuses: [409, 422] }, 'Record cash received for a cycle fee', {
        params: idParams,
        body: cashPaymentBody,
        response: { 201: cashPaymentSchema },
      }),
      async (req, reply) =>
        sendCreated(
          req,
          reply,
          { scope: 'mess.cash.create', request: [req.params.id, req.body] },
          async (tx, key) => {
            const payment = await recordCashFee(tx, {
              studentId: req.params.id,
              ...req.body,
              idempotencyKey: callerKey(tx, key),
            });
            return { paymentId: payment.id, status: payment.status };
          },
        ),
    );
    app.delete(
      '/api/mess/students/:id/cuts/:cutId',
      op(
        { permission: 'mess.cut.create', refuses: [409] },
        "Cancel a student's mess cut (the days the kitchen has not planned yet)",
        { params: cancelMessCutParams, response: { 200: cancelledMessCutSchema } },
      ),
      async (req) => cancelMessCut(req.ctx, { studentId: req.params.id, cutId: req.params.cutId }),
    );
    app.get(
      '/api/mess/students/:id/overview',
      op('mess.student.read', "A student's page: status, dues, payments, cuts and recent scans", {
        params: idParams,
        response: { 200: studentOverviewSchema },
      }),
      async (req) => studentOverview(req.ctx, req.params.id),
    );
    app.get(
      '/api/mess/students/:id/dues',
      op('mess.student.read', 'Itemized dues per cycle', { params: idParams, response: { 200: duesSchema } }),
      async (req) => {
        await getStudent(req.ctx, req.params.id);
        return studentDues(req.ctx, req.params.id);
      },
    );
    app.get(
      '/api/mess/students/:id/pass.png',
      op({ permission: 'mess.student.approve', refuses: [409] }, 'The meal pass QR of an approved student', {
        params: idParams,
      }),
      async (req, reply) => {
        const pass = await mealPassOf(req.ctx, {
          secretKey: rt.secretKey,
          studentId: req.params.id,
        });
        return reply.type('image/png').header('cache-control', 'no-store').send(Buffer.from(pass.png));
      },
    );
  };
