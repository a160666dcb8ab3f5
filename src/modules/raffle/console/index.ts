/**
 * The raffle module in the console: its words (English and Spanish) and the ticket grid page.
 * Lists, filters, exports and the confirm/deny/cancel actions come from the generic resource
 * screens the server declares (`raffle.resources.ts`). Browser code: it imports the console kit,
 * never the module's server files.
 */
import { lazy } from 'react';
import { defineConsoleExtension } from '../../../../web/console/src/extensions/index.ts';
import { raffleErrorMessages } from '../browser.ts';
import { raffleLabelsEn } from './raffle.labels.en.ts';
import { raffleLabelsEs } from './raffle.labels.es.ts';

export default defineConsoleExtension({
  name: 'raffle',
  messages: { en: raffleLabelsEn, es: raffleLabelsEs },
  errors: { en: raffleErrorMessages.en, es: raffleErrorMessages.es },
  pages: [
    {
      path: '/raffle/grid',
      label: 'raffle.menu.grid',
      permission: 'raffle.ticket.read',
      component: lazy(() => import('./TicketGridPage.tsx')),
    },
  ],
});
