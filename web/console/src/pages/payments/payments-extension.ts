/** The payment review queue (every module's proofs) and the words of payment states. */
import FactCheckIcon from '@mui/icons-material/FactCheck';
import { lazy } from 'react';
import { defineConsoleExtension, type TranslationOf } from '../../extensions/console-extension.ts';
import PaymentRecordPanel from '../../extensions/payments/PaymentReviewPanel.tsx';
import { platformExtensionsFr } from '../../i18n/platform-extensions.fr.ts';
import { platformExtensionsRw } from '../../i18n/platform-extensions.rw.ts';

const en = {
  od: {
    review: {
      menu: 'Review payments',
      panel: 'Payment',
      title: 'Payments to review',
      position: '%{at} of %{total}',
      position_empty: 'Nothing waiting',
      empty: 'No proof is waiting for a decision.',
      previous: 'Previous',
      next: 'Next',
      amount: 'Amount',
      pays_for: 'Pays for',
      payer: 'Paid by',
      reference: 'Reference',
      submitted: 'Sent',
      verify: 'Verify',
      deny: 'Deny',
      reason: 'Why it is denied (the payer reads this)',
      verified: 'Payment verified',
      denied: 'Proof denied',
      no_proof: 'No proof file was sent with this payment.',
      keys: 'Keys: V verify · D deny · U undo · J next · K previous',
      verifying: 'Verifying this payment in %{seconds} seconds…',
      denying: 'Denying this proof in %{seconds} seconds…',
      undo: 'Undo',
      undone: 'Undone: nothing was sent',
      this_proof: 'This proof',
      earlier_proof: 'Earlier payment with the same picture or reference',
      duplicate_warning:
        'This proof looks like an earlier payment (same picture or reference) |||| This proof looks like %{smart_count} earlier payments (same picture or reference)',
    },
  },
  payments: {
    options: {
      submitted: 'Waiting for review',
      verified: 'Verified',
      denied: 'Denied',
      recorded: 'Recorded',
      voided: 'Voided',
      pending: 'Pending',
      ambiguous: 'Unclear, checking',
      succeeded: 'Paid',
      failed: 'Failed',
      mismatch: 'Amount differs',
      proof: 'Proof',
      manual: 'Manual',
      momo: 'MTN MoMo',
      airtel: 'Airtel Money',
    },
  },
};

const es: TranslationOf<typeof en> = {
  od: {
    review: {
      menu: 'Revisar pagos',
      panel: 'Pago',
      title: 'Pagos por revisar',
      position: '%{at} de %{total}',
      position_empty: 'Nada pendiente',
      empty: 'No hay comprobantes esperando una decisión.',
      previous: 'Anterior',
      next: 'Siguiente',
      amount: 'Monto',
      pays_for: 'Paga',
      payer: 'Pagado por',
      reference: 'Referencia',
      submitted: 'Enviado',
      verify: 'Verificar',
      deny: 'Rechazar',
      reason: 'Motivo del rechazo (lo lee quien pagó)',
      verified: 'Pago verificado',
      denied: 'Comprobante rechazado',
      no_proof: 'Este pago no trae comprobante.',
      keys: 'Teclas: V verificar · D rechazar · U deshacer · J siguiente · K anterior',
      verifying: 'Verificando este pago en %{seconds} segundos…',
      denying: 'Rechazando este comprobante en %{seconds} segundos…',
      undo: 'Deshacer',
      undone: 'Deshecho: no se envió nada',
      this_proof: 'Este comprobante',
      earlier_proof: 'Pago anterior con la misma imagen o referencia',
      duplicate_warning:
        'Este comprobante se parece a un pago anterior (misma imagen o referencia) |||| Este comprobante se parece a %{smart_count} pagos anteriores (misma imagen o referencia)',
    },
  },
  payments: {
    options: {
      submitted: 'Por revisar',
      verified: 'Verificado',
      denied: 'Rechazado',
      recorded: 'Registrado',
      voided: 'Anulado',
      pending: 'Pendiente',
      ambiguous: 'Sin confirmar, consultando',
      succeeded: 'Pagado',
      failed: 'Fallido',
      mismatch: 'Monto distinto',
      proof: 'Comprobante',
      manual: 'Manual',
      momo: 'MTN MoMo',
      airtel: 'Airtel Money',
    },
  },
};

const hi: TranslationOf<typeof en> = {
  od: {
    review: {
      menu: 'भुगतान जाँचें',
      panel: 'भुगतान',
      title: 'जाँच के लिए भुगतान',
      position: '%{total} में से %{at}',
      position_empty: 'कुछ बाकी नहीं',
      empty: 'कोई प्रमाण निर्णय की प्रतीक्षा में नहीं है।',
      previous: 'पिछला',
      next: 'अगला',
      amount: 'राशि',
      pays_for: 'किसके लिए',
      payer: 'भुगतानकर्ता',
      reference: 'संदर्भ',
      submitted: 'भेजा गया',
      verify: 'सत्यापित करें',
      deny: 'अस्वीकार करें',
      reason: 'अस्वीकार का कारण (भुगतानकर्ता इसे पढ़ेगा)',
      verified: 'भुगतान सत्यापित',
      denied: 'प्रमाण अस्वीकृत',
      no_proof: 'इस भुगतान के साथ कोई प्रमाण नहीं भेजा गया।',
      keys: 'कुंजियाँ: V सत्यापित · D अस्वीकार · U पूर्ववत · J अगला · K पिछला',
      verifying: 'यह भुगतान %{seconds} सेकंड में सत्यापित होगा…',
      denying: 'यह प्रमाण %{seconds} सेकंड में अस्वीकार होगा…',
      undo: 'पूर्ववत करें',
      undone: 'पूर्ववत: कुछ नहीं भेजा गया',
      this_proof: 'यह प्रमाण',
      earlier_proof: 'उसी चित्र या संदर्भ वाला पिछला भुगतान',
      duplicate_warning:
        'यह प्रमाण पिछले एक भुगतान जैसा है (वही चित्र या संदर्भ) |||| यह प्रमाण पिछले %{smart_count} भुगतानों जैसा है (वही चित्र या संदर्भ)',
    },
  },
  payments: {
    options: {
      submitted: 'जाँच बाकी',
      verified: 'सत्यापित',
      denied: 'अस्वीकृत',
      recorded: 'दर्ज',
      voided: 'रद्द',
      pending: 'लंबित',
      ambiguous: 'अस्पष्ट, जाँच जारी',
      succeeded: 'भुगतान हुआ',
      failed: 'विफल',
      mismatch: 'राशि अलग',
      proof: 'प्रमाण',
      manual: 'मैनुअल',
      momo: 'MTN MoMo',
      airtel: 'Airtel Money',
    },
  },
};

export const paymentsExtension = defineConsoleExtension({
  name: 'payments',
  pages: [
    {
      path: '/payments/review',
      label: 'od.review.menu',
      icon: FactCheckIcon,
      permission: 'payments.payment.verify',
      component: lazy(() => import('./ReviewQueuePage.tsx')),
    },
  ],
  recordPanels: [
    {
      id: 'payments.review',
      resource: 'payments.payments',
      permission: 'payments.payment.read',
      // In the main bundle already: the console kit hands its review panel to modules (a raffle order's).
      component: PaymentRecordPanel,
    },
  ],
  messages: { en, es, hi, fr: platformExtensionsFr.payments, rw: platformExtensionsRw.payments },
});
