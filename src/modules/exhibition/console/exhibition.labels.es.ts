import type { exhibitionLabelsEn } from './exhibition.labels.en.ts';

/** The exhibition module's words in the console, in Spanish. */
export const exhibitionLabelsEs: typeof exhibitionLabelsEn = {
  exhibition: {
    retention: { customer_contacts: 'Correo y teléfono de los clientes tras la exposición' },
    menu: {
      customers: 'Clientes de la feria',
      bills: 'Cuentas de la feria',
      statements: 'Estados de cuenta de la feria',
    },
    statements: {
      intro:
        'Al final de la feria, envíe a cada cliente su estado de cuenta: cada cuenta y el total. Quien ya lo recibió se omite.',
      start: 'Enviar todos los estados de cuenta',
      running: 'Enviando estados de cuenta',
      done: 'Envío terminado',
      counts: '%{queued} de %{total} en cola · %{sent} enviados · %{pending} en espera · %{failed} fallidos',
      failures: 'No entregados (revise la dirección y envíe desde el cliente)',
      attemptsHeader: 'Intentos',
      status: { dead: 'Abandonado tras reintentos', undeliverable: 'Dirección no válida' },
    },
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
    options: { active: 'Vigente', void: 'Anulada' },
    actions: { merge: 'Fusionar un duplicado con este cliente', void: 'Anular cuenta' },
  },
};
