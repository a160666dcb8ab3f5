import { type AreaDeps, defineArea } from '../../core/modules/index.ts';
import {
  createWhatsAppAccounts,
  WHATSAPP_CLAIMED_SETTINGS,
  WHATSAPP_SECRET_SETTINGS,
  type WhatsAppAccounts,
} from './whatsapp.accounts.ts';
import { createWhatsAppChannel } from './whatsapp.channel.ts';
import { type WhatsAppConfig, whatsappConfigSchema } from './whatsapp.config.ts';
import { WhatsAppErrors } from './whatsapp.errors.ts';
import { whatsappRoutes } from './whatsapp.routes.ts';

interface WhatsAppArea {
  deps: AreaDeps;
  accounts: WhatsAppAccounts;
  config: WhatsAppConfig;
}

/** The WhatsApp Cloud API channel: webhook routes and the chat channel (replies, staff messages, notifications). */
export const whatsappArea = defineArea<WhatsAppArea, WhatsAppConfig>({
  name: 'whatsapp',
  config: whatsappConfigSchema,
  secretSettings: WHATSAPP_SECRET_SETTINGS,
  claimedSettings: WHATSAPP_CLAIMED_SETTINGS,
  errors: [WhatsAppErrors],
  start: (deps, config) => ({
    deps,
    config,
    accounts: createWhatsAppAccounts(deps.database.db, deps.config),
  }),
  chatChannels: ({ deps, accounts, config }) => [
    createWhatsAppChannel({ accounts, config: deps.config, flow: config.WHATSAPP_FLOW }),
  ],
  routes:
    ({ deps, accounts }) =>
    async (app) =>
      app.register(whatsappRoutes, { deps, accounts }),
});
