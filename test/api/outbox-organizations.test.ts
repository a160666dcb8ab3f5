import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Ctx } from '../../src/core/context/index.ts';
import {
  enqueueNotification,
  getNotification,
  type NotificationInput,
  testMessageTemplate,
} from '../../src/core/notifications/index.ts';
import { findOrganizationBySlug } from '../../src/core/orgs/index.ts';
import { type SmtpProcess, startSmtpProcess } from '../standins/smtp-server.ts';
import { startTestApp, type TestApp } from '../support/test-app.ts';

/*
 * One claim of the outbox takes due messages of every organization at once (issue 75): each is sent
 * and recorded in its own organization's name. No worker runs here, so the messages wait until one
 * look of the dispatcher (`runOnce`) claims them all in one batch.
 */
let smtp: SmtpProcess;
let app: TestApp;
let orgs: { id: string; name: string }[];

beforeAll(async () => {
  smtp = await startSmtpProcess();
  app = await startTestApp({
    env: { SMTP_URL: `smtp://127.0.0.1:${smtp.port}`, SMTP_FROM: 'Opsdesk <desk@opsdesk.test>' },
  });
  const main = (await findOrganizationBySlug(app.database.db, 'default'))!.id;
  const second = await app.createOrg('lakeside', 'lakeside-owner@example.com');
  orgs = [
    { id: main, name: 'Hostel Mess' },
    { id: second, name: 'Lakeside Hostel' },
  ];
});
afterAll(async () => {
  await app?.close();
  await smtp?.stop();
});

const ctxOf = (orgId: string): Ctx => app.deps.systemCtx(orgId, 'test');
const message = (to: string, name: string, orgName: string): NotificationInput => ({
  channel: 'email',
  to,
  template: testMessageTemplate as NotificationInput['template'],
  data: { name, orgName },
  locale: 'en',
});

describe('one claim across organizations', () => {
  it("sends each organization's messages of one batch, recorded in its own organization", async () => {
    const queued: { orgId: string; id: string; to: string; orgName: string }[] = [];
    for (const org of orgs)
      for (const n of [1, 2]) {
        const to = `guest${n}@${org.name.split(' ')[0]!.toLowerCase()}.example`;
        const { notification } = await enqueueNotification(
          ctxOf(org.id),
          app.jobs,
          message(to, `Guest ${n}`, org.name),
        );
        queued.push({ orgId: org.id, id: notification.id, to, orgName: org.name });
      }

    expect(await app.deps.outbox.runOnce()).toBe(4);

    for (const q of queued) {
      const sent = await getNotification(ctxOf(q.orgId), q.id);
      expect(sent).toMatchObject({ status: 'sent', attempts: 1 });
      // not visible from the other organization
      const other = orgs.find((o) => o.id !== q.orgId)!;
      await expect(getNotification(ctxOf(other.id), q.id)).rejects.toThrow();
    }
    const { rows } = await app.database.pool.query<{ n: number }>(
      `select count(*)::int as n from notification_attempt a
       join notification n on n.id = a.notification_id
       where n.id = any($1) and a.org_id = n.org_id and a.status = 'accepted'`,
      [queued.map((q) => q.id)],
    );
    expect(rows[0]!.n).toBe(4);
    const mails = await smtp.messages();
    for (const q of queued) {
      const mail = mails.find((m) => m.envelope.to.includes(q.to));
      expect(mail?.subject).toContain(q.orgName);
    }
  });
});
