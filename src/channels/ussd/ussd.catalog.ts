import type { NamespaceCatalogs } from '../../core/i18n/index.ts';

/** The channel's own screens: what a session hears when the app cannot answer it in time, or at all. */
export const ussdCatalog: NamespaceCatalogs = {
  en: {
    busy: 'We are still working on it. If you asked to pay, approve the prompt on your phone; your token comes by SMS.',
    unavailable: 'This service is not available now. Please try again later.',
  },
  hi: {
    busy: 'हम अभी इस पर काम कर रहे हैं। भुगतान माँगा हो तो फ़ोन पर स्वीकार करें; टोकन SMS से आएगा।',
    unavailable: 'यह सेवा अभी उपलब्ध नहीं है। कृपया बाद में फिर कोशिश करें।',
  },
  es: {
    busy: 'Seguimos en ello. Si pidio pagar, apruebe la solicitud en su telefono; el token llega por SMS.',
    unavailable: 'Este servicio no esta disponible ahora. Intente mas tarde.',
  },
  fr: {
    busy: 'Nous y travaillons encore. Si vous avez demande a payer, approuvez la demande sur votre telephone; le code arrive par SMS.',
    unavailable: 'Ce service est indisponible pour le moment. Reessayez plus tard.',
  },
  rw: {
    busy: 'Turacyabikoraho. Niba wasabye kwishyura, emeza kuri telefoni yawe; tokeni izaza kuri SMS.',
    unavailable: 'Iyi serivisi ntiboneka ubu. Ongera ugerageze nyuma.',
  },
};
