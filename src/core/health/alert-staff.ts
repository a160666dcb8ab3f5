import type { JobQueue } from '../../platform/jobs/index.ts';
import { type Role, staffAddresses } from '../auth/index.ts';
import { accountStates } from '../channel-health/index.ts';
import type { Ctx } from '../context/index.ts';
import { formatDateTime, resolveLocale } from '../i18n/index.ts';
import { CHANNELS, type ChannelName, enqueueNotification } from '../notifications/index.ts';
import { getOrganization } from '../orgs/index.ts';
import { channelFailingTemplate } from './channel-alert.template.ts';

/** Who is told that a channel account keeps failing: those who can change the organization's settings. */
export const ALERTED_ROLES: ReadonlyArray<Role> = ['owner', 'admin'];

const isChannelName = (name: string): name is ChannelName =>
  (CHANNELS as ReadonlyArray<string>).includes(name);

/**
 * E-mails the organization's owner and admins that its account of `channel` keeps failing, and why:
 * one message each per run of failures (`alertedAt` names the run in the idempotency key, so a job run
 * twice sends nothing more), and none once a send went out again (the run is over). Answers how many
 * were queued.
 */
export async function alertStaff(
  ctx: Ctx,
  jobs: JobQueue,
  alert: { channel: string; alertedAt: string },
): Promise<number> {
  const state = (await accountStates(ctx)).find((a) => a.channel === alert.channel);
  if (!state?.alertedAt || state.alertedAt.toISOString() !== alert.alertedAt) return 0;
  if (!isChannelName(alert.channel)) return 0;
  const org = await getOrganization(ctx);
  const staff = await staffAddresses(ctx, ALERTED_ROLES);
  for (const person of staff) {
    const locale = resolveLocale(person.locale);
    await enqueueNotification(ctx, jobs, {
      channel: 'email',
      to: person.email,
      template: channelFailingTemplate,
      data: {
        orgName: org.name,
        channel: alert.channel,
        failures: state.failuresInRow,
        since: formatDateTime(state.failingSince ?? state.alertedAt, { locale, timeZone: org.timeZone }),
        cause: state.lastFailure?.message || state.lastFailure?.code || '?',
      },
      locale,
      idempotencyKey: `health.channel_failing:${alert.channel}:${alert.alertedAt}:${person.userId}`,
    });
  }
  return staff.length;
}
