import type { App } from '../../src/app/build-app.ts';
import { openTemplateSecrets, SECRET_MASK } from '../../src/core/notifications/index.ts';
import { eventually } from './eventually.ts';

/**
 * One secret field of every message of `template` to `recipient`, oldest first, as the person will
 * get it: opened from the outbox's sealed value with the app's key, exactly as the sending job
 * does. For tests that run without a relay (their e-mails stay queued); a message already sent has
 * its secrets erased and reads as the mask. Tests of delivery read what the SMTP stand-in received.
 */
export async function secretsSentTo(
  app: Pick<App, 'database' | 'config'>,
  query: { template: string; recipient: string; field: string },
): Promise<string[]> {
  const { rows } = await app.database.pool.query<{ sealed_secrets: string | null }>(
    `select sealed_secrets from notification where template = $1 and recipient = $2 order by created_at, seq`,
    [query.template, query.recipient],
  );
  return rows.map((r) =>
    r.sealed_secrets === null
      ? SECRET_MASK
      : String(openTemplateSecrets(r.sealed_secrets, app.config.OPSDESK_SECRET_KEY)[query.field]),
  );
}

/** The sign-in (or sign-up) codes the prepaid portal sent to `address`, oldest first. */
export const portalCodesSentTo = (app: Pick<App, 'database' | 'config'>, address: string) =>
  secretsSentTo(app, { template: 'prepaid.portal_code', recipient: address, field: 'code' });

/**
 * The newest one-time portal code sent to `address`, as the customer gets it: from the outbox while
 * it waits there sealed (an app without a worker), else, once sent and erased from the outbox, from
 * the e-mail the sandbox caught (waiting until every code sent there has arrived).
 */
export function portalCodeCaughtFor(
  app: Pick<App, 'database' | 'config' | 'runtimeOf'>,
  address: string,
): Promise<string> {
  const sandbox = app.runtimeOf('sandbox') as
    | { mail?: { messages(): ReadonlyArray<{ to: string[]; text: string | null }> } }
    | undefined;
  return eventually(
    async () => {
      const sealed = (await portalCodesSentTo(app, address)).at(-1);
      if (sealed === undefined) return undefined;
      if (sealed !== SECRET_MASK) return sealed;
      const caught = (sandbox?.mail?.messages() ?? [])
        .filter((m) => m.to.includes(address))
        .flatMap((m) => /\b(\d{6})\b/.exec(m.text ?? '')?.[1] ?? []);
      const { rows } = await app.database.pool.query<{ n: string }>(
        `select count(*) as n from notification where template = 'prepaid.portal_code' and recipient = $1 and status = 'sent'`,
        [address],
      );
      return caught.length >= Number(rows[0]!.n) ? caught.at(-1) : undefined;
    },
    { what: `the portal code sent to ${address}` },
  );
}
