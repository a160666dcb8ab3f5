import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { listResource, parseListParams } from '../../../core/resources/index.ts';
import { DRF_PAGE_SIZE, drfPage, routeOptions } from '../../../platform/http/index.ts';
import { messResources } from '../mess.resources.ts';
import type { MessRuntime } from '../mess.runtime.ts';
import { decideStudent, type StudentDecision } from '../student-status.ts';
import { getStudent, type Student } from '../students.ts';
import {
  tags,
  V1_STUDENT_STATUS,
  v1IdParams,
  v1StatusAnswer,
  v1Student,
  v1StudentPage,
  v1StudentsQuery,
} from './v1.contract.ts';

const op = routeOptions(tags);

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

/** The original's student paths: the list, one student, approve and deny. */
export const v1StudentRoutes =
  (rt: MessRuntime): FastifyPluginAsyncZod =>
  async (app) => {
    const students = messResources(rt).find((r) => r.name === 'mess.students')!;

    app.get(
      '/api/v1/students/',
      op('mess.student.read', 'Students, 50 a page', {
        querystring: v1StudentsQuery,
        response: { 200: v1StudentPage },
      }),
      async (req) => {
        const { page, status } = req.query;
        const params = parseListParams(students, {
          page: String(page),
          perPage: String(DRF_PAGE_SIZE),
          ...(status ? { status: status.toLowerCase() } : {}),
        });
        const listed = await listResource(req.ctx, students, params);
        const results = listed.items.map((i) => toV1Student(i as Parameters<typeof toV1Student>[0]));
        return drfPage(req.url, page, DRF_PAGE_SIZE, listed.total, results);
      },
    );
    app.get(
      '/api/v1/students/:id/',
      op({ permission: 'mess.student.read', refuses: [404] }, 'One student', {
        params: v1IdParams,
        response: { 200: v1Student },
      }),
      async (req) => toV1Student(await getStudent(req.ctx, req.params.id)),
    );
    const decide = (decision: StudentDecision, answer: string) =>
      app.post(
        `/api/v1/students/:id/${decision}`,
        op(
          { permission: 'mess.student.approve', refuses: [400, 404] },
          `${decision === 'approve' ? 'Approve' : 'Deny'} a student (as the console does)`,
          { params: v1IdParams, response: { 200: v1StatusAnswer } },
        ),
        async (req) => {
          await decideStudent(req.ctx, rt, { studentId: req.params.id, decision });
          return { status: answer };
        },
      );
    decide('approve', 'approved');
    decide('deny', 'denied');
  };
