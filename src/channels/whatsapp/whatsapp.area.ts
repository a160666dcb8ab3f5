import { defineArea, type ModuleDeps } from '../../core/modules/index.ts';
import {
  createWhatsAppAccounts,
  WHATSAPP_CLAIMED_SETTINGS,
  WHATSAPP_SECRET_SETTINGS,
  type WhatsAppAccounts,
} from './whatsapp.accounts.ts';
import { createWhatsAppChannel } from './whatsapp.channel.ts';
import { WhatsAppErrors } from './whatsapp.errors.ts';
import { whatsappRoutes } from './whatsapp.routes.ts';

interface WhatsAppArea {
  deps: ModuleDeps;
  accounts: WhatsAppAccounts;
}

/** The WhatsApp Cloud API channel: webhook routes and the chat channel (replies, staff messages, notifications). */
export const whatsappArea = defineArea<WhatsAppArea>({
  name: 'whatsapp',
  secretSettings: WHATSAPP_SECRET_SETTINGS,
  claimedSettings: WHATSAPP_CLAIMED_SETTINGS,
  errors: [WhatsAppErrors],
  start: (deps) => ({ deps, accounts: createWhatsAppAccounts(deps.database.db, deps.config) }),
  chatChannels: ({ deps, accounts }) => [createWhatsAppChannel({ accounts, config: deps.config })],
  routes:
    ({ deps, accounts }) =>
    async (app) =>
      app.register(whatsappRoutes, { deps, accounts }),
});
