import { createPublicKey, type KeyObject, verify } from 'node:crypto';
import { sql } from 'kysely';
import { openSecret, sealSecret } from '../../platform/secrets/index.ts';
import { auditInsertSql, recordAudit } from '../audit/index.ts';
import { type Ctx, inTransaction } from '../context/index.ts';
import {
  generateKeyPair,
  type PassSubject,
  type PassVerification,
  signPass,
  verifyPass,
} from '../passes/index.ts';
import type { PassStoreTables } from './pass-issuer.tables.ts';

/** The purpose label pass signing keys are sealed under (see platform/secrets). */
export const PASS_KEY_PURPOSE = 'pass-signing-key';

/**
 * Public keys by organization, for one app's life (built by whoever verifies many passes, such as
 * the mess counter). A key id's public key never changes: rotation adds a key and retiring keeps
 * it, and no key row is deleted. So the cache is only ever extended: a pass naming a key id it has
 * not seen reads the organization's keys again. Saves one query per scan.
 */
export interface PassKeyCache {
  keysOf(ctx: Ctx): Promise<ReadonlyMap<string, Uint8Array> | undefined>;
  remember(ctx: Ctx, keys: ReadonlyMap<string, Uint8Array>): void;
}

export function createPassKeyCache(): PassKeyCache {
  const byOrg = new Map<string, ReadonlyMap<string, Uint8Array>>();
  return {
    keysOf: async (ctx) => byOrg.get(ctx.orgId),
    remember: (ctx, keys) => void byOrg.set(ctx.orgId, keys),
  };
}

/** DER prefix of an Ed25519 SubjectPublicKeyInfo; the 32 key bytes follow. */
const ED25519_SPKI_PREFIX = Buffer.from('302a300506032b6570032100', 'hex');
const keyObjects = new WeakMap<Uint8Array, KeyObject>();

/** Ed25519 verification by Node (OpenSSL), about ten times the pure-JS verifier's speed. */
function verifyNative(signature: Uint8Array, message: Uint8Array, publicKey: Uint8Array): boolean {
  try {
    let key = keyObjects.get(publicKey);
    if (!key) {
      key = createPublicKey({
        key: Buffer.concat([ED25519_SPKI_PREFIX, publicKey]),
        format: 'der',
        type: 'spki',
      });
      keyObjects.set(publicKey, key);
    }
    return signature.length === 64 && verify(null, message, key, signature);
  } catch {
    return false;
  }
}

async function loadPublicKeys(ctx: Ctx, cache?: PassKeyCache): Promise<Map<string, Uint8Array>> {
  const rows = await tables(ctx).selectFrom('pass_key').select(['key_id', 'public_key']).execute();
  const keys = new Map(rows.map((k) => [k.key_id, new Uint8Array(k.public_key)]));
  cache?.remember(ctx, keys);
  return keys;
}

/** A public key as scanners download it. */
export interface PublicPassKey {
  keyId: string;
  /** 32-byte Ed25519 public key, base64url. */
  publicKey: string;
  createdAt: string;
  retiredAt: string | null;
}

const tables = (ctx: Ctx) => ctx.db.withTables<PassStoreTables>();

/**
 * The organization's active signing key, created on first use. Two processes creating it at once
 * are settled by the one-active-key unique index: the loser reads the winner's key.
 */
async function activeKey(ctx: Ctx, secretKey: string): Promise<{ keyId: string; privateKey: Uint8Array }> {
  const read = () =>
    tables(ctx)
      .selectFrom('pass_key')
      .select(['key_id', 'sealed_private_key'])
      .where('retired_at', 'is', null)
      .executeTakeFirst();
  let row = await read();
  if (!row) {
    const pair = generateKeyPair();
    await sql`insert into pass_key (org_id, key_id, public_key, sealed_private_key)
      values (${ctx.orgId}, ${pair.keyId}, ${Buffer.from(pair.publicKey)}, ${sealSecret(Buffer.from(pair.privateKey), secretKey, PASS_KEY_PURPOSE)})
      on conflict do nothing`.execute(ctx.db);
    row = await read();
  }
  if (!row?.sealed_private_key) throw new Error('no active pass signing key');
  return {
    keyId: row.key_id,
    privateKey: openPrivateKey(row.sealed_private_key, secretKey),
  };
}

/** Creates the organization's first signing key if it has none (called on start). */
export async function ensurePassKey(ctx: Ctx, secretKey: string): Promise<string> {
  return (await activeKey(ctx, secretKey)).keyId;
}

/**
 * Retires the active key (its private half is erased, its public half kept so passes it signed
 * still verify) and makes a new one active.
 */
export async function rotatePassKey(
  ctx: Ctx,
  secretKey: string,
): Promise<{ retired: string | null; active: string }> {
  return inTransaction(ctx, async (tx) => {
    const current = await tables(tx)
      .selectFrom('pass_key')
      .select('key_id')
      .where('retired_at', 'is', null)
      .forUpdate()
      .executeTakeFirst();
    if (current) {
      await tables(tx)
        .updateTable('pass_key')
        .set({ retired_at: tx.clock.now(), sealed_private_key: null })
        .where('key_id', '=', current.key_id)
        .execute();
    }
    const pair = generateKeyPair();
    await tables(tx)
      .insertInto('pass_key')
      .values({
        key_id: pair.keyId,
        public_key: Buffer.from(pair.publicKey),
        sealed_private_key: sealSecret(Buffer.from(pair.privateKey), secretKey, PASS_KEY_PURPOSE),
      })
      .execute();
    await recordAudit(tx, {
      action: 'passes.key.rotated',
      subject: { type: 'pass_key', id: pair.keyId },
      before: current ?? null,
      after: { keyId: pair.keyId },
    });
    return { retired: current?.key_id ?? null, active: pair.keyId };
  });
}

/** The audit codes of a pass's issue, spelled out for the console's history titles. */
const PASS_ACTIONS = { issued: 'passes.pass.issued', reissued: 'passes.pass.reissued' } as const;

/**
 * Signs a pass for a subject. `reissue` bumps the subject's pass version first, so every pass
 * issued before is refused as revoked from now on.
 */
export async function issuePass(
  ctx: Ctx,
  input: { secretKey: string; subject: PassSubject; expiresAt?: Date; reissue?: boolean },
): Promise<{ code: string; passVersion: number; keyId: string }> {
  return inTransaction(ctx, async (tx) => {
    const expiresAt = input.expiresAt?.toISOString() ?? null;
    const issued = await versionKeyAndAudit(tx, input.subject, input.reissue ?? false, expiresAt);
    const key = issued.key
      ? { keyId: issued.key.keyId, privateKey: openPrivateKey(issued.key.sealed, input.secretKey) }
      : await activeKey(tx, input.secretKey);
    const code = signPass(
      {
        subject: input.subject,
        passVersion: issued.version,
        issuedAt: tx.clock.now(),
        expiresAt: input.expiresAt,
      },
      key,
    );
    // The organization's first key was made just now: the trail is written here instead.
    if (!issued.key)
      await recordAudit(tx, {
        action: PASS_ACTIONS[input.reissue ? 'reissued' : 'issued'],
        subject: { type: input.subject.type, id: input.subject.id },
        after: { passVersion: issued.version, keyId: key.keyId, expiresAt },
      });
    return { code, passVersion: issued.version, keyId: key.keyId };
  });
}

const openPrivateKey = (sealed: string, secretKey: string) =>
  new Uint8Array(openSecret(sealed, secretKey, PASS_KEY_PURPOSE));

/**
 * One statement for a pass's issue (issue 43): the subject's version (bumped for a reissue), the
 * active signing key, and the audit event naming both. Without an active key (an organization's
 * first pass before its key was made) nothing is audited here and `key` is undefined.
 */
async function versionKeyAndAudit(
  tx: Ctx,
  subject: PassSubject,
  bump: boolean,
  expiresAt: string | null,
): Promise<{ version: number; key?: { keyId: string; sealed: string } }> {
  const { rows } = await sql<{ version: number; key_id: string | null; sealed_private_key: string | null }>`
    with v as (
      insert into pass_subject (org_id, subject_type, subject_id) values (${tx.orgId}, ${subject.type}, ${subject.id})
      on conflict (org_id, subject_type, subject_id) do update
        set version = pass_subject.version + ${bump ? 1 : 0}, updated_at = now()
      returning version
    ), k as (
      select key_id, sealed_private_key from pass_key
      where org_id = ${tx.orgId} and retired_at is null and sealed_private_key is not null
    ), a as (${auditInsertSql(
      tx,
      {
        action: PASS_ACTIONS[bump ? 'reissued' : 'issued'],
        subjectType: subject.type,
        subjectId: sql`${subject.id}`,
        after: sql`jsonb_build_object('passVersion', v.version, 'keyId', k.key_id, 'expiresAt', ${expiresAt}::text)`,
      },
      sql`v, k`,
    )})
    select v.version, k.key_id, k.sealed_private_key from v left join k on true`.execute(tx.db);
  const row = rows[0]!;
  return {
    version: row.version,
    ...(row.key_id && row.sealed_private_key
      ? { key: { keyId: row.key_id, sealed: row.sealed_private_key } }
      : {}),
  };
}

/** Revokes every pass of a subject without issuing a new one. */
export async function revokePasses(ctx: Ctx, subject: PassSubject): Promise<number> {
  return inTransaction(ctx, async (tx) => {
    const version = await bumpOrReadVersion(tx, subject, true);
    await recordAudit(tx, {
      action: 'passes.pass.revoked',
      subject: { type: subject.type, id: subject.id },
      after: { passVersion: version },
    });
    return version;
  });
}

async function bumpOrReadVersion(ctx: Ctx, subject: PassSubject, bump: boolean): Promise<number> {
  const { rows } = await sql<{ version: number }>`
    insert into pass_subject (org_id, subject_type, subject_id) values (${ctx.orgId}, ${subject.type}, ${subject.id})
    on conflict (org_id, subject_type, subject_id) do update
      set version = pass_subject.version + ${bump ? 1 : 0}, updated_at = now()
    returning version`.execute(ctx.db);
  return rows[0]!.version;
}

/** Every public key of the organization (active and retired), for scanners that verify offline. */
export async function listPublicPassKeys(ctx: Ctx): Promise<PublicPassKey[]> {
  const rows = await tables(ctx)
    .selectFrom('pass_key')
    .select(['key_id', 'public_key', 'created_at', 'retired_at'])
    .orderBy('created_at')
    .execute();
  return rows.map((r) => ({
    keyId: r.key_id,
    publicKey: Buffer.from(r.public_key).toString('base64url'),
    createdAt: r.created_at.toISOString(),
    retiredAt: r.retired_at?.toISOString() ?? null,
  }));
}

/**
 * A subject's current pass version, without issuing a pass (nothing signed, nothing audited): for a
 * link that must stop working when the pass is re-issued (issue 65, the exhibition's statement link).
 */
export const currentPassVersion = (ctx: Ctx, subject: PassSubject): Promise<number> =>
  bumpOrReadVersion(ctx, subject, false);

/** Current pass versions of a subject type, for an offline scanner's revocation snapshot. */
export async function passVersions(ctx: Ctx, subjectType: string): Promise<Record<string, number>> {
  const rows = await tables(ctx)
    .selectFrom('pass_subject')
    .select(['subject_id', 'version'])
    .where('subject_type', '=', subjectType)
    .execute();
  return Object.fromEntries(rows.map((r) => [r.subject_id, r.version]));
}

/**
 * Verifies a scanned pass against this organization's keys and current versions. The signature is
 * checked once; the subject's current version is then read and compared (lower = revoked).
 */
export async function verifyPassOnline(
  ctx: Ctx,
  code: string,
  cache?: PassKeyCache,
): Promise<PassVerification> {
  const result = await verifyPassSignature(ctx, code, cache);
  if (!result.ok) return result;
  const subject = result.pass.subject;
  const row = await tables(ctx)
    .selectFrom('pass_subject')
    .select('version')
    .where('subject_type', '=', subject.type)
    .where('subject_id', '=', subject.id)
    .executeTakeFirst();
  return withCurrentVersion(result, row?.version);
}

/**
 * The first half of `verifyPassOnline`, for a caller that reads the subject's current version in a
 * statement of its own (the mess counter reads it with everything else a scan needs): the
 * signature, key and validity, checked in the app (no query while the key cache knows the key).
 * `at` is when the pass was shown (an offline scan's own time, as the scanner checked it); default now.
 */
export async function verifyPassSignature(
  ctx: Ctx,
  code: string,
  cache?: PassKeyCache,
  at: Date = ctx.clock.now(),
): Promise<PassVerification> {
  const options = { now: at, verifySignature: verifyNative };
  const result = verifyPass(code, { ...options, publicKeys: (await cache?.keysOf(ctx)) ?? new Map() });
  // Without a cache, or a key id the cache has not seen (a key created since): read the keys.
  if (!result.ok && result.reason === 'unknown_key')
    return verifyPass(code, { ...options, publicKeys: await loadPublicKeys(ctx, cache) });
  return result;
}

/** The second half: a pass older than its subject's current version (re-issued since) is revoked. */
export function withCurrentVersion(
  result: PassVerification,
  currentVersion: number | undefined,
): PassVerification {
  return result.ok && currentVersion !== undefined && result.pass.passVersion < currentVersion
    ? ({ ok: false, reason: 'revoked', pass: result.pass } as const)
    : result;
}
