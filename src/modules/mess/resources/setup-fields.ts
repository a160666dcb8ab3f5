import { z } from 'zod';

/** The `createdAt` column of a setup list, hidden by default, labelled from the mess catalog. */
export const created = (name: string) => ({
  name: 'createdAt',
  type: 'datetime' as const,
  label: `mess.fields.${name}`,
  sortable: true,
  defaultVisible: false,
});

/** A calendar day as the setup forms take it. */
export const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected YYYY-MM-DD');
