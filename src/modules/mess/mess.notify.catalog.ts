import type { NamespaceCatalogs } from '../../core/i18n/index.ts';

/** Messages the mess module sends outside a conversation (notifications), English and Hindi. */
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
  },
};
