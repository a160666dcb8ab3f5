import {
  ChannelSendError,
  fittedToGsm7,
  type NotificationChannel,
  smsSegments,
} from '../../core/notifications/index.ts';
import { scopeOfAccount, smsAccountFor } from './sms.accounts.ts';
import type { SmsConfig } from './sms.config.ts';
import { type SmsProvider, SmsSendFailure } from './sms.provider.ts';
import { hasOptedOut } from './sms-opt-outs.ts';

/**
 * The outbox's `sms` channel. Each send is claimed as the outbox's attempt (`claim`, with the account,
 * sender and parts) before the provider is called, and the provider's id and cost are returned for the
 * outbox to record with the send: a message is sent once whatever fails between (a timeout,
 * a 5xx, a kill -9), since an attempt that finds a claim with no answer is ambiguous. Its rule
 * (`ambiguousSends`): the provider's delivery report settles an ambiguous text; with none in
 * `SMS_REPORT_WAIT_SECONDS` it never left, and the outbox sends it once more, then gives it up; one a
 * killed process was sending is kept for staff (`cutOff: 'keep'`). A phone that answered
 * STOP to this sender on this account is never texted from it again (undeliverable, `opted_out`).
 */
export function createSmsChannel(deps: {
  config: SmsConfig;
  secretKey: string;
  providers: ReadonlyArray<SmsProvider>;
  /** Bounded time of one provider call (`outsideCallTimeoutMs(config, 'sms')`). */
  timeoutMs: number;
}): NotificationChannel {
  const providerOf = (name: string) => deps.providers.find((p) => p.name === name);
  return {
    name: 'sms',
    // Texts to one phone go in order (one line per recipient); no wait between them.
    pace: { perRecipientMs: 0 },
    // A text whose answer was lost waits for its report, then goes once more; one a dead process was
    // sending is kept for staff (its report may have come while nobody listened: no second text).
    ambiguousSends: { awaitReportMs: deps.config.SMS_REPORT_WAIT_SECONDS * 1000, cutOff: 'keep' },
    configured: async (ctx) => (await smsAccountFor(ctx, deps.config, deps.secretKey)) !== undefined,
    async send(ctx, message, { signal, claim: claimAttempt }) {
      const account = await smsAccountFor(ctx, deps.config, deps.secretKey);
      if (!account)
        throw new ChannelSendError(
          'no SMS account is set up: set AFRICASTALKING_USERNAME and AFRICASTALKING_API_KEY, or the organization’s own',
          {
            undeliverable: 'channel_not_configured',
          },
        );
      const provider = providerOf(account.provider);
      if (!provider)
        throw new ChannelSendError(`no SMS provider named ${account.provider}`, { permanent: true });
      const scope = scopeOfAccount(ctx.orgId, account);
      if (await hasOptedOut(ctx.db, scope, account.senderId ?? '', message.to))
        throw new ChannelSendError('the person answered STOP to this sender', { undeliverable: 'opted_out' });
      const text = fittedToGsm7(message.body);
      if (!claimAttempt)
        throw new ChannelSendError('an SMS is sent only through the outbox', { permanent: true });
      const fit = smsSegments(text);
      const claim = await claimAttempt({
        provider: scope.provider,
        account: scope.username,
        accountOrgId: scope.orgId,
        senderId: account.senderId ?? null,
        encoding: fit.encoding,
        segments: fit.segments,
      });
      if (claim.kind === 'sent') return { providerMessageId: claim.providerMessageId };
      if (claim.kind === 'unknown')
        throw new ChannelSendError(
          'an earlier attempt at this SMS got no answer: it may have reached the phone',
          {
            ambiguous: true,
            detail: { claimed: true },
          },
        );
      try {
        const bounded = AbortSignal.any([signal, AbortSignal.timeout(deps.timeoutMs)]);
        const accepted = await provider.send(account, { to: message.to, text }, { signal: bounded });
        return {
          providerMessageId: accepted.providerMessageId,
          accepted: { providerStatus: accepted.providerStatus, cost: accepted.cost },
        };
      } catch (err) {
        if (!(err instanceof SmsSendFailure)) throw err;
        if (err.kind === 'ambiguous')
          throw new ChannelSendError(err.message, {
            ambiguous: true,
            cause: err,
            detail: { status: err.options.status ?? null },
          });
        throw new ChannelSendError(err.message, {
          permanent: err.options.permanent ?? false,
          // Refused: nothing left, a later attempt may claim it again.
          nothingSent: true,
          cause: Object.assign(new Error(err.message), { code: `sms.${err.options.code ?? 'refused'}` }),
          detail: { status: err.options.status ?? null },
        });
      }
    },
  };
}
