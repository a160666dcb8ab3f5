import { sql } from 'kysely';
import { type OrgCleanup, runCleanup } from '../../src/core/retention/index.ts';
import type { TestApp } from './test-app.ts';

const DAY = 24 * 60 * 60 * 1000;

/** The moment `days` days before now. */
export const daysAgo = (days: number): Date => new Date(Date.now() - days * DAY);

/** `opsdesk cleanup` for one organization (default: `default`), as the CLI runs it. */
export const cleanupNow = (
  app: TestApp,
  options: { dryRun?: boolean; org?: string } = {},
): Promise<OrgCleanup[]> =>
  runCleanup(
    { ...app.deps, retention: app.deps.declared.retention },
    { dryRun: options.dryRun ?? false, trigger: 'cli', orgSlug: options.org ?? 'default' },
  );

/** What one kind of a cleanup's result says (rows, bytes). */
export const kindIn = (result: OrgCleanup[], kind: string) => result[0]?.kinds.find((k) => k.kind === kind);

/** A handled WhatsApp message of `contactId`, `days` old, stored as the channel stores one; its conversation id. */
export async function oldChatOf(
  app: TestApp,
  orgId: string,
  contactId: string,
  days: number,
): Promise<string> {
  const db = app.database.db;
  const { rows } = await sql<{
    id: string;
  }>`insert into conversation (org_id, channel, external_id, contact_id)
    values (${orgId}, 'whatsapp', ${`wa${Math.random()}`}, ${contactId}) returning id`.execute(db);
  const id = rows[0]!.id;
  await sql`insert into conversation_message (org_id, conversation_id, direction, channel, channel_message_id, payload, status, at)
    values (${orgId}, ${id}, 'in', 'whatsapp', ${`wamid.${Math.random()}`}, '{"kind":"text","text":"hi"}', 'processed',
      ${daysAgo(days)})`.execute(db);
  return id;
}

/**
 * How many messages a conversation still has, in and out: what the person sent (`conversation_message`)
 * and what went to them (the outbox's rows to its person on its channel, issue 75).
 */
export async function messageCount(app: TestApp, conversationId: string): Promise<number> {
  const { rows } = await sql<{ n: number }>`select
      (select count(*)::int from conversation_message where conversation_id = ${conversationId})
      + (select count(*)::int from notification n join conversation c
          on c.org_id = n.org_id and c.channel = n.channel and c.external_id = n.recipient
          where c.id = ${conversationId}) as n`.execute(app.database.db);
  return rows[0]!.n;
}
