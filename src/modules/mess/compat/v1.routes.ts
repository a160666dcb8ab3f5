import { randomUUID } from 'node:crypto';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { sql } from '../../../platform/db/index.ts';
import { PlatformErrors } from '../../../platform/errors/index.ts';
import { answerErrorsAsDrf, routeOptions } from '../../../platform/http/index.ts';
import type { MessRuntime } from '../mess.runtime.ts';
import type { MessTables } from '../mess.tables.ts';
import { recordScans } from '../record-scans.ts';
import { getStudent } from '../students.ts';
import { tags, V1_STUDENT_STATUS, v1ScanBody, v1ScanResponse, v1ScanResult } from './v1.contract.ts';
import { v1AdminRoutes } from './v1-admin.routes.ts';
import { v1PaymentRoutes } from './v1-payments.routes.ts';
import { v1StudentRoutes } from './v1-students.routes.ts';

const op = routeOptions(tags);

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

    app.post(
      '/api/v1/scanner/scan',
      op(
        { permission: 'mess.scan.create', refuses: [400] },
        'Scan a QR pass at the counter (one online scan; the original system’s passes too)',
        { body: v1ScanBody, response: { 200: v1ScanResponse } },
      ),
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
      '/api/v1/health/',
      op(
        { public: true },
        'Whether the service and its database answer (no organization’s data; 503 when it does not)',
        {
          response: {
            200: z.object({
              status: z.string(),
              timestamp: z.string(),
              checks: z.record(z.string(), z.unknown()),
            }),
          },
        },
      ),
      async () => {
        const healthy = await sql`select 1`
          .execute(rt.deps.database.db)
          .then(() => true)
          .catch(() => false);
        if (!healthy) throw PlatformErrors.unavailable();
        return {
          status: 'healthy',
          timestamp: rt.deps.clock.now().toISOString(),
          checks: { database: { status: 'healthy' } },
        };
      },
    );

    await app.register(v1StudentRoutes(rt));
    await app.register(v1PaymentRoutes);
    await app.register(v1AdminRoutes(rt));
  };
