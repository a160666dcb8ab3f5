import type { Ctx } from '../../core/context/index.ts';
import { missingChatTemplates } from '../../core/conversations/index.ts';
import type { AreaDeps } from '../../core/modules/index.ts';
import { getOrganization } from '../../core/orgs/index.ts';
import { raffleTemplates } from './raffle.notifications.ts';

/** The languages the raffle's messages are written in. */
const RAFFLE_LANGUAGES = ['es', 'en'];

/**
 * Each raffle message the business starts, with the approved WhatsApp template it needs outside
 * the buyer's 24-hour window, and the organization's languages it has no such template in (without
 * one, that message cannot reach a buyer who has not written for a day).
 */
export async function raffleWhatsAppTemplates(ctx: Ctx, deps: Pick<AreaDeps, 'declared'>) {
  const whatsapp = deps.declared.chatChannels().find((c) => c.name === 'whatsapp');
  if (!whatsapp) return [];
  const { languages } = await getOrganization(ctx);
  const spoken = languages.filter((l) => RAFFLE_LANGUAGES.includes(l));
  const report = await missingChatTemplates(ctx, whatsapp, raffleTemplates, spoken.length ? spoken : ['es']);
  return report.map(({ key, ...rest }) => ({ template: key, ...rest }));
}
