import type { NamespaceCatalogs } from '../../core/i18n/index.ts';

/**
 * Prepaid's texts (issue 52), written for SMS: the token in one part (160 GSM-7 characters, 70 in
 * Devanagari), the others in two at most, with the longest real names (`prepaid.sms.test.ts`). Written
 * as people write (accents, apostrophes): the SMS channel keeps what GSM-7 has and folds the rest
 * (`fittedToGsm7`), so a French or Spanish text keeps the room of a GSM-7 part.
 * The words are those of the other prepaid messages (mubazi, tokeni, compteur).
 */
export const prepaidSmsCatalog: NamespaceCatalogs = {
  en: {
    token: 'Meter {{meter}}\nToken {{token}}\n{{units}} kWh, paid {{amount}}',
    payment_failed:
      'Your payment of {{amount}} for meter {{meter}} did not go through and no money was taken. {{retry}}',
    low_balance:
      'Meter {{meter}}: about {{balance}} kWh left{{days}}. Buy units before it cuts off. {{retry}}',
    days: ', {{days}} day(s) at your use',
    retry: 'Dial {{ussd}} to buy.',
    retry_none: '',
  },
  hi: {
    // In Latin letters as Indian utilities' token texts are: in Devanagari (UCS-2, 70 units a part) a
    // 13-digit meter and a 20-digit token leave no room for the rest of one part.
    token: 'Meter {{meter}}\nToken {{token}}\n{{units}} kWh, {{amount}}',
    payment_failed: 'मीटर {{meter}} के लिए {{amount}} का भुगतान नहीं हुआ, कोई पैसा नहीं कटा। {{retry}}',
    low_balance: 'मीटर {{meter}}: लगभग {{balance}} kWh बचा{{days}}। बिजली कटने से पहले यूनिट खरीदें। {{retry}}',
    days: ', {{days}} दिन',
    retry: 'खरीदने के लिए {{ussd}} डायल करें।',
    retry_none: '',
  },
  es: {
    token: 'Medidor {{meter}}\nToken {{token}}\n{{units}} kWh, pagado {{amount}}',
    payment_failed:
      'Su pago de {{amount}} para el medidor {{meter}} no se hizo y no se cobró nada. {{retry}}',
    low_balance: 'Medidor {{meter}}: quedan unos {{balance}} kWh{{days}}. Compre antes del corte. {{retry}}',
    days: ', {{days}} día(s) a su consumo',
    retry: 'Marque {{ussd}} para comprar.',
    retry_none: '',
  },
  fr: {
    token: 'Compteur {{meter}}\nCode {{token}}\n{{units}} kWh, payé {{amount}}',
    payment_failed:
      "Votre paiement de {{amount}} pour le compteur {{meter}} n'a pas abouti, rien n'a été prélevé. {{retry}}",
    low_balance:
      'Compteur {{meter}}: il reste environ {{balance}} kWh{{days}}. Achetez avant la coupure. {{retry}}',
    days: ', {{days}} jour(s) à votre consommation',
    retry: 'Composez {{ussd}} pour acheter.',
    retry_none: '',
  },
  rw: {
    token: 'Mubazi {{meter}}\nTokeni {{token}}\n{{units}} kWh, wishyuye {{amount}}',
    payment_failed:
      'Ubwishyu bwa {{amount}} bwa mubazi {{meter}} ntibwakunze, nta mafaranga yavuyeho. {{retry}}',
    low_balance:
      "Mubazi {{meter}}: hasigaye nka {{balance}} kWh{{days}}. Gura umuriro mbere y'uko ucika. {{retry}}",
    days: ', iminsi {{days}} ukurikije uko ukoresha',
    retry: 'Kanda {{ussd}} ugure.',
    retry_none: '',
  },
};
