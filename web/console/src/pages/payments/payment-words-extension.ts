/**
 * The words that name a payment and a refund wherever they are shown (issue 62): who paid or is paid
 * back and for what record (the payments and refunds lists, a record's page, the history), a refund's
 * statuses in its own words ("Paid back", not a payment's "Paid"), and what MTN MoMo and Airtel Money
 * answered (`SUCCESSFUL`, `TIP`) as a person reads it.
 */
import { defineConsoleExtension, type TranslationOf } from '../../extensions/console-extension.ts';

const en = {
  payments: {
    fields: {
      title: 'Payment',
      payerName: 'Paid by',
      payerPhone: 'Payer’s phone',
      reference: 'Payment no.',
      record: 'Pays for',
    },
    paymentTitle: {
      byPayer: 'Payment of %{amount} by %{payer} for %{record}',
      forRecord: 'Payment of %{amount} for %{record}',
    },
    refundFields: { title: 'Refund', reference: 'Refund no.', payer: 'Paid back to', record: 'For' },
    refundTitle: {
      toPayer: 'Refund of %{amount} to %{payer} for %{record}',
      forRecord: 'Refund of %{amount} for %{record}',
    },
    refundStatus: {
      awaiting_approval: 'Waiting for approval',
      pending: 'Queued',
      unknown: 'Outcome unknown, checking',
      sent: 'Sent, checking',
      succeeded: 'Paid back',
      failed: 'Failed',
      rejected: 'Rejected',
    },
    providerStatus: {
      SUCCESSFUL: 'Successful',
      FAILED: 'Failed',
      REJECTED: 'Declined',
      TIMEOUT: 'Timed out',
      PENDING: 'Pending',
      CREATED: 'Created, not answered yet',
      UNKNOWN: 'Unknown',
      RESOURCE_NOT_FOUND: 'Not found at the provider',
      HTTP_404: 'Not found at the provider',
      TS: 'Successful',
      TF: 'Failed',
      TR: 'Reversed',
      TIP: 'In progress',
      TA: 'Unclear, asking again',
    },
  },
};

const es: TranslationOf<typeof en> = {
  payments: {
    fields: {
      title: 'Pago',
      payerName: 'Pagado por',
      payerPhone: 'Teléfono de quien pagó',
      reference: 'N.º de pago',
      record: 'Paga',
    },
    paymentTitle: {
      byPayer: 'Pago de %{amount} de %{payer} por %{record}',
      forRecord: 'Pago de %{amount} por %{record}',
    },
    refundFields: { title: 'Reembolso', reference: 'N.º de reembolso', payer: 'Devuelto a', record: 'Por' },
    refundTitle: {
      toPayer: 'Reembolso de %{amount} a %{payer} por %{record}',
      forRecord: 'Reembolso de %{amount} por %{record}',
    },
    refundStatus: {
      awaiting_approval: 'Esperando aprobación',
      pending: 'En cola',
      unknown: 'Resultado desconocido, comprobando',
      sent: 'Enviado, comprobando',
      succeeded: 'Devuelto',
      failed: 'Fallido',
      rejected: 'Rechazado',
    },
    providerStatus: {
      SUCCESSFUL: 'Exitoso',
      FAILED: 'Fallido',
      REJECTED: 'Rechazado por quien paga',
      TIMEOUT: 'Tiempo agotado',
      PENDING: 'Pendiente',
      CREATED: 'Creado, aún sin respuesta',
      UNKNOWN: 'Desconocido',
      RESOURCE_NOT_FOUND: 'No encontrado en el proveedor',
      HTTP_404: 'No encontrado en el proveedor',
      TS: 'Exitoso',
      TF: 'Fallido',
      TR: 'Revertido',
      TIP: 'En curso',
      TA: 'Sin confirmar, se vuelve a consultar',
    },
  },
};

const hi: TranslationOf<typeof en> = {
  payments: {
    fields: {
      title: 'भुगतान',
      payerName: 'भुगतानकर्ता',
      payerPhone: 'भुगतानकर्ता का फ़ोन',
      reference: 'भुगतान संख्या',
      record: 'किसके लिए',
    },
    paymentTitle: {
      byPayer: '%{record} के लिए %{payer} का %{amount} का भुगतान',
      forRecord: '%{record} के लिए %{amount} का भुगतान',
    },
    refundFields: { title: 'धनवापसी', reference: 'धनवापसी संख्या', payer: 'किसे लौटाया', record: 'किसके लिए' },
    refundTitle: {
      toPayer: '%{record} के लिए %{payer} को %{amount} की धनवापसी',
      forRecord: '%{record} के लिए %{amount} की धनवापसी',
    },
    refundStatus: {
      awaiting_approval: 'मंज़ूरी की प्रतीक्षा',
      pending: 'कतार में',
      unknown: 'परिणाम अज्ञात, जाँच जारी',
      sent: 'भेजा गया, जाँच जारी',
      succeeded: 'लौटा दिया गया',
      failed: 'विफल',
      rejected: 'अस्वीकृत',
    },
    providerStatus: {
      SUCCESSFUL: 'सफल',
      FAILED: 'विफल',
      REJECTED: 'भुगतानकर्ता ने मना किया',
      TIMEOUT: 'समय समाप्त',
      PENDING: 'लंबित',
      CREATED: 'बनाया गया, अभी उत्तर नहीं',
      UNKNOWN: 'अज्ञात',
      RESOURCE_NOT_FOUND: 'प्रदाता के पास नहीं मिला',
      HTTP_404: 'प्रदाता के पास नहीं मिला',
      TS: 'सफल',
      TF: 'विफल',
      TR: 'उलटा गया',
      TIP: 'प्रगति में',
      TA: 'अस्पष्ट, फिर से पूछा जा रहा है',
    },
  },
};

const fr: TranslationOf<typeof en> = {
  payments: {
    fields: {
      title: 'Paiement',
      payerName: 'Payé par',
      payerPhone: 'Téléphone du payeur',
      reference: 'N° de paiement',
      record: 'Paie pour',
    },
    paymentTitle: {
      byPayer: 'Paiement de %{amount} par %{payer} pour %{record}',
      forRecord: 'Paiement de %{amount} pour %{record}',
    },
    refundFields: {
      title: 'Remboursement',
      reference: 'N° de remboursement',
      payer: 'Rendu à',
      record: 'Pour',
    },
    refundTitle: {
      toPayer: 'Remboursement de %{amount} à %{payer} pour %{record}',
      forRecord: 'Remboursement de %{amount} pour %{record}',
    },
    refundStatus: {
      awaiting_approval: 'En attente d’accord',
      pending: 'En file d’attente',
      unknown: 'Issue inconnue, vérification',
      sent: 'Envoyé, vérification',
      succeeded: 'Rendu',
      failed: 'Échoué',
      rejected: 'Refusé',
    },
    providerStatus: {
      SUCCESSFUL: 'Réussi',
      FAILED: 'Échoué',
      REJECTED: 'Refusé par le payeur',
      TIMEOUT: 'Délai dépassé',
      PENDING: 'En attente',
      CREATED: 'Créé, sans réponse encore',
      UNKNOWN: 'Inconnu',
      RESOURCE_NOT_FOUND: 'Introuvable chez le fournisseur',
      HTTP_404: 'Introuvable chez le fournisseur',
      TS: 'Réussi',
      TF: 'Échoué',
      TR: 'Contrepassé',
      TIP: 'En cours',
      TA: 'Incertain, nouvelle demande',
    },
  },
};

const rw: TranslationOf<typeof en> = {
  payments: {
    fields: {
      title: 'Ubwishyu',
      payerName: 'Uwishyuye',
      payerPhone: 'Telefoni y’uwishyuye',
      reference: 'Nimero y’ubwishyu',
      record: 'Icyishyuriwe',
    },
    paymentTitle: {
      byPayer: '%{payer} yishyuye %{amount} kuri %{record}',
      forRecord: 'Hishyuwe %{amount} kuri %{record}',
    },
    refundFields: {
      title: 'Gusubiza amafaranga',
      reference: 'Nimero yo gusubiza',
      payer: 'Usubizwa',
      record: 'Icyari cyishyuriwe',
    },
    refundTitle: {
      toPayer: 'Gusubiza %{payer} %{amount} yishyuriwe %{record}',
      forRecord: 'Gusubiza %{amount} yishyuriwe %{record}',
    },
    refundStatus: {
      awaiting_approval: 'Bitegereje kwemezwa',
      pending: 'Biri ku murongo',
      unknown: 'Ibyavuyemo ntibiramenyekana, biragenzurwa',
      sent: 'Byoherejwe, biragenzurwa',
      succeeded: 'Yasubijwe',
      failed: 'Byanze',
      rejected: 'Byanzwe',
    },
    providerStatus: {
      SUCCESSFUL: 'Byagenze neza',
      FAILED: 'Byanze',
      REJECTED: 'Uwishyura yabyanze',
      TIMEOUT: 'Igihe cyarenze',
      PENDING: 'Biracyategerejwe',
      CREATED: 'Byakozwe, nta gisubizo kiraboneka',
      UNKNOWN: 'Ntibizwi',
      RESOURCE_NOT_FOUND: 'Ntibyabonetse ku utanga serivisi',
      HTTP_404: 'Ntibyabonetse ku utanga serivisi',
      TS: 'Byagenze neza',
      TF: 'Byanze',
      TR: 'Byasubijwe inyuma',
      TIP: 'Biracyakorwa',
      TA: 'Ntibisobanutse, birongera kubazwa',
    },
  },
};

export const paymentWordsExtension = defineConsoleExtension({
  name: 'payment-words',
  messages: { en, es, hi, fr, rw },
});
