import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { LightMyRequestResponse } from 'fastify';
import { PNG } from 'pngjs';
import { TEST_MODULES } from '../../../../test/support/template-sources.ts';
import { startTestApp, type TestApp } from '../../../../test/support/test-app.ts';
import { shiftableClock } from '../../../../test/support/test-clock.ts';
import { type AnyArea, defineModule } from '../../modules/index.ts';
import type { Payment, PaymentPurposeLabel } from '../index.ts';

export interface PaymentsTestApp {
  app: TestApp;
  clock: ReturnType<typeof shiftableClock>;
  /** Bearer token of an owner of the default organization. */
  token: string;
  /** JSON request as that owner. */
  call(
    method: string,
    url: string,
    body?: unknown,
    headers?: Record<string, string>,
  ): Promise<LightMyRequestResponse>;
  close(): Promise<void>;
}

/** The real app with a worker, files in a temporary folder, and an owner with an API token. */
export async function startPaymentsApp(
  env: Record<string, string> = {},
  modules: AnyArea[] = [],
): Promise<PaymentsTestApp> {
  const dataDir = mkdtempSync(join(tmpdir(), 'opsdesk-payments-'));
  const clock = shiftableClock();
  const app = await startTestApp({
    clock,
    env: { OPSDESK_DATA_DIR: dataDir, ...env },
    modules: [...TEST_MODULES, ...modules],
  });
  await app.createStaff({ email: 'owner@example.com', role: 'owner' });
  const token = await tokenFor(app, 'owner@example.com');
  await app.startWorker();
  const call = (method: string, url: string, body?: unknown, headers: Record<string, string> = {}) =>
    app.http.inject({
      method: method as 'GET',
      url,
      headers: {
        authorization: `Bearer ${token}`,
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
        ...headers,
      },
      ...(body !== undefined ? { payload: JSON.stringify(body) } : {}),
    });
  return {
    app,
    clock,
    token,
    call,
    async close() {
      await app.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** An API token with every payments permission for a signed-in member. */
export async function tokenFor(app: TestApp, email: string, org?: string): Promise<string> {
  const session = await app.signIn(email, undefined, org);
  const res = await session.post('/api/tokens', {
    name: `${email} payments`,
    scopes: [
      'payments.payment.read',
      'payments.payment.create',
      'payments.payment.verify',
      'payments.payment.request',
      'payments.refund.read',
      'payments.refund.create',
      'payments.refund.approve',
      'files.file.create',
    ],
  });
  if (res.statusCode !== 201) throw new Error(`token: ${res.statusCode} ${res.body}`);
  return res.json().token as string;
}

/** A small valid PNG; different `seed`s give different bytes. */
export function pngBytes(seed: number): Buffer {
  const png = new PNG({ width: 2, height: 2 });
  png.data.fill(seed % 256);
  return PNG.sync.write(png);
}

/** A multipart body as a browser would send it. */
export async function multipart(
  fields: Record<string, string>,
  file: { name: string; bytes: Buffer; type: string },
) {
  const form = new FormData();
  for (const [k, v] of Object.entries(fields)) form.append(k, v);
  form.append('file', new Blob([new Uint8Array(file.bytes)], { type: file.type }), file.name);
  const request = new Request('http://localhost/', { method: 'POST', body: form });
  return {
    payload: Buffer.from(await request.arrayBuffer()),
    contentType: request.headers.get('content-type')!,
  };
}

/** How many jobs of `name` about `paymentId` finished (pg-boss keeps them), to wait without sleeping. */
export async function completedJobs(app: TestApp, name: string, paymentId: string): Promise<number> {
  const { rows } = await app.database.pool.query<{ n: string }>(
    `select count(*) as n from pgboss.job where name = $1 and data->>'paymentId' = $2 and state = 'completed'`,
    [name, paymentId],
  );
  return Number(rows[0]?.n ?? 0);
}

/**
 * A test module's purpose declaration: it finds every id of its type but those that start with
 * `nothing` (no such record), so payments for them are refused as for a real module's missing record.
 */
export function testPurposeLabel(
  purposeType: string,
): Record<
  string,
  (ctx: unknown, rt: unknown, ids: ReadonlyArray<string>) => Promise<Map<string, PaymentPurposeLabel>>
> {
  return {
    [purposeType]: async (_ctx, _rt, ids) =>
      new Map(
        ids
          .filter((id) => !id.startsWith('nothing'))
          .map((id) => [id, { key: 'test.purpose', params: { id } } satisfies PaymentPurposeLabel]),
      ),
  };
}

/**
 * Records what a module would be told: every settled and failed payment of one purpose type,
 * through the real hooks of a module declared for the test (pass `module` to `startPaymentsApp`).
 */
export function recordPaymentOutcomes(purposeType: string): {
  settled: Payment[];
  failed: Payment[];
  module: AnyArea;
} {
  const settled: Payment[] = [];
  const failed: Payment[] = [];
  const module = defineModule({
    name: 'outcomes',
    purposeLabel: testPurposeLabel(purposeType),
    hooks: {
      paymentSettled: {
        [purposeType]: async (_tx, _rt, p) => {
          settled.push(p);
        },
      },
      paymentFailed: {
        [purposeType]: async (_tx, _rt, p) => {
          failed.push(p);
        },
      },
    },
  });
  return { settled, failed, module };
}
