import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import { PlatformErrors } from '../../platform/errors/index.ts';
import { openSecret, sealSecret } from '../../platform/secrets/index.ts';
import type { Ctx } from '../context/index.ts';

export interface StoredResponse<T> {
  status: number;
  body: T;
  /** True when this answer was replayed from an earlier request with the same key. */
  replayed: boolean;
}

/** Who sent a request, as its idempotency keys are scoped: the actor's kind and id (its label when it has none). */
function callerOf(ctx: Ctx): string {
  return `${ctx.actor.type}:${ctx.actor.id ?? ctx.actor.label}`;
}

/**
 * The caller's own form of an `Idempotency-Key`, for a use case that records the key on its rows or
 * derives something from it (a payment's `idempotency_key`, a warden invite's token): a digest of the
 * caller and the key, so two people of one organization sending the same key never meet (issue 55).
 */
export function callerKey(ctx: Ctx, key: string | undefined | null): string | null {
  if (!key) return null;
  return createHash('sha256')
    .update(`${callerOf(ctx)}\u0000${key}`)
    .digest('base64url');
}

/** What the key row keeps of an answer: as it was, or sealed when it holds a secret shown once. */
type StoredBody<T> = T | { sealed: string };
const SEAL_PURPOSE = 'idempotency.response';

/**
 * Runs a create at most once per (organization, caller, scope, key): a key is the caller's own, so a
 * colleague sending the same key makes their own request and never reads the first one's answer. The
 * key row and the work commit in one transaction: a concurrent duplicate blocks on the key's primary
 * key until the first commits, then replays its answer; if the first rolls back, the duplicate runs.
 * Reusing a key for a different request is refused. With `seal` (OPSDESK_SECRET_KEY) the stored
 * answer is sealed: an answer holding a secret shown once (a token, a claim code) is replayed to its
 * caller, and is never readable in the database.
 */
export async function idempotent<T>(
  ctx: Ctx,
  args: { scope: string; key: string | undefined; request: unknown; seal?: string },
  work: (tx: Ctx) => Promise<{ status: number; body: T }>,
): Promise<StoredResponse<T>> {
  if (!args.key) {
    return { ...(await ctx.db.transaction().execute((trx) => work({ ...ctx, db: trx }))), replayed: false };
  }
  if (args.key.length > 200)
    throw PlatformErrors.validation_failed(
      {},
      {
        message: 'Idempotency-Key is longer than 200 characters',
        fields: [
          { field: 'headers.idempotency-key', message: 'longer than 200 characters', code: 'too_big' },
        ],
      },
    );
  const requestHash = createHash('sha256')
    .update(JSON.stringify(args.request ?? null))
    .digest('hex');
  // The caller is part of the stored scope (the table's key is organization, scope, key).
  const scope = `${args.scope} ${callerOf(ctx)}`;
  return ctx.db.transaction().execute(async (trx) => {
    const claimed = await sql<{ key: string }>`
      insert into idempotency_key (org_id, scope, key, request_hash, response_status)
      values (${ctx.orgId}, ${scope}, ${args.key}, ${requestHash}, 0)
      on conflict do nothing returning key`.execute(trx);
    if (claimed.rows.length === 0) {
      const prior = await sql<{
        request_hash: string;
        response_status: number;
        response_body: StoredBody<T>;
      }>`
        select request_hash, response_status, response_body from idempotency_key
        where org_id = ${ctx.orgId} and scope = ${scope} and key = ${args.key}`.execute(trx);
      const row = prior.rows[0]!;
      if (row.request_hash !== requestHash) throw PlatformErrors.idempotency_key_reused({ key: args.key });
      return { status: row.response_status, body: opened(row.response_body, args), replayed: true };
    }
    const result = await work({ ...ctx, db: trx });
    const stored: StoredBody<T> = args.seal
      ? { sealed: sealSecret(JSON.stringify(result.body), args.seal, SEAL_PURPOSE) }
      : result.body;
    await sql`update idempotency_key set response_status = ${result.status}, response_body = ${JSON.stringify(stored)}
      where org_id = ${ctx.orgId} and scope = ${scope} and key = ${args.key}`.execute(trx);
    return { ...result, replayed: false };
  });
}

/** The first answer, opened when it was sealed; one sealed under a key rotated since is refused, not guessed. */
function opened<T>(body: StoredBody<T>, args: { key: string | undefined; seal?: string }): T {
  if (!args.seal) return body as T;
  try {
    return JSON.parse(openSecret((body as { sealed: string }).sealed, args.seal, SEAL_PURPOSE).toString());
  } catch {
    throw PlatformErrors.idempotency_key_reused(
      { key: args.key },
      { message: 'The first answer to this Idempotency-Key can no longer be read; send a new key' },
    );
  }
}

/** Reads the `Idempotency-Key` header (IETF draft-ietf-httpapi-idempotency-key-header). */
export function idempotencyKeyOf(headers: Record<string, string | string[] | undefined>): string | undefined {
  const v = headers['idempotency-key'];
  return typeof v === 'string' && v.trim() ? v.trim() : undefined;
}

/**
 * The body a create route answers, honouring the request's `Idempotency-Key`: `create` runs at most
 * once per key (see `idempotent`), and a retry with the same key gets the first answer back. The key
 * is the caller's and scoped to `scope`, and the request it stands for is `request` (the body unless said: a route
 * whose path names the parent adds it, so one key cannot create under two parents). `create` is
 * handed the key too, for use cases that also record it. The route sends the body with `status`.
 */
export async function idempotentCreate<T>(
  req: { ctx: Ctx; headers: Record<string, string | string[] | undefined>; body?: unknown },
  args: { scope: string; request?: unknown; status?: number; ctx?: Ctx; seal?: string },
  create: (tx: Ctx, key: string | undefined) => Promise<T>,
): Promise<T> {
  const key = idempotencyKeyOf(req.headers);
  const request = 'request' in args ? args.request : req.body;
  const status = args.status ?? 201;
  const scoped = { scope: args.scope, key, request, ...(args.seal ? { seal: args.seal } : {}) };
  const result = await idempotent(args.ctx ?? req.ctx, scoped, async (tx) => ({
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
  args: { scope: string; request?: unknown; ctx?: Ctx; seal?: string },
  create: (tx: Ctx, key: string | undefined) => Promise<T>,
): Promise<R> {
  return reply.code(201).send(await idempotentCreate(req, { ...args, status: 201 }, create));
}
