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
 * The one-time code of the newest portal-code e-mail the sandbox caught for `address`, read from the
 * mail itself as the customer reads it (a sent message's sealed secret is erased, so the outbox shows
 * only the mask). Waits until every code the outbox sent there has arrived, so it is the newest one.
 */
export function portalCodeCaughtFor(
  app: Pick<App, 'database' | 'runtimeOf'>,
  address: string,
): Promise<string> {
  const sandbox = app.runtimeOf('sandbox') as
    | { mail?: { messages(): ReadonlyArray<{ to: string[]; text: string | null }> } }
    | undefined;
  const mail = sandbox?.mail;
  if (!mail) throw new Error('the sandbox catches no mail in this app (OPSDESK_SANDBOX)');
  return eventually(
    async () => {
      const { rows } = await app.database.pool.query<{ n: string }>(
        `select count(*) as n from notification where template = 'prepaid.portal_code' and recipient = $1 and status = 'sent'`,
        [address],
      );
      const codes = mail
        .messages()
        .filter((m) => m.to.includes(address))
        .flatMap((m) => /\b(\d{6})\b/.exec(m.text ?? '')?.[1] ?? []);
      const sent = Number(rows[0]!.n);
      return sent > 0 && codes.length >= sent ? codes.at(-1) : undefined;
    },
    { what: `the portal code caught for ${address}` },
  );
}
