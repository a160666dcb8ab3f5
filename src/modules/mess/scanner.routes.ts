import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { routeOptions } from '../../platform/http/index.ts';
import type { MessRuntime } from './mess.runtime.ts';
import { recordScans } from './record-scans.ts';
import { scanBatchSchema, scannerSnapshotSchema, scanResultsSchema } from './scanner.contract.ts';
import { scannerSnapshot } from './scanner-snapshot.ts';

/** The scanner contract: a snapshot to decide offline, and one endpoint for online and synced scans. */
export const scannerRoutes =
  (rt: MessRuntime): FastifyPluginAsyncZod =>
  async (app) => {
    const op = routeOptions(['mess']);
    app.get(
      '/api/mess/scanner/snapshot',
      op('mess.scan.create', 'Everything an offline scanner needs', {
        response: { 200: scannerSnapshotSchema },
      }),
      async (req) => scannerSnapshot(req.ctx),
    );
    app.post(
      '/api/mess/scans',
      op(
        { permission: 'mess.scan.create', refuses: [422] },
        'Record scans (one online scan, or an offline batch), each nonce once',
        {
          description:
            "Each scan records the counter's verdict (an offline phone's own) beside the server's; where they differ it is a conflict. A batch with a scan dated in the future or before its pass was issued is refused whole (422, `mess.scan_time_impossible`), each such scan named in `errors`. A scan that cannot be read (a code or roll number longer than any pass: a reader's run-on, a paste) does not hold up the rest: it is answered `refused: 'unreadable'` and not recorded, the others are.",
          body: scanBatchSchema,
          response: { 200: scanResultsSchema },
        },
      ),
      async (req) => ({ results: await recordScans(req.ctx, rt, req.body) }),
    );
  };
