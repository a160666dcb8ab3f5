import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { menuTestModule } from '../../../test/fixtures/menu-flow/menu.module.ts';
import { TEST_MODULES } from '../../../test/support/template-sources.ts';
import { startTestApp, type TestApp } from '../../../test/support/test-app.ts';
import { fixedClock } from '../../platform/clock/index.ts';
import { sql } from '../../platform/db/index.ts';
import { createContact, mergeContacts } from '../contacts/index.ts';
import type { Ctx } from '../context/index.ts';
import { findOrganizationBySlug } from '../orgs/index.ts';
import { createGroupCommit, type InboundWrite, type StepWrite } from './group-commit.ts';
import { receiveInbound, storeInbound } from './receive-inbound.ts';
import { SIMULATOR_CHANNEL } from './simulator.ts';

const clock = fixedClock(new Date());
let app: TestApp;
let ctx: Ctx;

beforeAll(async () => {
  app = await startTestApp({ modules: [...TEST_MODULES, menuTestModule], clock });
  const orgId = (await findOrganizationBySlug(app.database.db, 'default'))!.id;
  ctx = app.deps.systemCtx(orgId, 'test');
});
afterAll(() => app.close());

/** How many transactions wrote these rows: rows written by one transaction share its `xmin`. */
const transactionsOf = async (table: 'conversation' | 'conversation_message', ids: string[]) => {
  const { rows } = await sql<{ n: number }>`
    select count(distinct xmin::text)::int as n from ${sql.table(table)} where id = any(${ids}::uuid[])`.execute(
    app.database.db,
  );
  return rows[0]!.n;
};

const message = (key: string, text = 'hi') => ({
  channel: SIMULATOR_CHANNEL,
  externalId: `gc-${key}`,
  channelMessageId: `sim.gc-${key}`,
  input: { kind: 'text' as const, text },
  raw: { flow: 'menu-test' },
});

const inboundWrite = (key: string): InboundWrite => ({
  ...message(key),
  displayName: null,
  sequence: null,
  tap: null,
  payload: JSON.stringify({ kind: 'text', text: 'hi' }),
  raw: JSON.stringify({ flow: 'menu-test' }),
  status: 'received',
  sentAt: clock.now(),
  now: clock.now(),
});

const conversationOf = async (id: string) =>
  (
    await sql<{
      version: number;
      state: string | null;
    }>`select version, state from conversation where id = ${id}`.execute(app.database.db)
  ).rows[0]!;

const stepOf = async (stored: { conversationId: string; messageId: string | null }, text: string) => {
  const { version } = await conversationOf(stored.conversationId);
  return {
    conversationId: stored.conversationId,
    version,
    channel: SIMULATOR_CHANNEL,
    messageId: stored.messageId!,
    contactId: null,
    held: false,
    flow: 'menu-test',
    state: 'pick',
    context: { said: text },
    pendingPrompt: null,
    language: null,
    repeated: false,
    replies: [{ id: randomUUID(), payload: { kind: 'text', text }, attachment: null, body: text }],
    locale: 'en',
    // Written as a chat channel's replies are: queued in the outbox (the simulator's would be sent).
    sentOnCommit: false,
    startedFrom: { flow: 'menu-test', state: 'menu', context: { was: text }, pendingPrompt: null },
    now: clock.now(),
  } satisfies StepWrite;
};

describe('group commit of chat writes (issue 43, item 1)', () => {
  it('stores the messages of webhooks arriving at the same moment in one transaction', async () => {
    const writes = app.deps.conversations.groupCommit;
    const stored = await Promise.all(
      ['a', 'b', 'c', 'd', 'e'].map((k) => storeInbound(ctx, message(`same-${k}`), writes)),
    );
    expect(stored.every((s) => s.waiting && !s.duplicate)).toBe(true);
    expect(new Set(stored.map((s) => s.conversationId)).size).toBe(5);
    expect(
      await transactionsOf(
        'conversation_message',
        stored.map((s) => s.messageId!),
      ),
    ).toBe(1);

    // A repeated delivery, alone or twice in one batch, is stored once.
    const again = await Promise.all([
      storeInbound(ctx, message('same-a'), writes),
      storeInbound(ctx, message('same-f'), writes),
      storeInbound(ctx, message('same-f'), writes),
    ]);
    expect(again.map((s) => s.duplicate)).toEqual([true, false, true]);
    expect(again[2]!.conversationId).toBe(again[1]!.conversationId);
  });

  it('answers a webhook only once the batch holding its message committed, and sends a full batch at once', async () => {
    const writes = createGroupCommit({ windowMs: 600_000, maxBatch: 3 });
    let settled = 0;
    const first = [writes.inbound(ctx, inboundWrite('full-1')), writes.inbound(ctx, inboundWrite('full-2'))];
    for (const p of first) void p.then(() => settled++);
    // The batch is not full and its window has not passed: nothing stored, nobody answered.
    const stored = await sql<{ n: number }>`
      select count(*)::int as n from conversation_message where channel_message_id like 'sim.gc-full-%'`.execute(
      app.database.db,
    );
    expect(stored.rows[0]!.n).toBe(0);
    expect(settled).toBe(0);
    // The third fills it: written at once, in one transaction, and every caller answered.
    const all = await Promise.all([...first, writes.inbound(ctx, inboundWrite('full-3'))]);
    expect(all.every((s) => s.messageId !== null)).toBe(true);
    expect(
      await transactionsOf(
        'conversation_message',
        all.map((s) => s.messageId!),
      ),
    ).toBe(1);
  });

  it("stores a webhook's message through the batcher it is handed; closing the batcher writes what waits", async () => {
    // A batcher whose window never passes: the message waits in it, nothing stored, nobody answered.
    const writes = createGroupCommit({ windowMs: 600_000, maxBatch: 64 });
    let answered = false;
    const received = receiveInbound(ctx, { jobs: app.jobs, groupCommit: writes }, message('close-1'));
    void received.then(() => {
      answered = true;
    });
    const second = writes.inbound(ctx, inboundWrite('close-2'));
    const count = async () =>
      (
        await sql<{ n: number }>`
          select count(*)::int as n from conversation_message where channel_message_id like 'sim.gc-close-%'`.execute(
          app.database.db,
        )
      ).rows[0]!.n;
    expect(await count()).toBe(0);
    expect(answered).toBe(false);
    // Closing writes both at once, in one transaction, without waiting out the window.
    await writes.close();
    const [first, other] = await Promise.all([received, second]);
    expect(first.duplicate).toBe(false);
    expect(await transactionsOf('conversation_message', [first.messageId!, other.messageId!])).toBe(1);
    // A write after close goes at once: no timer is left behind.
    expect((await writes.inbound(ctx, inboundWrite('close-3'))).messageId).not.toBeNull();
  });

  it('writes the steps of several conversations in one transaction; a moved conversation is refused alone', async () => {
    const writes = app.deps.conversations.groupCommit;
    const stored = await Promise.all(
      ['1', '2', '3'].map((k) => storeInbound(ctx, message(`step-${k}`), writes)),
    );
    const steps = await Promise.all(stored.map((s, i) => stepOf(s, `reply ${i}`)));
    // The third conversation moved since its step read it (another process's step).
    const moved = await Promise.all([
      writes.step(ctx, steps[0]!),
      writes.step(ctx, steps[1]!),
      writes.step(ctx, { ...steps[2]!, version: steps[2]!.version - 1 }),
    ]);
    expect(moved).toEqual([true, true, false]);
    expect(
      await transactionsOf(
        'conversation',
        stored.slice(0, 2).map((s) => s.conversationId),
      ),
    ).toBe(1);
    expect((await conversationOf(stored[0]!.conversationId)).state).toBe('pick');
    expect((await conversationOf(stored[2]!.conversationId)).state).toBeNull();
    const { rows } = await sql<{ id: string; status: string }>`
      select id, status from conversation_message where id = any(${stored.map((s) => s.messageId!)}::uuid[])
      union all
      select id, status from notification where id = any(${steps.map((s) => s.replies[0]!.id)}::uuid[])`.execute(
      app.database.db,
    );
    const status = new Map(rows.map((r) => [r.id, r.status]));
    expect(stored.map((s) => status.get(s.messageId!))).toEqual(['processed', 'processed', 'received']);
    // The refused step's reply was never written.
    expect(steps.map((s) => status.get(s.replies[0]!.id))).toEqual(['queued', 'queued', undefined]);
  });

  it('writes the replies queued in the outbox, and keeps on the message where its step started (issue 55)', async () => {
    const writes = app.deps.conversations.groupCommit;
    const stored = await storeInbound(ctx, message('start-point'), writes);
    const step = await stepOf(stored, 'from the menu');
    expect(await writes.step(ctx, step)).toBe(true);
    const { rows } = await sql<{ id: string; status: string; started_from: unknown }>`
      select id, status, started_from from conversation_message where id = ${stored.messageId}`.execute(
      app.database.db,
    );
    expect(rows[0]).toMatchObject({
      status: 'processed',
      started_from: {
        flow: 'menu-test',
        state: 'menu',
        context: { was: 'from the menu' },
        pendingPrompt: null,
      },
    });
    // An outbox row to the conversation's person, in the step's transaction; claimed only when it leaves.
    const { rows: replies } = await sql<{ status: string; recipient: string; body: string; same: boolean }>`
      select n.status, n.recipient, n.body,
        n.xmin::text = (select m.xmin::text from conversation_message m where m.id = ${stored.messageId}) as same
      from notification n where n.id = ${step.replies[0]!.id}`.execute(app.database.db);
    expect(replies).toEqual([
      { status: 'queued', recipient: 'gc-start-point', body: 'from the menu', same: true },
    ]);
  });

  it("moves a language the person chose to their contact in the step's own statement, audited; a merged contact stays", async () => {
    const writes = app.deps.conversations.groupCommit;
    const [live, merged, into] = await Promise.all(
      ['Lena', 'Old', 'Kept'].map((name) =>
        createContact(ctx, { displayName: name, preferredLanguage: 'en' }),
      ),
    );
    await mergeContacts(ctx, { keepId: into!.id, mergeId: merged!.id });
    const stored = await Promise.all(['1', '2'].map((k) => storeInbound(ctx, message(`lang-${k}`), writes)));
    const steps = await Promise.all(stored.map((s, i) => stepOf(s, `reply ${i}`)));
    const written = await Promise.all([
      writes.step(ctx, { ...steps[0]!, contactId: live!.id, language: 'es' }),
      writes.step(ctx, { ...steps[1]!, contactId: merged!.id, language: 'hi' }),
    ]);
    expect(written.every((w) => w)).toBe(true);
    const { rows } = await sql<{ id: string; preferred_language: string; same: boolean }>`
      select ct.id, ct.preferred_language,
        ct.xmin::text = (select c.xmin::text from conversation c where c.id = ${stored[0]!.conversationId}) as same
      from contact ct where ct.id = any(${[live!.id, merged!.id]}::uuid[])`.execute(app.database.db);
    const contact = new Map(rows.map((r) => [r.id, r]));
    expect(contact.get(live!.id)).toMatchObject({ preferred_language: 'es', same: true });
    expect(contact.get(merged!.id)?.preferred_language).toBe('en');
    const { rows: events } = await sql<{
      subject_id: string;
      before: unknown;
      after: unknown;
      meta: unknown;
    }>`
      select subject_id, before, after, meta from audit_event
      where action = 'contacts.contact.updated' and subject_id = any(${[live!.id, merged!.id]}::text[])`.execute(
      app.database.db,
    );
    expect(events).toEqual([
      {
        subject_id: live!.id,
        before: { preferredLanguage: 'en' },
        after: { preferredLanguage: 'es' },
        meta: { via: SIMULATOR_CHANNEL },
      },
    ]);
  });

  it('fails a bad write alone: the rest of its batch is stored', async () => {
    const writes = app.deps.conversations.groupCommit;
    // PostgreSQL's jsonb refuses the NUL character: this message cannot be stored.
    const results = await Promise.allSettled([
      storeInbound(ctx, message('bad-1'), writes),
      storeInbound(ctx, message('bad-2', 'nul \u0000 here'), writes),
      storeInbound(ctx, message('bad-3'), writes),
    ]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    const { rows } = await sql<{ channel_message_id: string }>`
      select channel_message_id from conversation_message where channel_message_id like 'sim.gc-bad-%'
      order by channel_message_id`.execute(app.database.db);
    expect(rows.map((r) => r.channel_message_id)).toEqual(['sim.gc-bad-1', 'sim.gc-bad-3']);

    // A step that cannot be written fails alone too.
    const stored = await Promise.all(
      ['1', '2'].map((k) => storeInbound(ctx, message(`badstep-${k}`), writes)),
    );
    const [good, bad] = await Promise.all(stored.map((s, i) => stepOf(s, `reply ${i}`)));
    const stepResults = await Promise.allSettled([
      writes.step(ctx, good!),
      writes.step(ctx, { ...bad!, context: { said: 'nul \u0000' } }),
    ]);
    expect(stepResults.map((r) => r.status)).toEqual(['fulfilled', 'rejected']);
    expect((await conversationOf(stored[0]!.conversationId)).state).toBe('pick');
    expect((await conversationOf(stored[1]!.conversationId)).state).toBeNull();
  });
});
