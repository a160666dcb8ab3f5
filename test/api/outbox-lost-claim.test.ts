import type { KyselyPlugin, PluginTransformQueryArgs, PluginTransformResultArgs, QueryResult } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Ctx } from '../../src/core/context/index.ts';
import {
  createOutbox,
  enqueueNotification,
  getNotification,
  testMessageTemplate,
} from '../../src/core/notifications/index.ts';
import { findOrganizationBySlug } from '../../src/core/orgs/index.ts';
import type { Db } from '../../src/platform/db/index.ts';
import { type SmtpProcess, startSmtpProcess } from '../standins/smtp-server.ts';
import { eventually } from '../support/eventually.ts';
import { startTestApp, type TestApp } from '../support/test-app.ts';

/*
 * In a failover a claim's statement can commit on the old primary while its answer is lost on the
 * way back (the server stopped under it): the process holds a claim it does not know of, as alive as
 * ever. Such a claim must not wait for its lease (minutes) to end: the process settles it on its next
 * heartbeat, and the message goes out.
 */

/**
 * Loses the answer of the first claim statement: it ran and committed, the caller hears the server
 * went away. And holds the answer of the process's look for its idle claims until `release()`, so the
 * test sees the claim held before its process settles it (the heartbeat runs on a timer).
 */
class LoseFirstClaimAnswer implements KyselyPlugin {
  private readonly claims = new Set<unknown>();
  private readonly idleLooks = new Set<unknown>();
  lost = 0;
  release!: () => void;
  private readonly released = new Promise<void>((resolve) => {
    this.release = resolve;
  });

  transformQuery({ node, queryId }: PluginTransformQueryArgs) {
    const text = JSON.stringify(node);
    if (this.lost === 0 && text.includes("update notification n set status = 'sending'"))
      this.claims.add(queryId);
    if (text.includes('n.id <> all(')) this.idleLooks.add(queryId);
    return node;
  }

  async transformResult({ queryId, result }: PluginTransformResultArgs): Promise<QueryResult<never>> {
    if (this.idleLooks.delete(queryId)) await this.released;
    if (!this.claims.has(queryId)) return result as QueryResult<never>;
    this.claims.clear();
    this.lost += 1;
    throw Object.assign(new Error('terminating connection due to administrator command'), { code: '57P01' });
  }
}

let smtp: SmtpProcess;
let app: TestApp;
let ctx: Ctx;

beforeAll(async () => {
  smtp = await startSmtpProcess();
  app = await startTestApp({
    env: { SMTP_URL: `smtp://127.0.0.1:${smtp.port}`, SMTP_FROM: 'Opsdesk <desk@opsdesk.test>' },
  });
  ctx = app.deps.systemCtx((await findOrganizationBySlug(app.database.db, 'default'))!.id, 'test');
});
afterAll(async () => {
  await app?.close();
  await smtp?.stop();
});

describe('a claim whose answer was lost', () => {
  it('is settled by its own live process within a heartbeat, and the message goes out once', async () => {
    // The app's dispatcher has looked once (on the embedded database its first look forgets every
    // other sender, as at a start): from here the lossy sender below is a live process beside it.
    expect(await app.deps.outbox.runOnce()).toBe(0);
    const { notification } = await enqueueNotification(ctx, app.jobs, {
      channel: 'email',
      to: 'guest@lakeside.example',
      template: testMessageTemplate as never,
      data: { name: 'Guest', orgName: 'Hostel Mess' },
      locale: 'en',
    });
    const lose = new LoseFirstClaimAnswer();
    const db: Db = app.database.db.withPlugin(lose);
    const lossy = createOutbox({
      db,
      jobs: app.jobs,
      clock: app.deps.clock,
      log: { debug: () => undefined, warn: () => undefined, error: () => undefined },
      systemCtx: app.deps.systemCtx,
      channels: () => app.deps.outbox.channels(),
      secretKey: 'unused: the message has no secrets',
      sweepMs: 20,
    });
    try {
      await expect(lossy.runOnce()).rejects.toMatchObject({ code: '57P01' });
      expect(lose.lost).toBe(1);
      // The claim landed: the message is this live process's, and no other sender takes it.
      expect(await getNotification(ctx, notification.id)).toMatchObject({ status: 'sending' });
      expect(await app.deps.outbox.runOnce()).toBe(0);

      lose.release();
      await eventually(async () => (await getNotification(ctx, notification.id)).status === 'queued', {
        what: 'the lost claim settled by its own process',
        timeoutMs: 10_000,
      });
      expect(await app.deps.outbox.runOnce()).toBe(1);
      expect(await getNotification(ctx, notification.id)).toMatchObject({ status: 'sent', attempts: 1 });
      const mails = (await smtp.messages()).filter((m) => m.envelope.to.includes('guest@lakeside.example'));
      expect(mails).toHaveLength(1);
    } finally {
      await lossy.close();
    }
  });
});
