import { LOCALES, languageOptionLabel } from '../../../core/i18n/index.ts';
import { defineResource, type ResourceDefinition } from '../../../core/resources/index.ts';
import { buyerNameSql } from '../buyer-name.ts';

/** The people who ordered tickets, with how many orders each placed. */
export const buyersResource: ResourceDefinition = defineResource({
  name: 'raffle.buyers',
  label: 'raffle.menu.buyers',
  path: '/api/raffle/console/buyers',
  table: 'raffle_buyer',
  idColumn: 'id',
  quickFind: true,
  permission: { read: 'raffle.buyer.read' },
  auditSubject: 'raffle_buyer',
  columns: [
    { name: 'id', type: 'id', label: 'raffle.fields.id', defaultVisible: false },
    {
      // The profile name, else the WhatsApp number (never a simulator's test key: issue 41, item 12).
      name: 'name',
      sql: buyerNameSql('raffle_buyer'),
      type: 'text',
      label: 'raffle.fields.buyer',
      searchable: true,
      sortable: true,
    },
    { name: 'waId', type: 'text', label: 'raffle.fields.waId', filter: 'eq' },
    {
      name: 'language',
      type: 'enum',
      label: 'raffle.fields.language',
      options: LOCALES,
      optionLabel: languageOptionLabel,
    },
    {
      name: 'orders',
      sql: '(select count(*) from raffle_order o where o.org_id = raffle_buyer.org_id and o.buyer_id = raffle_buyer.id)',
      type: 'number',
      label: 'raffle.fields.orders',
    },
    {
      name: 'createdAt',
      type: 'datetime',
      label: 'raffle.fields.createdAt',
      sortable: true,
      filter: 'range',
    },
  ],
  defaultSort: { column: 'createdAt', order: 'desc' },
});
