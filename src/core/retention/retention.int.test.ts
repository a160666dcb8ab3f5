import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createContact } from '../../../test/factories/contact.ts';
import { createOrg, orgCtx, orgIdOf } from '../../../test/factories/org.ts';
import { createPayment } from '../../../test/factories/payment.ts';
import { startTestApp, type TestApp } from '../../../test/support/test-app.ts';
import { recordAudit } from '../audit/index.ts';
import { denyPayment, verifyPayment } from '../payments/index.ts';
import { cleanDeployment, cleanupReportLines, type OrgCleanup, runCleanup, setLegalHold } from './index.ts';

const DAY = 24 * 60 * 60 * 1000;
let app: TestApp;
let orgId: string;

const q = async <T>(query: ReturnType<typeof sql<T>>) => (await query.execute(app.database.db)).rows;
const ago = (days: number) => new Date(Date.now() - days * DAY);
const cleanup = (options: { dryRun: boolean; batchSize?: number; org?: string }) =>
  runCleanup(
    { ...app.deps, retention: app.deps.declared.retention },
    {
      dryRun: options.dryRun,
      trigger: 'cli',
      orgSlug: options.org ?? 'default',
      batchSize: options.batchSize ?? 1_000,
    },
  );
const kindOf = (result: OrgCleanup[], kind: string) => result[0]!.kinds.find((k) => k.kind === kind)!;

/** A conversation of `contactId` with messages `daysOld` old, each with a raw webhook payload. */
async function chatWith(contactId: string | null, daysOld: number, statuses: string[] = ['processed']) {
  const [conversation] = await q<{
    id: string;
  }>(sql`insert into conversation (org_id, channel, external_id, contact_id)
    values (${orgId}, 'whatsapp', ${`wa${Math.random()}`}, ${contactId}) returning id`);
  for (const status of statuses)
    await q(sql`insert into conversation_message (org_id, conversation_id, direction, channel, channel_message_id,
        payload, raw, status, at)
      values (${orgId}, ${conversation!.id}, 'in', 'whatsapp', ${`wamid.${Math.random()}`}, '{"kind":"text","text":"hola"}',
        '{"from":"595981000000","text":{"body":"hola"}}', ${status}, ${ago(daysOld)})`);
  return conversation!.id;
}
const messagesOf = (conversationId: string) =>
  q<{ raw: unknown; status: string }>(
    sql`select raw, status from conversation_message where conversation_id = ${conversationId}`,
  );

async function notificationTo(contactId: string | null, status: 'sent' | 'queued', daysOld: number) {
  const [row] = await q<{
    id: string;
  }>(sql`insert into notification (org_id, channel, recipient, contact_id, template,
      locale, body, status, created_at, sent_at)
    values (${orgId}, 'email', 'ana@example.com', ${contactId}, 'test.message', 'en', 'Hello Ana', ${status},
      ${ago(daysOld)}, ${status === 'sent' ? ago(daysOld) : null}) returning id`);
  await q(
    sql`insert into notification_event (org_id, notification_id, status, at) values (${orgId}, ${row!.id}, 'sent', ${ago(daysOld)})`,
  );
  return row!.id;
}
const notificationExists = async (id: string) =>
  (await q(sql`select 1 from notification where id = ${id}`)).length === 1;

/** A bot's reply in a WhatsApp conversation, `daysOld` old: since issue 75 a row of the outbox. */
async function chatReplyOf(daysOld: number, status: 'sent' | 'queued' = 'sent') {
  const externalId = `wa${Math.random()}`;
  await q(
    sql`insert into conversation (org_id, channel, external_id) values (${orgId}, 'whatsapp', ${externalId})`,
  );
  const [row] = await q<{
    id: string;
  }>(sql`insert into notification (org_id, channel, recipient, template, locale, body, status, created_at, sent_at,
      payload, sent_by)
    values (${orgId}, 'whatsapp', ${externalId}, 'chat.reply', 'en', 'Hola Ana', ${status}, ${ago(daysOld)},
      ${status === 'sent' ? ago(daysOld) : null}, '{"kind":"text","text":"Hola Ana"}', 'bot') returning id`);
  return row!.id;
}

/** A proof payment, decided (`verified`/`denied`) or not, `daysOld` days ago. */
async function proofPayment(
  state: 'verified' | 'denied' | 'submitted',
  daysOld: number,
  payerContactId?: string,
) {
  const ctx = await orgCtx(app);
  const payment = await createPayment(app, {
    proof: Buffer.concat([PNG, Buffer.from(String(Math.random()))]),
  });
  if (state === 'verified') await verifyPayment(ctx, { paymentId: payment.id });
  if (state === 'denied') await denyPayment(ctx, { paymentId: payment.id, reason: 'unreadable' });
  await q(sql`update payment set verified_at = verified_at - ${`${daysOld} days`}::interval,
      denied_at = denied_at - ${`${daysOld} days`}::interval, payer_contact_id = ${payerContactId ?? null}
    where id = ${payment.id}`);
  const [file] = await q<{
    id: string;
    storage_key: string;
  }>(sql`select f.id, f.storage_key from file_object f
    join payment p on p.proof_file_id = f.id where p.id = ${payment.id}`);
  return { paymentId: payment.id, fileId: file!.id, key: file!.storage_key };
}
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
  'base64',
);
const purged = async (fileId: string) =>
  (await q<{ purged_at: Date | null }>(sql`select purged_at from file_object where id = ${fileId}`))[0]!
    .purged_at !== null;

beforeAll(async () => {
  app = await startTestApp();
  orgId = await orgIdOf(app);
});
afterAll(async () => app?.close());

describe('retention of the core kinds', () => {
  it('masks raw webhook payloads after 30 days and removes handled messages after 180, never one still waiting', async () => {
    const month = await chatWith(null, 40);
    const halfYear = await chatWith(null, 200, ['processed', 'received']);
    const fresh = await chatWith(null, 5);
    await cleanup({ dryRun: false });
    expect(await messagesOf(month)).toEqual([{ raw: null, status: 'processed' }]);
    // the handled one went; the one a worker has not handled yet stays, with its payload
    expect(await messagesOf(halfYear)).toEqual([
      { raw: { from: '595981000000', text: { body: 'hola' } }, status: 'received' },
    ]);
    expect((await messagesOf(fresh))[0]?.raw).not.toBeNull();
  });

  it('removes delivered notifications with their delivery log after 30 days, never a queued one', async () => {
    const delivered = await notificationTo(null, 'sent', 31);
    const queued = await notificationTo(null, 'queued', 31);
    const recent = await notificationTo(null, 'sent', 10);
    await cleanup({ dryRun: false });
    expect(await notificationExists(delivered)).toBe(false);
    expect(await q(sql`select 1 from notification_event where notification_id = ${delivered}`)).toEqual([]);
    expect(await notificationExists(queued)).toBe(true);
    expect(await notificationExists(recent)).toBe(true);
  });

  it('keeps a bot reply of a chat past 30 days with the conversation, and removes it after 180, never one still waiting', async () => {
    const month = await chatReplyOf(40);
    const halfYear = await chatReplyOf(200);
    const waiting = await chatReplyOf(200, 'queued');
    const dry = await cleanup({ dryRun: true });
    expect(kindOf(dry, 'notifications.chat_messages').rows).toBe(1);
    await cleanup({ dryRun: false });
    expect(await notificationExists(month)).toBe(true);
    expect(await notificationExists(halfYear)).toBe(false);
    expect(await notificationExists(waiting)).toBe(true);
  });

  it('purges proof files of decided payments a year after the decision, never of an unsettled payment', async () => {
    const verified = await proofPayment('verified', 400);
    const denied = await proofPayment('denied', 400);
    const unsettled = await proofPayment('submitted', 400);
    await q(
      sql`update payment set created_at = created_at - interval '400 days' where id = ${unsettled.paymentId}`,
    );
    const recent = await proofPayment('verified', 100);
    await cleanup({ dryRun: false });
    expect(await purged(verified.fileId)).toBe(true);
    expect(await app.deps.files.exists(verified.key)).toBe(false);
    expect(await purged(denied.fileId)).toBe(true);
    await app.createStaff({ email: 'ops.proofs@example.com', role: 'ops' });
    const ops = await app.signIn('ops.proofs@example.com');
    const gone = await ops.get(`/api/files/${verified.fileId}/content`);
    expect(gone.statusCode).toBe(410);
    expect(gone.json().code).toBe('files.file_purged');
    // the payment keeps pointing at its (purged) file row
    expect(await q(sql`select status from payment where id = ${verified.paymentId}`)).toEqual([
      { status: 'verified' },
    ]);
    expect(await purged(unsettled.fileId)).toBe(false);
    expect(await app.deps.files.exists(unsettled.key)).toBe(true);
    expect(await purged(recent.fileId)).toBe(false);
  });

  it('masks personal values of old audit entries and keeps the entry; the log stays append-only otherwise', async () => {
    const ctx = await orgCtx(app);
    await recordAudit(ctx, {
      action: 'test.contact.renamed',
      subject: { type: 'contact', id: '00000000-0000-0000-0000-000000000001' },
      before: { name: 'Ana Gómez', phone: '+595981000000', status: 'active' },
      after: { name: 'Ana G.', items: [{ email: 'ana@example.com', qty: 2 }] },
    });
    const [entry] = await q<{ id: string }>(
      sql`select id from audit_event where action = 'test.contact.renamed'`,
    );
    // an audit entry is never backdated by the app: the test moves it through the superuser path
    await q(sql`alter table audit_event disable trigger audit_event_append_only`);
    await q(sql`update audit_event set at = now() - interval '400 days' where id = ${entry!.id}`);
    await q(sql`alter table audit_event enable trigger audit_event_append_only`);
    await cleanup({ dryRun: false });
    const [masked] = await q<{ action: string; before: unknown; after: unknown; masked_at: Date | null }>(
      sql`select action, before, after, masked_at from audit_event where id = ${entry!.id}`,
    );
    expect(masked).toMatchObject({
      action: 'test.contact.renamed',
      before: { name: '***', phone: '***', status: 'active' },
      after: { name: '***', items: [{ email: '***', qty: 2 }] },
    });
    expect(masked!.masked_at).not.toBeNull();
    await expect(q(sql`update audit_event set action = 'x.y' where id = ${entry!.id}`)).rejects.toThrow(
      /append-only/,
    );
    await expect(q(sql`delete from audit_event where id = ${entry!.id}`)).rejects.toThrow(/append-only/);
  });
});

describe('what no organization owns', () => {
  it('forgets failed sign-ins after 30 days, never while their lock runs', async () => {
    await q(sql`insert into login_throttle (account, client_ip, failures, last_failure_at, locked_until) values
      ('old@example.com', '10.0.0.1', 3, ${ago(40)}, null),
      ('locked@example.com', '10.0.0.2', 9, ${ago(40)}, ${new Date(Date.now() + DAY)}),
      ('recent@example.com', '10.0.0.3', 1, ${ago(2)}, null)`);
    expect(await cleanDeployment(app.deps, true)).toEqual({ loginAttempts: 1 });
    expect(await cleanDeployment(app.deps, false)).toEqual({ loginAttempts: 1 });
    expect(await q(sql`select account from login_throttle order by account`)).toEqual([
      { account: 'locked@example.com' },
      { account: 'recent@example.com' },
    ]);
  });
});

describe('legal holds', () => {
  it('keeps everything linked to a held contact, and releases it when the hold is lifted', async () => {
    const ctx = await orgCtx(app);
    const held = await createContact(app, { name: 'Held Person' });
    await setLegalHold(ctx, { type: 'contact', id: held.id, hold: true, reason: 'court order 17/2026' });
    const chat = await chatWith(held.id, 400);
    const note = await notificationTo(held.id, 'sent', 400);
    const proof = await proofPayment('verified', 400, held.id);
    await cleanup({ dryRun: false });
    expect(await messagesOf(chat)).toHaveLength(1);
    expect((await messagesOf(chat))[0]?.raw).not.toBeNull();
    expect(await notificationExists(note)).toBe(true);
    expect(await purged(proof.fileId)).toBe(false);

    await setLegalHold(ctx, { type: 'contact', id: held.id, hold: false });
    await cleanup({ dryRun: false });
    expect(await messagesOf(chat)).toEqual([]);
    expect(await notificationExists(note)).toBe(false);
    expect(await purged(proof.fileId)).toBe(true);
    expect(
      await q(
        sql`select action from audit_event where subject_id = ${held.id} and action like 'retention.hold.%' order by id`,
      ),
    ).toEqual([{ action: 'retention.hold.placed' }, { action: 'retention.hold.released' }]);
  });

  it('keeps the proof of a held payment', async () => {
    const proof = await proofPayment('verified', 400);
    await app.createStaff({ email: 'admin.holds@example.com', role: 'admin' });
    const admin = await app.signIn('admin.holds@example.com');
    const res = await admin.request('PUT', `/api/retention/holds/payments/${proof.paymentId}`, {
      hold: true,
      reason: 'dispute',
    });
    expect(res.statusCode).toBe(204);
    const unknown = await admin.request('PUT', `/api/retention/holds/contacts/${proof.paymentId}`, {
      hold: true,
    });
    expect(unknown.statusCode).toBe(404);
    await cleanup({ dryRun: false });
    expect(await purged(proof.fileId)).toBe(false);
  });

  it('removes nothing of an organization under a legal hold, and records the run as held', async () => {
    const other = await createOrg(app);
    const owner = await app.signIn(other.ownerEmail, undefined, other.slug);
    const res = await owner.patch('/api/retention/settings', {
      legalHold: true,
      legalHoldReason: 'audit 2026',
    });
    expect(res.statusCode).toBe(200);
    await q(sql`insert into notification (org_id, channel, recipient, template, locale, body, status, created_at, sent_at)
      values (${other.id}, 'email', 'x@example.com', 'test.message', 'en', 'Hi', 'sent', ${ago(400)}, ${ago(400)})`);
    const [result] = await cleanup({ dryRun: false, org: other.slug });
    expect(result).toMatchObject({ held: true, kinds: [] });
    expect(await q(sql`select count(*)::int as n from notification where org_id = ${other.id}`)).toEqual([
      { n: 1 },
    ]);
    expect(await q(sql`select status from retention_run where org_id = ${other.id}`)).toEqual([
      { status: 'held' },
    ]);
  });
});

describe('runs', () => {
  it('removes in batches what the dry run said, per kind, and stores and audits the run', async () => {
    for (let i = 0; i < 5; i++) await notificationTo(null, 'sent', 60);
    await chatWith(null, 365, ['processed', 'processed', 'processed']);
    await proofPayment('verified', 500);
    const dry = await cleanup({ dryRun: true });
    expect(kindOf(dry, 'notifications.delivered').rows).toBe(5);
    expect(kindOf(dry, 'conversations.messages').rows).toBe(3);
    expect(kindOf(dry, 'payments.proof_files').rows).toBe(1);
    expect(kindOf(dry, 'payments.proof_files').bytes).toBeGreaterThan(PNG.length);
    const runsBefore = await q(sql`select id from retention_run where org_id = ${orgId}`);

    const real = await cleanup({ dryRun: false, batchSize: 2 });
    expect(real[0]!.kinds.map(({ kind, rows, bytes }) => ({ kind, rows, bytes }))).toEqual(
      dry[0]!.kinds.map(({ kind, rows, bytes }) => ({ kind, rows, bytes })),
    );
    // a dry run writes nothing
    expect(runsBefore.length).toBe(
      (await q(sql`select id from retention_run where org_id = ${orgId}`)).length - 1,
    );
    const [run] = await q<{
      status: string;
      rows_removed: string;
      kinds: Array<{ kind: string; rows: number }>;
    }>(sql`select status, rows_removed, kinds from retention_run where id = ${real[0]!.runId}`);
    expect(run!.status).toBe('done');
    expect(Number(run!.rows_removed)).toBe(real[0]!.kinds.reduce((s, k) => s + k.rows, 0));
    expect(run!.kinds.find((k) => k.kind === 'notifications.delivered')?.rows).toBe(5);
    expect(
      await q(
        sql`select action from audit_event where subject_type = 'retention_run' and subject_id = ${real[0]!.runId}`,
      ),
    ).toEqual([{ action: 'retention.run.finished' }]);
    expect((await cleanup({ dryRun: true }))[0]!.kinds.every((k) => k.rows === 0)).toBe(true);
    expect(cleanupReportLines(dry, true)[0]).toMatch(/^default: would remove \d+ row\(s\), /);
  });
});

describe('settings', () => {
  it('shows the defaults, changes a period (audited) and refuses unknown kinds and bad periods', async () => {
    await app.createStaff({ email: 'owner.retention@example.com', role: 'owner' });
    const owner = await app.signIn('owner.retention@example.com');
    const shown = await owner.get('/api/retention/settings');
    expect(shown.statusCode).toBe(200);
    expect(shown.json().kinds).toContainEqual({
      kind: 'notifications.delivered',
      label: 'retention.kinds.delivered',
      defaultDays: 30,
      days: 30,
      chosen: false,
    });
    expect(shown.json().jobsKeepDays).toBe(7);

    const changed = await owner.patch('/api/retention/settings', {
      periods: { 'notifications.delivered': 90, 'conversations.messages': null },
    });
    expect(changed.statusCode).toBe(200);
    expect(changed.json().kinds).toContainEqual(
      expect.objectContaining({ kind: 'notifications.delivered', days: 90, chosen: true }),
    );
    expect(changed.json().kinds).toContainEqual(
      expect.objectContaining({ kind: 'conversations.messages', days: null, chosen: true }),
    );
    const kept = await chatWith(null, 3000);
    const note = await notificationTo(null, 'sent', 60);
    await cleanup({ dryRun: false });
    expect(await messagesOf(kept)).toHaveLength(1);
    expect(await notificationExists(note)).toBe(true);
    expect(
      await q(
        sql`select count(*)::int as n from audit_event where action = 'retention.settings.changed' and org_id = ${orgId}`,
      ),
    ).toEqual([{ n: 1 }]);

    const unknown = await owner.patch('/api/retention/settings', { periods: { 'mess.scan': 10 } });
    expect(unknown.statusCode).toBe(422);
    expect(unknown.json().code).toBe('retention.unknown_kind');
    const bad = await owner.patch('/api/retention/settings', { periods: { 'mess.scans': 0 } });
    expect(bad.statusCode).toBe(400);
    await owner.patch('/api/retention/settings', {
      periods: { 'notifications.delivered': 30, 'conversations.messages': 180 },
    });
  });

  it('previews what a cleanup would remove', async () => {
    await app.createStaff({ email: 'viewer.retention@example.com', role: 'viewer' });
    const viewer = await app.signIn('viewer.retention@example.com');
    await cleanup({ dryRun: false });
    await notificationTo(null, 'sent', 45);
    const preview = await viewer.get('/api/retention/preview');
    expect(preview.statusCode).toBe(200);
    expect(
      preview.json().kinds.find((k: { kind: string }) => k.kind === 'notifications.delivered').rows,
    ).toBe(1);
    expect((await viewer.patch('/api/retention/settings', { legalHold: true })).statusCode).toBe(403);
  });
});
