import type { NamespaceCatalogs } from '../../core/i18n/index.ts';

/**
 * Messages the mess module sends outside a conversation (notifications), in the five languages: the
 * Telegram ones, and the SMS ones (`sms_*`, to a student without Telegram, within two parts).
 */
export const messNotifyCatalog: NamespaceCatalogs = {
  en: {
    approved:
      'Hello {{name}}, your mess registration is approved. This QR is your meal pass: show it at the counter. "Show QR" in the bot brings it back any time.',
    scan_receipt: '{{meal}} scanned at {{time}}',
    pass_renewed:
      'Hello {{name}}, your meal pass has been renewed. Show this QR at the counter from now on; the old one stops working soon.',
    denied: 'Hello {{name}}, your mess registration was not approved. {{reason}}',
    suspended: 'Hello {{name}}, your mess access is suspended. {{reason}}',
    payment_verified: 'Your payment of {{amount}} for {{cycle}} is verified. Thank you!',
    payment_denied: 'Your payment proof for {{cycle}} was not accepted: {{reason}}',
    payment_refunded: '{{amount}} of your mess fee for {{cycle}} was paid back to you. Reason: {{reason}}',
    new_registration: 'New registration: {{name}}, roll {{roll}}, room {{room}}.',
    new_payment: 'Payment proof from {{name}} (roll {{roll}}): {{amount}} for {{cycle}}.{{duplicate}}',
    fee_reminder:
      'Hello {{name}}, your mess fee for {{cycle}} is not fully paid: {{balance}} is due. Open the bot and tap "Upload payment" to send the screenshot.',
    duplicate: ' ⚠ Looks like a proof used before.',
    sms_approved:
      'Hello {{name}}, your mess registration is approved. At the counter, give your roll number {{roll}}.',
    sms_approved_link: 'Hello {{name}}, your mess registration is approved. Your meal pass: {{link}}',
    sms_denied: 'Hello {{name}}, your mess registration was not approved. {{reason}}',
    sms_payment_verified: 'Mess: your payment of {{amount}} for {{cycle}} is verified. Thank you!',
    sms_payment_denied: 'Mess: your payment proof for {{cycle}} was not accepted: {{reason}}',
    sms_payment_refunded:
      'Mess: {{amount}} of your fee for {{cycle}} was paid back to you. Reason: {{reason}}',
    sms_fee_reminder:
      'Hello {{name}}, your mess fee for {{cycle}} is not fully paid: {{balance}} is due. Please pay at the mess office.',
  },
  hi: {
    approved:
      'नमस्ते {{name}}, आपका मेस पंजीकरण स्वीकृत हो गया है। यह QR आपका भोजन पास है: इसे काउंटर पर दिखाएँ। बॉट में "QR दिखाएँ" से यह कभी भी फिर मिल जाएगा।',
    scan_receipt: '{{meal}} {{time}} बजे स्कैन हुआ',
    pass_renewed:
      'नमस्ते {{name}}, आपका भोजन पास नया कर दिया गया है। अब से काउंटर पर यह QR दिखाएँ; पुराना जल्द ही काम करना बंद कर देगा।',
    denied: 'नमस्ते {{name}}, आपका मेस पंजीकरण स्वीकृत नहीं हुआ। {{reason}}',
    suspended: 'नमस्ते {{name}}, आपकी मेस सुविधा निलंबित है। {{reason}}',
    payment_verified: '{{cycle}} के लिए आपका {{amount}} का भुगतान सत्यापित हो गया। धन्यवाद!',
    payment_denied: '{{cycle}} के लिए आपका भुगतान प्रमाण स्वीकार नहीं हुआ: {{reason}}',
    payment_refunded: '{{cycle}} के मेस शुल्क में से {{amount}} आपको वापस कर दिए गए। कारण: {{reason}}',
    new_registration: 'नया पंजीकरण: {{name}}, रोल {{roll}}, कमरा {{room}}।',
    new_payment: '{{name}} (रोल {{roll}}) का भुगतान प्रमाण: {{cycle}} के लिए {{amount}}।{{duplicate}}',
    fee_reminder:
      'नमस्ते {{name}}, {{cycle}} का आपका मेस शुल्क पूरा जमा नहीं हुआ है: {{balance}} बकाया है। बॉट खोलें और "भुगतान भेजें" दबाकर स्क्रीनशॉट भेजें।',
    duplicate: ' ⚠ यह प्रमाण पहले भी इस्तेमाल हुआ लगता है।',
    sms_approved: 'नमस्ते {{name}}, आपका मेस पंजीकरण स्वीकृत हो गया। काउंटर पर अपना रोल नंबर {{roll}} बताएँ।',
    sms_approved_link: 'नमस्ते {{name}}, आपका मेस पंजीकरण स्वीकृत हुआ। भोजन पास: {{link}}',
    sms_denied: 'नमस्ते {{name}}, आपका मेस पंजीकरण स्वीकृत नहीं हुआ। {{reason}}',
    sms_payment_verified: 'मेस: {{cycle}} के लिए आपका {{amount}} का भुगतान सत्यापित हो गया। धन्यवाद!',
    sms_payment_denied: 'मेस: {{cycle}} के लिए आपका भुगतान प्रमाण स्वीकार नहीं हुआ: {{reason}}',
    sms_payment_refunded: 'मेस: {{cycle}} के शुल्क में से {{amount}} आपको वापस कर दिए गए। कारण: {{reason}}',
    sms_fee_reminder:
      'नमस्ते {{name}}, {{cycle}} का आपका मेस शुल्क पूरा जमा नहीं हुआ: {{balance}} बकाया है। कृपया मेस कार्यालय में भुगतान करें।',
  },
  es: {
    approved:
      'Hola {{name}}, tu inscripción al comedor fue aprobada. Este QR es tu pase de comida: muéstralo en el mostrador. "Mostrar QR" en el bot lo trae de nuevo cuando quieras.',
    scan_receipt: '{{meal}} escaneado a las {{time}}',
    pass_renewed:
      'Hola {{name}}, tu pase de comida fue renovado. Desde ahora muestra este QR en el mostrador; el anterior dejará de funcionar pronto.',
    denied: 'Hola {{name}}, tu inscripción al comedor no fue aprobada. {{reason}}',
    suspended: 'Hola {{name}}, tu acceso al comedor está suspendido. {{reason}}',
    payment_verified: 'Tu pago de {{amount}} para {{cycle}} fue verificado. ¡Gracias!',
    payment_denied: 'Tu comprobante de pago para {{cycle}} no fue aceptado: {{reason}}',
    payment_refunded: 'Se te devolvieron {{amount}} de tu cuota del comedor de {{cycle}}. Motivo: {{reason}}',
    new_registration: 'Nueva inscripción: {{name}}, matrícula {{roll}}, habitación {{room}}.',
    new_payment:
      'Comprobante de pago de {{name}} (matrícula {{roll}}): {{amount}} para {{cycle}}.{{duplicate}}',
    fee_reminder:
      'Hola {{name}}, tu cuota del comedor de {{cycle}} no está pagada del todo: debes {{balance}}. Abre el bot y toca "Subir pago" para enviar la captura.',
    duplicate: ' ⚠ Parece un comprobante ya usado.',
    sms_approved:
      'Hola {{name}}, tu inscripción al comedor fue aprobada. En el mostrador, da tu número de matrícula {{roll}}.',
    sms_approved_link: 'Hola {{name}}, tu inscripción al comedor fue aprobada. Tu pase de comida: {{link}}',
    sms_denied: 'Hola {{name}}, tu inscripción al comedor no fue aprobada. {{reason}}',
    sms_payment_verified: 'Comedor: tu pago de {{amount}} para {{cycle}} fue verificado. ¡Gracias!',
    sms_payment_denied: 'Comedor: tu comprobante de pago para {{cycle}} no fue aceptado: {{reason}}',
    sms_payment_refunded:
      'Comedor: se te devolvieron {{amount}} de tu cuota de {{cycle}}. Motivo: {{reason}}',
    sms_fee_reminder:
      'Hola {{name}}, tu cuota del comedor de {{cycle}} no está pagada del todo: debes {{balance}}. Paga en la oficina del comedor.',
  },
  fr: {
    approved:
      'Bonjour {{name}}, votre inscription à la cantine est approuvée. Ce QR est votre pass repas : montrez-le au comptoir. « Afficher le QR » dans le bot le redonne à tout moment.',
    scan_receipt: '{{meal}} scanné à {{time}}',
    pass_renewed:
      "Bonjour {{name}}, votre pass repas a été renouvelé. Montrez désormais ce QR au comptoir ; l'ancien cessera bientôt de fonctionner.",
    denied: "Bonjour {{name}}, votre inscription à la cantine n'a pas été approuvée. {{reason}}",
    suspended: 'Bonjour {{name}}, votre accès à la cantine est suspendu. {{reason}}',
    payment_verified: 'Votre paiement de {{amount}} pour {{cycle}} est vérifié. Merci !',
    payment_denied: "Votre preuve de paiement pour {{cycle}} n'a pas été acceptée : {{reason}}",
    payment_refunded:
      '{{amount}} de vos frais de cantine pour {{cycle}} vous ont été remboursés. Motif : {{reason}}',
    new_registration: 'Nouvelle inscription : {{name}}, numéro {{roll}}, chambre {{room}}.',
    new_payment: 'Preuve de paiement de {{name}} (numéro {{roll}}) : {{amount}} pour {{cycle}}.{{duplicate}}',
    fee_reminder:
      'Bonjour {{name}}, vos frais de cantine pour {{cycle}} ne sont pas entièrement payés : il reste {{balance}} à payer. Ouvrez le bot et touchez « Envoyer un paiement » pour envoyer la capture.',
    duplicate: ' ⚠ Cette preuve semble déjà utilisée.',
    sms_approved:
      "Bonjour {{name}}, votre inscription à la cantine est approuvée. Au comptoir, donnez votre numéro d'étudiant {{roll}}.",
    sms_approved_link:
      'Bonjour {{name}}, votre inscription à la cantine est approuvée. Votre ticket repas : {{link}}',
    sms_denied: "Bonjour {{name}}, votre inscription à la cantine n'a pas été approuvée. {{reason}}",
    sms_payment_verified: 'Cantine : votre paiement de {{amount}} pour {{cycle}} est vérifié. Merci !',
    sms_payment_denied: "Cantine : votre preuve de paiement pour {{cycle}} n'a pas été acceptée : {{reason}}",
    sms_payment_refunded:
      'Cantine : {{amount}} de vos frais pour {{cycle}} vous ont été remboursés. Motif : {{reason}}',
    sms_fee_reminder:
      'Bonjour {{name}}, vos frais de cantine pour {{cycle}} ne sont pas entièrement payés : il reste {{balance}} à payer. Payez au bureau de la cantine.',
  },
  rw: {
    approved:
      'Muraho {{name}}, kwiyandikisha kwawe muri resitora byemejwe. Iyi QR ni ikarita yawe yo kurya: yerekane aho bafatira ibiryo. "Erekana QR" muri bot iyigarura igihe cyose.',
    scan_receipt: '{{meal}} yasikanywe saa {{time}}',
    pass_renewed:
      'Muraho {{name}}, ikarita yawe yo kurya yavuguruwe. Guhera ubu erekana iyi QR aho bafatira ibiryo; iya kera izahita ireka gukora.',
    denied: 'Muraho {{name}}, kwiyandikisha kwawe muri resitora ntibyemejwe. {{reason}}',
    suspended: 'Muraho {{name}}, uburenganzira bwawe bwo kurya muri resitora bwahagaritswe. {{reason}}',
    payment_verified: 'Ubwishyu bwawe bwa {{amount}} bwa {{cycle}} bwemejwe. Murakoze!',
    payment_denied: "Icyemezo cy'ubwishyu bwa {{cycle}} nticyemewe: {{reason}}",
    payment_refunded: '{{amount}} ku mafaranga ya resitora ya {{cycle}} wayasubijwe. Impamvu: {{reason}}',
    new_registration: 'Kwiyandikisha gushya: {{name}}, nimero {{roll}}, icyumba {{room}}.',
    new_payment:
      "Icyemezo cy'ubwishyu cya {{name}} (nimero {{roll}}): {{amount}} bya {{cycle}}.{{duplicate}}",
    fee_reminder:
      'Muraho {{name}}, amafaranga ya resitora ya {{cycle}} ntarishyurwa yose: usigaje kwishyura {{balance}}. Fungura bot ukande "Ohereza ubwishyu" wohereze ifoto.',
    duplicate: " ⚠ Iki cyemezo gisa n'icyakoreshejwe mbere.",
    sms_approved:
      "Muraho {{name}}, kwiyandikisha kwawe muri resitora byemejwe. Aho bafatira ibiryo, vuga nimero yawe y'ishuri {{roll}}.",
    sms_approved_link:
      "Muraho {{name}}, kwiyandikisha kwawe muri resitora byemejwe. Ikarita y'ibiryo: {{link}}",
    sms_denied: 'Muraho {{name}}, kwiyandikisha kwawe muri resitora ntibyemejwe. {{reason}}',
    sms_payment_verified: 'Resitora: ubwishyu bwawe bwa {{amount}} bwa {{cycle}} bwemejwe. Murakoze!',
    sms_payment_denied: "Resitora: icyemezo cy'ubwishyu bwa {{cycle}} nticyemewe: {{reason}}",
    sms_payment_refunded: 'Resitora: {{amount}} ku mafaranga ya {{cycle}} wayasubijwe. Impamvu: {{reason}}',
    sms_fee_reminder:
      'Muraho {{name}}, amafaranga ya resitora ya {{cycle}} ntarishyurwa yose: usigaje kwishyura {{balance}}. Mwishyure ku biro bya resitora.',
  },
};
