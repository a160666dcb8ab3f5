import { type Insertable, sql } from 'kysely';
import type { Ctx } from '../../../core/context/index.ts';
import { type ChannelName, enqueueNotification } from '../../../core/notifications/index.ts';
import { newId } from '../../../platform/ids/index.ts';
import { portalCodeTemplate } from '../prepaid.notifications.ts';
import type { PrepaidRuntime } from '../prepaid.runtime.ts';
import type { PrepaidTables } from '../prepaid.tables.ts';
import {
  CODE_MAX_ATTEMPTS,
  CODE_TTL_MS,
  CODES_PER_HOUR,
  codeHash,
  newCode,
  sameDigest,
} from './portal.rules.ts';

/** The tables a one-time code lives in: a sign-in's (`prepaid_portal_code`) and a sign-up's. */
export type CodeTable = 'prepaid_portal_code' | 'prepaid_signup';

/** The columns both tables keep for the code itself; the others say whose it is. */
type CodeColumn = 'id' | 'code_hash' | 'attempts' | 'expires_at' | 'used_at' | 'created_at';

const tables = (ctx: Ctx) => ctx.db.withTables<PrepaidTables>();
/** Columns of `T` and their values: whose codes (the meter and user of a sign-in, the phone of a sign-up). */
type Whose<T extends CodeTable> = Readonly<Partial<Record<keyof PrepaidTables[T] & string, string>>>;

/** `column = value` for each of `whose`. */
const whoseIs = (whose: Readonly<Record<string, string | undefined>>) =>
  sql<boolean>`${sql.join(
    Object.entries(whose).map(([column, value]) => sql`${sql.ref(column)} = ${value}`),
    sql` and `,
  )}`;

/**
 * Issues a one-time code: its row in `table` (`row`, plus the code's hash, keyed by the server
 * secret and the row's id, and its expiry) and the code itself sent over `to`, unless CODES_PER_HOUR
 * were issued in the last hour for `counted` (then nothing, and the caller answers the same). The
 * caller holds the lock under which `counted`'s codes are counted. Answers the row's id, or null.
 */
export async function issueOneTimeCode<T extends CodeTable>(
  tx: Ctx,
  rt: PrepaidRuntime,
  issue: {
    table: T;
    counted: Whose<T>;
    row: Omit<Insertable<PrepaidTables[T]>, CodeColumn | 'org_id'>;
    to: { channel: ChannelName; address: string; meter: string; locale: string };
    /** Names the code's message, with the row's id, so a retried call sends it once. */
    idempotencyPrefix: string;
  },
): Promise<string | null> {
  const db = tables(tx);
  const table: CodeTable = issue.table;
  const now = tx.clock.now();
  const recent = await db
    .selectFrom(table)
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where(whoseIs(issue.counted))
    .where('created_at', '>', new Date(now.getTime() - 3600_000))
    .executeTakeFirstOrThrow();
  if (Number(recent.n) >= CODES_PER_HOUR) return null;
  const code = newCode();
  // The hash is keyed by the row's id: chosen here, so the row is written once, complete.
  const id = newId();
  const secret = rt.secretKey;
  await db
    .insertInto(table)
    .values({
      ...issue.row,
      id,
      code_hash: codeHash(secret, id, code),
      expires_at: new Date(now.getTime() + CODE_TTL_MS),
      created_at: now,
    })
    .execute();
  await enqueueNotification(tx, rt.jobs, {
    channel: issue.to.channel,
    to: issue.to.address,
    template: portalCodeTemplate,
    data: { code, meter: issue.to.meter },
    locale: issue.to.locale,
    idempotencyKey: `${issue.idempotencyPrefix}:${id}`,
    secretKey: secret,
  });
  return id;
}

/**
 * Checks a guess against the latest live code of `whose`: the guess is counted in the statement that
 * reads the code (CODE_MAX_ATTEMPTS guesses, then it is dead), and the count commits with the
 * caller's transaction even when the guess is wrong. Answers the code's row id when it is right (not
 * spent: the caller spends it with what it opens), else null.
 */
export async function checkOneTimeCode<T extends CodeTable>(
  tx: Ctx,
  rt: PrepaidRuntime,
  check: { table: T; whose: Whose<T>; code: string },
): Promise<string | null> {
  const db = tables(tx);
  const table: CodeTable = check.table;
  const guess = await db
    .updateTable(table)
    .set((eb) => ({ attempts: eb('attempts', '+', 1) }))
    .where(
      'id',
      '=',
      db
        .selectFrom(table)
        .select('id')
        .where(whoseIs(check.whose))
        .where('used_at', 'is', null)
        .where('expires_at', '>', tx.clock.now())
        .orderBy('created_at', 'desc')
        .limit(1),
    )
    .where('attempts', '<', CODE_MAX_ATTEMPTS)
    .returning(['id', 'code_hash'])
    .executeTakeFirst();
  if (!guess) return null;
  const given = codeHash(rt.secretKey, guess.id, check.code.trim());
  return sameDigest(given, guess.code_hash) ? guess.id : null;
}
