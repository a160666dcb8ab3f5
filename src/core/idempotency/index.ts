import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import { PlatformErrors } from '../../platform/errors/index.ts';
import type { Ctx } from '../context/index.ts';

export interface StoredResponse<T> {
  status: number;
  body: T;
  /** True when this answer was replayed from an earlier request with the same key. */
  replayed: boolean;
}

/**
 * Runs a create at most once per (organization, scope, key). The key row and the work commit in one
 * transaction: a concurrent duplicate blocks on the key's primary key until the first commits, then
 * replays its answer; if the first rolls back, the duplicate runs. Reusing a key for a different
 * request is refused.
 */
export async function idempotent<T>(
  ctx: Ctx,
  args: { scope: string; key: string | undefined; request: unknown },
  work: (tx: Ctx) => Promise<{ status: number; body: T }>,
): Promise<StoredResponse<T>> {
  if (!args.key) {
    return { ...(await ctx.db.transaction().execute((trx) => work({ ...ctx, db: trx }))), replayed: false };
  }
  if (args.key.length > 200)
    throw PlatformErrors.validation_failed({}, { message: 'Idempotency-Key is longer than 200 characters' });
  const requestHash = createHash('sha256')
    .update(JSON.stringify(args.request ?? null))
    .digest('hex');
  return ctx.db.transaction().execute(async (trx) => {
    const claimed = await sql<{ key: string }>`
      insert into idempotency_key (org_id, scope, key, request_hash, response_status)
      values (${ctx.orgId}, ${args.scope}, ${args.key}, ${requestHash}, 0)
      on conflict do nothing returning key`.execute(trx);
    if (claimed.rows.length === 0) {
      const prior = await sql<{ request_hash: string; response_status: number; response_body: T }>`
        select request_hash, response_status, response_body from idempotency_key
        where org_id = ${ctx.orgId} and scope = ${args.scope} and key = ${args.key}`.execute(trx);
      const row = prior.rows[0]!;
      if (row.request_hash !== requestHash) throw PlatformErrors.idempotency_key_reused({ key: args.key });
      return { status: row.response_status, body: row.response_body, replayed: true };
    }
    const result = await work({ ...ctx, db: trx });
    await sql`update idempotency_key set response_status = ${result.status}, response_body = ${JSON.stringify(result.body)}
      where org_id = ${ctx.orgId} and scope = ${args.scope} and key = ${args.key}`.execute(trx);
    return { ...result, replayed: false };
  });
}

/** Reads the `Idempotency-Key` header (IETF draft-ietf-httpapi-idempotency-key-header). */
export function idempotencyKeyOf(headers: Record<string, string | string[] | undefined>): string | undefined {
  const v = headers['idempotency-key'];
  return typeof v === 'string' && v.trim() ? v.trim() : undefined;
}

/**
 * The body a create route answers, honouring the request's `Idempotency-Key`: `create` runs at most
 * once per key (see `idempotent`), and a retry with the same key gets the first answer back. The key
 * is scoped to `scope`, and the request it stands for is `request` (the body unless said: a route
 * whose path names the parent adds it, so one key cannot create under two parents). `create` is
 * handed the key too, for use cases that also record it. The route sends the body with `status`.
 */
export async function idempotentCreate<T>(
  req: { ctx: Ctx; headers: Record<string, string | string[] | undefined>; body?: unknown },
  args: { scope: string; request?: unknown; status?: number; ctx?: Ctx },
  create: (tx: Ctx, key: string | undefined) => Promise<T>,
): Promise<T> {
  const key = idempotencyKeyOf(req.headers);
  const request = 'request' in args ? args.request : req.body;
  const status = args.status ?? 201;
  const result = await idempotent(args.ctx ?? req.ctx, { scope: args.scope, key, request }, async (tx) => ({
    status,
    body: await create(tx, key),
  }));
  return result.body;
}

/**
 * `idempotentCreate` answered: `201 Created` with the create's body, the first answer's on a retry
 * with the same key. The reply is typed by the route, so the body is checked against its 201 schema.
 */
export async function sendCreated<T, R>(
  req: { ctx: Ctx; headers: Record<string, string | string[] | undefined>; body?: unknown },
  reply: { code(status: 201): { send(body: T): R } },
  args: { scope: string; request?: unknown; ctx?: Ctx },
  create: (tx: Ctx, key: string | undefined) => Promise<T>,
): Promise<R> {
  return reply.code(201).send(await idempotentCreate(req, { ...args, status: 201 }, create));
}
