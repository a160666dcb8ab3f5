/** Refunds: the panel on a payment's page (its Refund action) and the words of the refunds list. */
import { defineConsoleExtension, type TranslationOf } from '../../extensions/console-extension.ts';
import RefundPanel from '../../extensions/payments/RefundPanel.tsx';

const en = {
  od: {
    refunds: {
      panel: 'Refunds',
      totals: 'Paid %{paid} · refunded %{refunded} · left to refund %{left}',
      action: 'Refund',
      title: 'Give money back',
      amount: 'Amount (%{currency})',
      left: 'At most %{left}',
      method: 'Paid back by',
      reason: 'Reason (the payer reads it)',
      sending: 'Refunding %{amount} in %{seconds} seconds…',
      undo: 'Undo',
      undone: 'Undone: nothing was refunded',
      sent_ok: 'Refund recorded',
      sent_approval: 'Refund waiting for a second person to approve',
      receipt: 'Receipt',
      from_record: 'Refund from %{record}',
      from_record_why:
        'What this payment paid for says what happens to it when the money goes back, so it is refunded from its page.',
      its_record: 'what it paid for',
    },
  },
  payments: {
    menu: { refunds: 'Refunds' },
    refundFields: {
      amount: 'Refunded',
      method: 'Paid back by',
      status: 'Status',
      reason: 'Reason',
      payment: 'Payment',
      attempt: 'Attempt',
      failureReason: 'Why it failed',
      providerReference: 'Provider reference',
      succeededAt: 'Paid back',
    },
    refundActions: { approve: 'Approve', reject: 'Reject', retry: 'Retry' },
    options: {
      cash: 'Cash',
      awaiting_approval: 'Waiting for approval',
      unknown: 'Outcome unknown, checking',
      sent: 'Sent, checking',
      rejected: 'Rejected',
    },
  },
};

const es: TranslationOf<typeof en> = {
  od: {
    refunds: {
      panel: 'Reembolsos',
      totals: 'Pagado %{paid} · reembolsado %{refunded} · queda por reembolsar %{left}',
      action: 'Reembolsar',
      title: 'Devolver dinero',
      amount: 'Monto (%{currency})',
      left: 'Como máximo %{left}',
      method: 'Devuelto por',
      reason: 'Motivo (lo lee quien pagó)',
      sending: 'Reembolsando %{amount} en %{seconds} segundos…',
      undo: 'Deshacer',
      undone: 'Deshecho: no se reembolsó nada',
      sent_ok: 'Reembolso registrado',
      sent_approval: 'El reembolso espera la aprobación de una segunda persona',
      receipt: 'Recibo',
      from_record: 'Reembolsar desde %{record}',
      from_record_why:
        'Lo que este pago pagó dice qué le pasa cuando se devuelve el dinero, así que se reembolsa desde su página.',
      its_record: 'lo que pagó',
    },
  },
  payments: {
    menu: { refunds: 'Reembolsos' },
    refundFields: {
      amount: 'Reembolsado',
      method: 'Devuelto por',
      status: 'Estado',
      reason: 'Motivo',
      payment: 'Pago',
      attempt: 'Intento',
      failureReason: 'Por qué falló',
      providerReference: 'Referencia del proveedor',
      succeededAt: 'Devuelto',
    },
    refundActions: { approve: 'Aprobar', reject: 'Rechazar', retry: 'Reintentar' },
    options: {
      cash: 'Efectivo',
      awaiting_approval: 'Esperando aprobación',
      unknown: 'Resultado desconocido, comprobando',
      sent: 'Enviado, comprobando',
      rejected: 'Rechazado',
    },
  },
};

const hi: TranslationOf<typeof en> = {
  od: {
    refunds: {
      panel: 'धनवापसी',
      totals: 'भुगतान %{paid} · वापस %{refunded} · वापस करने को बचा %{left}',
      action: 'पैसा वापस करें',
      title: 'पैसा वापस करें',
      amount: 'राशि (%{currency})',
      left: 'अधिकतम %{left}',
      method: 'वापसी का तरीका',
      reason: 'कारण (भुगतान करने वाला इसे पढ़ेगा)',
      sending: '%{amount} %{seconds} सेकंड में वापस किए जा रहे हैं…',
      undo: 'पूर्ववत करें',
      undone: 'पूर्ववत: कुछ भी वापस नहीं किया गया',
      sent_ok: 'धनवापसी दर्ज हुई',
      sent_approval: 'धनवापसी दूसरे व्यक्ति की मंज़ूरी की प्रतीक्षा में है',
      receipt: 'रसीद',
      from_record: '%{record} से रिफ़ंड करें',
      from_record_why:
        'यह भुगतान जिसके लिए हुआ था, वही बताता है कि पैसा लौटने पर उसका क्या होगा, इसलिए रिफ़ंड उसी के पेज से होता है।',
      its_record: 'जिसके लिए भुगतान हुआ',
    },
  },
  payments: {
    menu: { refunds: 'धनवापसी' },
    refundFields: {
      amount: 'वापस की गई राशि',
      method: 'वापसी का तरीका',
      status: 'स्थिति',
      reason: 'कारण',
      payment: 'भुगतान',
      attempt: 'प्रयास',
      failureReason: 'विफल क्यों हुआ',
      providerReference: 'प्रदाता संदर्भ',
      succeededAt: 'वापस किया गया',
    },
    refundActions: { approve: 'मंज़ूर करें', reject: 'अस्वीकार करें', retry: 'फिर से भेजें' },
    options: {
      cash: 'नकद',
      awaiting_approval: 'मंज़ूरी की प्रतीक्षा',
      unknown: 'परिणाम अज्ञात, जाँच जारी',
      sent: 'भेजा गया, जाँच जारी',
      rejected: 'अस्वीकृत',
    },
  },
};

const fr: TranslationOf<typeof en> = {
  od: {
    refunds: {
      panel: 'Remboursements',
      totals: 'Payé %{paid} · remboursé %{refunded} · reste à rembourser %{left}',
      action: 'Rembourser',
      title: 'Rendre de l’argent',
      amount: 'Montant (%{currency})',
      left: 'Au plus %{left}',
      method: 'Rendu par',
      reason: 'Motif (le payeur le lit)',
      sending: 'Remboursement de %{amount} dans %{seconds} secondes…',
      undo: 'Annuler',
      undone: 'Annulé : rien n’a été remboursé',
      sent_ok: 'Remboursement enregistré',
      sent_approval: 'Le remboursement attend l’accord d’une deuxième personne',
      receipt: 'Reçu',
      from_record: 'Rembourser depuis %{record}',
      from_record_why:
        'Ce que ce paiement a payé dit ce qu’il devient quand l’argent est rendu : le remboursement se fait depuis sa page.',
      its_record: 'ce qu’il a payé',
    },
  },
  payments: {
    menu: { refunds: 'Remboursements' },
    refundFields: {
      amount: 'Remboursé',
      method: 'Rendu par',
      status: 'État',
      reason: 'Motif',
      payment: 'Paiement',
      attempt: 'Tentative',
      failureReason: 'Pourquoi il a échoué',
      providerReference: 'Référence du fournisseur',
      succeededAt: 'Rendu le',
    },
    refundActions: { approve: 'Approuver', reject: 'Refuser', retry: 'Réessayer' },
    options: {
      cash: 'Espèces',
      awaiting_approval: 'En attente d’accord',
      unknown: 'Issue inconnue, vérification',
      sent: 'Envoyé, vérification',
      rejected: 'Refusé',
    },
  },
};

const rw: TranslationOf<typeof en> = {
  od: {
    refunds: {
      panel: 'Amafaranga yasubijwe',
      totals: 'Yishyuwe %{paid} · yasubijwe %{refunded} · asigaye gusubizwa %{left}',
      action: 'Subiza amafaranga',
      title: 'Gusubiza amafaranga',
      amount: 'Amafaranga (%{currency})',
      left: 'Ntarengwa %{left}',
      method: 'Asubizwa binyuze kuri',
      reason: 'Impamvu (uwishyuye arayisoma)',
      sending: 'Gusubiza %{amount} mu masegonda %{seconds}…',
      undo: 'Hagarika',
      undone: 'Byahagaritswe: nta mafaranga yasubijwe',
      sent_ok: 'Gusubiza byanditswe',
      sent_approval: 'Gusubiza bitegereje ko undi muntu abyemeza',
      receipt: 'Inyemezabwishyu',
      from_record: 'Subiza amafaranga uhereye kuri %{record}',
      from_record_why:
        'Icyo ubu bwishyu bwishyuriye ni cyo kivuga uko kigenda iyo amafaranga asubijwe, bityo asubizwa uhereye ku rupapuro rwacyo.',
      its_record: 'icyo bwishyuriye',
    },
  },
  payments: {
    menu: { refunds: 'Amafaranga yasubijwe' },
    refundFields: {
      amount: 'Yasubijwe',
      method: 'Asubizwa binyuze kuri',
      status: 'Uko bihagaze',
      reason: 'Impamvu',
      payment: 'Ubwishyu',
      attempt: 'Inshuro',
      failureReason: 'Impamvu byanze',
      providerReference: 'Nimero y’utanga serivisi',
      succeededAt: 'Yasubijwe ku wa',
    },
    refundActions: { approve: 'Emeza', reject: 'Anga', retry: 'Ongera ugerageze' },
    options: {
      cash: 'Amafaranga mu ntoki',
      awaiting_approval: 'Bitegereje kwemezwa',
      unknown: 'Ibyavuyemo ntibiramenyekana, biragenzurwa',
      sent: 'Byoherejwe, biragenzurwa',
      rejected: 'Byanzwe',
    },
  },
};

export const refundsExtension = defineConsoleExtension({
  name: 'refunds',
  recordPanels: [
    {
      id: 'payments.refunds',
      resource: 'payments.payments',
      permission: 'payments.refund.read',
      // In the main bundle already: the console kit hands it to modules (a raffle order's page).
      component: RefundPanel,
    },
  ],
  messages: { en, es, hi, fr, rw },
});
