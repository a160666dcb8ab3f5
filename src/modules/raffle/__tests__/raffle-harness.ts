import { startWhatsAppApp } from '../../../../test/support/whatsapp-app.ts';
import { findOrganizationBySlug, updateOrganization } from '../../../core/orgs/index.ts';
import type { Clock } from '../../../platform/clock/index.ts';
import type { RaffleTables } from '../raffle.tables.ts';

export const APP_SECRET = 'raffle-app-secret';

/**
 * The real app with a worker, the WhatsApp stand-in as Graph API, and an ops member signed in;
 * `env` adds settings (another channel's stand-in).
 */
export async function startRaffleApp(options: { clock?: Clock; env?: Record<string, string> } = {}) {
  const chat = await startWhatsAppApp({
    appSecret: APP_SECRET,
    verifyToken: 'raffle-verify',
    flow: 'raffle',
    clock: options.clock,
    env: options.env,
  });
  const { app } = chat;
  await app.createStaff({ email: 'ops@example.com', role: 'ops' });
  await app.createStaff({ email: 'owner@example.com', role: 'owner' });
  const ops = await app.signIn('ops@example.com');
  const owner = await app.signIn('owner@example.com');
  const orgId = (await findOrganizationBySlug(app.database.db, 'default'))!.id;
  const ctx = app.deps.systemCtx(orgId, 'test');
  const db = app.database.db.withTables<RaffleTables>();
  // A Paraguayan operator: Spanish first, English offered.
  await updateOrganization(ctx, { languages: ['es', 'en'] });

  return { ...chat, ops, owner, orgId, ctx, db };
}

export type RaffleHarness = Awaited<ReturnType<typeof startRaffleApp>>;

const PNG_1X1 = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
  'base64',
);
/** A real PNG (a receipt photo); `tag` after IEND makes its bytes and sha256 differ. */
export const receiptPng = (tag: string) => Buffer.concat([PNG_1X1, Buffer.from(tag)]);
