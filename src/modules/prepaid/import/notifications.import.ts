import type { ImportModel } from '../../../core/imports/index.ts';

/**
 * `notifications.notification`: messages the original already showed its customers (a purchase, a
 * low balance, a meter request decided). Counted and skipped, so the report accounts for every
 * record: Opsdesk sends its own from the switch on, and nothing is sent again.
 */
export const notificationsImport: ImportModel<never> = {
  model: 'notifications.notification',
  label: 'notifications',
  foreignKeys: ['user', 'meter'],
  async begin() {
    return {
      parse: () => ({
        skipped: 'a message the original already showed; Opsdesk sends its own from the switch on',
      }),
      write: async () => [],
    };
  },
};
