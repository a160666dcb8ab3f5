import type { NamespaceCatalogs } from '../../i18n/index.ts';

/**
 * The e-mail a member of staff gets when a refund they asked for is turned down by a second person,
 * in every language an operator's staff may read: English, Hindi, Spanish, French and Kinyarwanda.
 */
export const refundRejectedCatalogs: NamespaceCatalogs = {
  en: {
    subject: 'Refund of {{amount}} turned down',
    body: 'The refund you asked for was turned down by {{decidedBy}}.\n\nAmount: {{amount}}\nTo: {{payer}}\nFor: {{record}}\nReason given: {{reason}}\n\nNo money went back and the record stays as it was. You may ask again if something changes.',
    noPayer: 'the payer (no name on record)',
  },
  hi: {
    subject: '{{amount}} की वापसी अस्वीकार',
    body: 'आपने जो वापसी माँगी थी, उसे {{decidedBy}} ने अस्वीकार कर दिया।\n\nराशि: {{amount}}\nकिसे: {{payer}}\nकिसके लिए: {{record}}\nबताया गया कारण: {{reason}}\n\nकोई पैसा वापस नहीं गया और रिकॉर्ड पहले जैसा ही है। कुछ बदले तो आप फिर से माँग सकते हैं।',
    noPayer: 'भुगतानकर्ता (रिकॉर्ड में नाम नहीं)',
  },
  es: {
    subject: 'Reembolso de {{amount}} rechazado',
    body: 'El reembolso que usted pidió fue rechazado por {{decidedBy}}.\n\nImporte: {{amount}}\nA: {{payer}}\nPor: {{record}}\nMotivo indicado: {{reason}}\n\nNo se devolvió dinero y el registro queda como estaba. Puede pedirlo de nuevo si algo cambia.',
    noPayer: 'el pagador (sin nombre registrado)',
  },
  fr: {
    subject: 'Remboursement de {{amount}} refusé',
    body: 'Le remboursement que vous avez demandé a été refusé par {{decidedBy}}.\n\nMontant : {{amount}}\nÀ : {{payer}}\nPour : {{record}}\nMotif donné : {{reason}}\n\nAucun argent n’a été rendu et l’enregistrement reste tel quel. Vous pouvez le redemander si quelque chose change.',
    noPayer: 'le payeur (aucun nom enregistré)',
  },
  rw: {
    subject: 'Gusubiza {{amount}} byanzwe',
    body: 'Gusubiza amafaranga wasabye byanzwe na {{decidedBy}}.\n\nAmafaranga: {{amount}}\nUyasubizwa: {{payer}}\nIcyo yari yishyuriye: {{record}}\nImpamvu yatanzwe: {{reason}}\n\nNta mafaranga yasubijwe kandi inyandiko iguma uko yari iri. Ushobora kongera kubisaba niba hari igihindutse.',
    noPayer: 'uwishyuye (nta zina ryanditswe)',
  },
};
