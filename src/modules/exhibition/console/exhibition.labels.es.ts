import type { exhibitionLabelsEn } from './exhibition.labels.en.ts';

/** The exhibition module's words in the console, in Spanish. */
export const exhibitionLabelsEs: typeof exhibitionLabelsEn = {
  exhibition: {
    menu: { customers: 'Clientes de la feria', bills: 'Cuentas de la feria' },
    fields: {
      id: 'Id',
      code: 'Código',
      name: 'Nombre',
      email: 'Correo',
      phone: 'Teléfono',
      exhibition: 'Feria',
      billCount: 'Cuentas',
      total: 'Total',
      currency: 'Moneda',
      createdAt: 'Creado',
      customer: 'Cliente',
      booth: 'Stand',
      amount: 'Importe',
      description: 'Descripción',
      businessDate: 'Día',
      status: 'Estado',
      voidReason: 'Motivo de anulación',
      duplicateCode: 'Código del duplicado',
      createdBy: 'Cobrado por',
    },
    options: { active: 'Vigente', merge: 'Fusionar un duplicado con este cliente', void: 'Anulada' },
    actions: { void: 'Anular cuenta' },
  },
};
