import { z } from 'zod';
import { defineResource, type ResourceDefinition } from '../../../core/resources/index.ts';
import { recordReading } from '../readings.ts';
import { prepaidColumns } from './prepaid-columns.ts';

/** Meter readings, with a CSV import of manual reads. */
export const readingsResource: ResourceDefinition = defineResource({
  name: 'prepaid.readings',
  label: 'prepaid.menu.readings',
  path: '/api/prepaid/console/readings',
  table: 'prepaid_reading',
  idColumn: 'id',
  permission: { read: 'prepaid.meter.read', import: 'prepaid.reading.create' },
  auditSubject: 'prepaid_meter',
  titleColumn: 'meter',
  joins: [{ table: 'prepaid_meter', on: ['prepaid_meter.id', 'prepaid_reading.meter_id'] }],
  columns: [
    prepaidColumns.id,
    prepaidColumns.meter,
    { name: 'readAt', type: 'datetime', label: 'prepaid.fields.readAt', sortable: true, filter: 'range' },
    {
      name: 'kwh',
      sql: 'round(prepaid_reading.register_tenths / 10.0, 1)',
      type: 'number',
      label: 'prepaid.fields.register',
    },
    {
      name: 'source',
      type: 'enum',
      // Where the reading came from (issue 66: "Sold through: Smart meter" read as a sale).
      label: 'prepaid.fields.readingSource',
      options: ['api', 'csv', 'meter'],
      filter: 'enum',
    },
  ],
  defaultSort: { column: 'readAt', order: 'desc' },
  // Manual reads: one row per meter visit (`meterNumber,readAt,registerKwh`).
  import: {
    columns: [
      {
        name: 'meterNumber',
        required: true,
        schema: z
          .string()
          .trim()
          .regex(/^[A-Za-z0-9-]{3,40}$/),
      },
      { name: 'readAt', required: true, schema: z.coerce.date() },
      { name: 'registerKwh', required: true, schema: z.coerce.number().min(0).max(1e11) },
    ],
    createRow: async (ctx, row) => {
      await recordReading(ctx, {
        meterNumber: String(row.meterNumber),
        readAt: row.readAt as Date,
        registerTenths: Math.round(Number(row.registerKwh) * 10),
        source: 'csv',
      });
    },
  },
});
