import type { NamespaceCatalogs } from '../../core/i18n/index.ts';

/** The words of the e-mails and PDFs customers get, in the module's languages (English, Spanish). */
export const exhibitionMailCatalog: NamespaceCatalogs = {
  en: {
    welcome: {
      subject: 'Your code for {{exhibition}}: {{code}}',
      hello: 'Hello {{name}},',
      intro: 'welcome to {{exhibition}}. Your customer code is {{code}}.',
      show: 'Show the attached QR code (or your badge) at any booth: purchases are added to your tab, and you receive a statement at the end.',
      showInline:
        'Show this QR code (or your badge) at any booth: purchases are added to your tab, and you receive a statement at the end.',
      qrAlt: 'QR code {{code}}',
    },
    statement: {
      subject: 'Your statement for {{exhibition}}',
      hello: 'Hello {{name}},',
      summary: 'your tab at {{exhibition}} (code {{code}}) has {{billCount}} bill(s), total {{total}}.',
      attached: 'The attached PDF lists every bill.',
      money: 'Paid {{paid}}, returned to you {{refunded}}: net paid {{net}}.',
      title: '{{exhibition}}: statement',
      none: 'No bills.',
      total: 'Total ({{billCount}} bills): {{total}}',
      void: 'void: {{reason}}',
      voided: 'voided',
      refunded: 'money returned: {{amount}}',
      refundedTotal: 'Money returned to you: {{total}}',
      paid: 'paid: {{amount}}',
      paidTotal: 'Paid: {{total}}',
      netTotal: 'Net paid: {{total}}',
      leftToPay: 'Left to pay: {{total}}',
    },
    returned: {
      subject: 'Money returned: {{amount}} at {{exhibition}}',
      hello: 'Hello {{name}},',
      body: '{{amount}} was returned to you for "{{bill}}" ({{booth}}) at {{exhibition}}, in {{method}}.',
      reason: 'Reason: {{reason}}',
      cash: 'cash',
    },
  },
  es: {
    welcome: {
      subject: 'Su código para {{exhibition}}: {{code}}',
      hello: 'Hola {{name}}:',
      intro: 'bienvenido/a a {{exhibition}}. Su código de cliente es {{code}}.',
      show: 'Muestre el código QR adjunto (o su acreditación) en cualquier stand: las compras se suman a su cuenta y al final recibe un estado de cuenta.',
      showInline:
        'Muestre este código QR (o su acreditación) en cualquier stand: las compras se suman a su cuenta y al final recibe un estado de cuenta.',
      qrAlt: 'Código QR {{code}}',
    },
    statement: {
      subject: 'Su estado de cuenta de {{exhibition}}',
      hello: 'Hola {{name}}:',
      summary: 'su cuenta en {{exhibition}} (código {{code}}) tiene {{billCount}} cargo(s), total {{total}}.',
      attached: 'El PDF adjunto detalla cada cargo.',
      money: 'Pagado {{paid}}, devuelto {{refunded}}: pagado neto {{net}}.',
      title: '{{exhibition}}: estado de cuenta',
      none: 'Sin cargos.',
      total: 'Total ({{billCount}} cargos): {{total}}',
      void: 'anulado: {{reason}}',
      voided: 'anulado',
      refunded: 'dinero devuelto: {{amount}}',
      refundedTotal: 'Dinero devuelto: {{total}}',
      paid: 'pagado: {{amount}}',
      paidTotal: 'Pagado: {{total}}',
      netTotal: 'Pagado neto: {{total}}',
      leftToPay: 'Queda por pagar: {{total}}',
    },
    returned: {
      subject: 'Dinero devuelto: {{amount}} en {{exhibition}}',
      hello: 'Hola {{name}}:',
      body: 'se le devolvieron {{amount}} por "{{bill}}" ({{booth}}) en {{exhibition}}, en {{method}}.',
      reason: 'Motivo: {{reason}}',
      cash: 'efectivo',
    },
  },
};
