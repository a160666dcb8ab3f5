import type { NamespaceCatalogs } from '../../core/i18n/index.ts';

/**
 * The exhibition's SMS words (issue 65): a visitor registered without an e-mail gets the code and a
 * link to the badge, within two parts with the longest exhibition names (`exhibition.sms.test.ts`);
 * a customer asks for their statement by SMS: its sums and a link to the PDF, within three.
 * Written in GSM-7 letters (é à è ù kept; no ó, á, í, ç, typographic quotes or dashes), so one
 * letter does not turn a whole text into UCS-2 and halve its room. Hindi in Latin letters, as the
 * region's service texts are: in Devanagari the link alone would fill two parts.
 */
export const exhibitionSmsCatalog: NamespaceCatalogs = {
  en: {
    welcome:
      '{{exhibition}}: your code is {{code}}. Show it at any booth to add purchases to your tab. Badge and QR: {{link}}',
    statement:
      '{{exhibition}}: statement for code {{code}}. Bills: {{bills}}. Total {{total}}, paid {{paid}}, returned {{returned}}, net paid {{net}}. PDF: {{link}}',
  },
  es: {
    welcome:
      '{{exhibition}}: su codigo es {{code}}. Muéstrelo en cualquier stand para cargar sus compras. Credencial y QR: {{link}}',
    statement:
      '{{exhibition}}: estado de cuenta del codigo {{code}}. Cargos: {{bills}}. Total {{total}}, pagado {{paid}}, devuelto {{returned}}, pagado neto {{net}}. PDF: {{link}}',
  },
  fr: {
    welcome:
      '{{exhibition}}: votre code est {{code}}. Montrez-le à chaque stand pour ajouter vos achats à votre note. Badge et QR: {{link}}',
    statement:
      '{{exhibition}}: relevé du code {{code}}. Achats: {{bills}}. Total {{total}}, payé {{paid}}, rendu {{returned}}, payé net {{net}}. PDF: {{link}}',
  },
  hi: {
    welcome:
      '{{exhibition}}: aapka code {{code}} hai. Kisi bhi booth par dikhaiye, kharid aapke khate mein judegi. Badge aur QR: {{link}}',
    statement:
      '{{exhibition}}: code {{code}} ka statement. Bill: {{bills}}. Kul {{total}}, bhugtan {{paid}}, wapas {{returned}}, shuddh bhugtan {{net}}. PDF: {{link}}',
  },
  rw: {
    welcome:
      '{{exhibition}}: kode yawe ni {{code}}. Yerekane kuri stand iyo ari yo yose, ibyo uguze byandikwe kuri konti yawe. Badge na QR: {{link}}',
    statement:
      '{{exhibition}}: raporo ya konti ya kode {{code}}. Inyemezabuguzi: {{bills}}. Igiteranyo {{total}}, byishyuwe {{paid}}, byasubijwe {{returned}}, byishyuwe koko {{net}}. PDF: {{link}}',
  },
};
