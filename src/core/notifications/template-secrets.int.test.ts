import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { startTestApp, type TestApp } from '../../../test/support/test-app.ts';
import type { Ctx } from '../context/index.ts';
import { findOrganizationBySlug } from '../orgs/index.ts';
import {
  deliverNotification,
  enqueueNotification,
  type NotificationChannel,
  type OutboundMessage,
} from './index.ts';
import { SECRET_MASK } from './template-secrets.ts';
import { defineTemplate, type NotificationTemplate } from './templates.ts';

/*
 * The outbox's secrets from enqueue to send, one attempt at a time (no worker: each attempt is run
 * here with the clock it should see). The channel is a real outbox channel that keeps what it was
 * given, standing in for the relay.
 */
const TTL_MS = 10 * 60_000;
const codeTemplate = defineTemplate<{ code: string; meter: string }>({
  key: 'notifications.test_code',
  data: z.object({ code: z.string(), meter: z.string() }),
  secrets: ['code'],
  secretsLiveMs: TTL_MS,
  subject: () => 'Your code',
  body: (_locale, d) => `Code for ${d.meter}: ${d.code}.`,
});

let app: TestApp;
let ctx: Ctx;
const sent: OutboundMessage[] = [];
const inbox: NotificationChannel = {
  name: 'email',
  pace: { perRecipientMs: 0 },
  async send(_ctx, message) {
    sent.push(message);
    return { providerMessageId: `m${sent.length}` };
  },
};

beforeAll(async () => {
  app = await startTestApp();
  ctx = app.deps.systemCtx((await findOrganizationBySlug(app.database.db, 'default'))!.id, 'test');
}, 60_000);
afterAll(() => app?.close());

const at = (ms: number): Ctx => ({ ...ctx, clock: { now: () => new Date(Date.now() + ms) } });
const deliver = (id: string, options: { afterMs?: number; secretKey?: string } = {}) =>
  deliverNotification(
    at(options.afterMs ?? 0),
    {
      channels: new Map([['email', inbox]]),
      jobs: app.jobs,
      templates: (key) =>
        key === codeTemplate.key ? (codeTemplate as NotificationTemplate<never>) : undefined,
      secretKey: options.secretKey ?? app.config.OPSDESK_SECRET_KEY,
    },
    id,
  );
const enqueueCode = async (to: string, code: string) =>
  (
    await enqueueNotification(ctx, app.jobs, {
      channel: 'email',
      to,
      template: codeTemplate,
      data: { code, meter: 'P-7' },
      locale: 'en',
      secretKey: app.config.OPSDESK_SECRET_KEY,
    })
  ).notification.id;
const row = async (id: string) =>
  (
    await app.database.pool.query(
      'select status, data, body, last_error, sealed_secrets, secrets_erased_at from notification where id = $1',
      [id],
    )
  ).rows[0];

describe('one-time secrets in the outbox', () => {
  it('stores the code sealed and masked, and puts it into the message only when it is sent', async () => {
    const id = await enqueueCode('due@example.com', '493817');
    const stored = await row(id);
    expect(stored.data).toEqual({ code: SECRET_MASK, meter: 'P-7' });
    expect(stored.body).toBe(`Code for P-7: ${SECRET_MASK}.`);
    expect(stored.sealed_secrets).not.toContain('493817');

    expect((await deliver(id)).status).toBe('sent');
    const message = sent.at(-1)!;
    expect(message.body).toBe('Code for P-7: 493817.');
    expect(message.data.code).toBe('493817');
    expect(message.secrets).toEqual(['493817']);
    expect(await row(id)).toMatchObject({ status: 'sent', sealed_secrets: null });
    expect((await row(id)).secrets_erased_at).not.toBeNull();
  });

  it('never sends a code that expired while it waited, and erases it', async () => {
    const before = sent.length;
    const id = await enqueueCode('late@example.com', '735190');
    expect((await deliver(id, { afterMs: TTL_MS + 1_000 })).status).toBe('undeliverable');
    expect(sent).toHaveLength(before);
    const stored = await row(id);
    expect(stored).toMatchObject({ status: 'undeliverable', sealed_secrets: null });
    expect(stored.last_error).toMatch(/^secret_expired: /);
  });

  it('gives up on a message whose secrets the key cannot open, and says so without the secret', async () => {
    const id = await enqueueCode('rotated@example.com', '264913');
    expect((await deliver(id, { secretKey: 'another key entirely, 32 characters long' })).status).toBe(
      'failed',
    );
    expect((await row(id)).last_error).toMatch(/sealed secrets of this message cannot be opened/);
  });

  it('refuses to queue a template with secrets without the key, and a secret that is not a data field', async () => {
    await expect(
      enqueueNotification(ctx, app.jobs, {
        channel: 'email',
        to: 'nokey@example.com',
        template: codeTemplate,
        data: { code: '111222', meter: 'P-7' },
        locale: 'en',
      }),
    ).rejects.toThrow(/declares secrets: queue it with the app's OPSDESK_SECRET_KEY/);
    expect(
      (await app.database.pool.query(`select 1 from notification where recipient = 'nokey@example.com'`))
        .rows,
    ).toEqual([]);
    expect(() =>
      defineTemplate<{ link: string }>({
        key: 'notifications.test_link',
        data: z.object({ link: z.string() }),
        secrets: ['token'],
        subject: () => '',
        body: (_l, d) => d.link,
      }),
    ).toThrow(/not fields of its data: token/);
  });
});
