import { z } from 'zod';
import { recordAudit } from '../../core/audit/index.ts';
import { CodeErrors, formatCode, generateCode, parseCode } from '../../core/codes/index.ts';
import { type Ctx, inTransaction } from '../../core/context/index.ts';
import type { Db } from '../../platform/db/index.ts';
import { lockRowById } from '../../platform/db/index.ts';
import { isUniqueViolation } from '../../platform/errors/index.ts';
import { sha256Hex } from '../../platform/ids/index.ts';
import { CoffeeErrors } from './coffee.errors.ts';
import { COFFEE_TOPICS, type CoffeeRuntime } from './coffee.runtime.ts';
import type { CoffeeTables } from './coffee.tables.ts';
import { rotateDeviceToken } from './device-tokens.ts';

/** Characters of a claim code, its check character included (31¹¹ ≈ 2.5·10¹⁶ codes). */
const CLAIM_CODE_LENGTH = 12;

export const newClaimCodeSchema = z.object({
  note: z.string().trim().max(200).optional(),
  validDays: z.number().int().min(1).max(90).default(14),
});
export const registrationRequestSchema = z.object({
  serial: z.string().regex(/^[A-Za-z0-9_.-]{1,64}$/),
  model: z.string().min(1).max(64),
  firmware: z.string().max(64).optional(),
  claimCode: z.string().min(1).max(40),
});
export const acceptRegistrationSchema = z.object({
  locationId: z.string().uuid(),
  name: z.string().trim().min(1).max(200).optional(),
});

const coffee = (ctx: Ctx) => ctx.db.withTables<CoffeeTables>();

/** The stored form of a typed claim code, or undefined when it cannot be one (typo, wrong length). */
function claimCodeHash(typed: string): string | undefined {
  try {
    return sha256Hex(parseCode(typed, { length: CLAIM_CODE_LENGTH }));
  } catch (err) {
    if (CodeErrors.kinds.some((kind) => kind.is(err))) return undefined;
    throw err;
  }
}

/** A claim code for one machine, shown in this answer only (stored as its hash). */
export async function issueClaimCode(ctx: Ctx, rt: CoffeeRuntime, input: z.infer<typeof newClaimCodeSchema>) {
  return inTransaction(ctx, async (tx) => {
    const code = generateCode({ length: CLAIM_CODE_LENGTH });
    const expiresAt = new Date(tx.clock.now().getTime() + input.validDays * 86_400_000);
    const row = await coffee(tx)
      .insertInto('coffee_registration')
      .values({ code_hash: sha256Hex(code), note: input.note ?? '', expires_at: expiresAt })
      .returning('id')
      .executeTakeFirstOrThrow();
    await recordAudit(tx, {
      action: 'coffee.registration.code_issued',
      subject: { type: 'coffee_registration', id: row.id },
      after: { note: input.note ?? '', expiresAt: expiresAt.toISOString() },
    });
    await rt.publish(tx, COFFEE_TOPICS.devices);
    return { id: row.id, claimCode: formatCode(code), expiresAt: expiresAt.toISOString() };
  });
}

export type RegistrationAnswer =
  | { status: 'pending'; registrationId: string }
  | { status: 'active'; deviceId: string; deviceToken: string };

/**
 * The registration a typed claim code opens, looked up across organizations: the code names its
 * organization, like a device token. A code that opens none is refused (no hint which part is wrong).
 */
export async function findClaim(db: Db, typed: string): Promise<{ id: string; orgId: string }> {
  const hash = claimCodeHash(typed);
  if (!hash) throw CoffeeErrors.claim_code_invalid({});
  const found = await db
    .withTables<CoffeeTables>()
    .selectFrom('coffee_registration')
    .select(['id', 'org_id'])
    .where('code_hash', '=', hash)
    .executeTakeFirst();
  if (!found) throw CoffeeErrors.claim_code_invalid({});
  return { id: found.id, orgId: found.org_id };
}

/**
 * A machine registers with its serial and the claim code of registration `registrationId` (no token
 * yet), in the code's organization (`ctx`, acting as the machine). The first call makes it pending;
 * calls while staff decide answer `pending`; the first call after staff accepted it hands out its
 * device token, once.
 */
export async function registerWithClaimCode(
  ctx: Ctx,
  rt: CoffeeRuntime,
  registrationId: string,
  input: Omit<z.infer<typeof registrationRequestSchema>, 'claimCode'>,
): Promise<RegistrationAnswer> {
  return inTransaction(ctx, async (tx) => {
    const reg = await coffee(tx)
      .selectFrom('coffee_registration')
      .selectAll()
      .where('id', '=', registrationId)
      .forUpdate()
      .executeTakeFirstOrThrow();
    if (reg.status === 'issued') {
      if (reg.expires_at <= tx.clock.now()) throw CoffeeErrors.claim_code_invalid({});
      await coffee(tx)
        .updateTable('coffee_registration')
        .set({
          status: 'pending',
          serial: input.serial,
          model: input.model,
          firmware: input.firmware ?? '',
          registered_at: tx.clock.now(),
        })
        .where('id', '=', reg.id)
        .execute();
      await recordAudit(tx, {
        action: 'coffee.registration.requested',
        subject: { type: 'coffee_registration', id: reg.id },
        after: { serial: input.serial, model: input.model, firmware: input.firmware ?? '' },
      });
      await rt.publish(tx, COFFEE_TOPICS.devices, reg.id);
      return { status: 'pending', registrationId: reg.id };
    }
    // one code, one machine: another serial with a used code learns nothing more
    if (reg.serial !== input.serial) throw CoffeeErrors.claim_code_used({});
    if (reg.status === 'pending') return { status: 'pending', registrationId: reg.id };
    if (reg.status === 'rejected') throw CoffeeErrors.registration_rejected({});
    if (reg.status === 'collected' || !reg.device_id) throw CoffeeErrors.registration_collected({});
    await coffee(tx)
      .updateTable('coffee_registration')
      .set({ status: 'collected', collected_at: tx.clock.now() })
      .where('id', '=', reg.id)
      .execute();
    await recordAudit(tx, {
      action: 'coffee.registration.token_collected',
      subject: { type: 'coffee_registration', id: reg.id },
      meta: { deviceId: reg.device_id },
    });
    const { deviceToken } = await rotateDeviceToken(tx, reg.device_id);
    return { status: 'active', deviceId: reg.device_id, deviceToken };
  });
}

/**
 * Staff accept a pending machine into one of their locations: its device row is made now (placed,
 * no token yet); the machine collects its token on its next registration call.
 */
export async function acceptRegistration(
  ctx: Ctx,
  rt: CoffeeRuntime,
  id: string,
  input: z.infer<typeof acceptRegistrationSchema>,
) {
  return inTransaction(ctx, async (tx) => {
    const reg = await pendingRegistration(tx, id);
    const location = await coffee(tx)
      .selectFrom('coffee_location')
      .select(['id', 'merchant_id'])
      .where('id', '=', input.locationId)
      .executeTakeFirst();
    if (!location) throw CoffeeErrors.merchant_not_found({ locationId: input.locationId });
    const device = await coffee(tx)
      .insertInto('coffee_device')
      .values({
        serial: reg.serial!,
        model: reg.model!,
        name: input.name ?? reg.serial!,
        firmware: reg.firmware,
        merchant_id: location.merchant_id,
        location_id: location.id,
      })
      .returning(['id', 'serial'])
      .executeTakeFirstOrThrow()
      .catch((err) => {
        if (isUniqueViolation(err)) throw CoffeeErrors.device_exists({ serial: reg.serial });
        throw err;
      });
    await coffee(tx)
      .updateTable('coffee_registration')
      .set({ status: 'accepted', device_id: device.id, decided_at: tx.clock.now() })
      .where('id', '=', id)
      .execute();
    await recordAudit(tx, {
      action: 'coffee.registration.accepted',
      subject: { type: 'coffee_registration', id },
      after: { deviceId: device.id, serial: device.serial, locationId: location.id },
    });
    await recordAudit(tx, {
      action: 'coffee.device.provisioned',
      subject: { type: 'coffee_device', id: device.id },
      after: { serial: device.serial, model: reg.model, registrationId: id },
    });
    await rt.publish(tx, COFFEE_TOPICS.devices, device.id);
    return { registrationId: id, deviceId: device.id };
  });
}

/** Staff refuse a pending machine: its registration calls answer 403 from then on. */
export async function rejectRegistration(ctx: Ctx, rt: CoffeeRuntime, id: string) {
  return inTransaction(ctx, async (tx) => {
    await pendingRegistration(tx, id);
    await coffee(tx)
      .updateTable('coffee_registration')
      .set({ status: 'rejected', decided_at: tx.clock.now() })
      .where('id', '=', id)
      .execute();
    await recordAudit(tx, {
      action: 'coffee.registration.rejected',
      subject: { type: 'coffee_registration', id },
    });
    await rt.publish(tx, COFFEE_TOPICS.devices, id);
  });
}

async function pendingRegistration(tx: Ctx, id: string) {
  const reg = await lockRowById(coffee(tx), 'coffee_registration', id);
  if (!reg) throw CoffeeErrors.registration_not_found({ id });
  if (reg.status !== 'pending') throw CoffeeErrors.registration_not_pending({ id, status: reg.status });
  return reg;
}
