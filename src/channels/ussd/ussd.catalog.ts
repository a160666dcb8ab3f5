import type { NamespaceCatalogs } from '../../core/i18n/index.ts';

/**
 * The channel's own screens: what a session hears when the app cannot answer it in time, or at all,
 * when its phone or gateway is past a limit, or when its text is longer than a person types.
 */
export const ussdCatalog: NamespaceCatalogs = {
  en: {
    busy: 'We are still working on it. If you asked to pay, approve the prompt on your phone; your token comes by SMS.',
    unavailable: 'This service is not available now. Please try again later.',
    limited: 'Too many tries in a short time. Please dial again in a minute.',
    too_long: 'That answer is too long. Please dial again.',
  },
  hi: {
    busy: 'हम अभी इस पर काम कर रहे हैं। भुगतान माँगा हो तो फ़ोन पर स्वीकार करें; टोकन SMS से आएगा।',
    unavailable: 'यह सेवा अभी उपलब्ध नहीं है। कृपया बाद में फिर कोशिश करें।',
    limited: 'कम समय में बहुत अधिक प्रयास। कृपया एक मिनट बाद फिर डायल करें।',
    too_long: 'यह उत्तर बहुत लंबा है। कृपया फिर से डायल करें।',
  },
  es: {
    busy: 'Seguimos en ello. Si pidio pagar, apruebe la solicitud en su telefono; el token llega por SMS.',
    unavailable: 'Este servicio no esta disponible ahora. Intente mas tarde.',
    limited: 'Demasiados intentos en poco tiempo. Marque de nuevo en un minuto.',
    too_long: 'Esa respuesta es demasiado larga. Marque de nuevo.',
  },
  fr: {
    busy: 'Nous y travaillons encore. Si vous avez demande a payer, approuvez la demande sur votre telephone; le code arrive par SMS.',
    unavailable: 'Ce service est indisponible pour le moment. Reessayez plus tard.',
    limited: 'Trop de tentatives en peu de temps. Recomposez le code dans une minute.',
    too_long: 'Cette reponse est trop longue. Recomposez le code.',
  },
  rw: {
    busy: 'Turacyabikoraho. Niba wasabye kwishyura, emeza kuri telefoni yawe; tokeni izaza kuri SMS.',
    unavailable: 'Iyi serivisi ntiboneka ubu. Ongera ugerageze nyuma.',
    limited: "Mwagerageje inshuro nyinshi mu gihe gito. Ongera ukande nyuma y'umunota umwe.",
    too_long: 'Igisubizo ni kirekire cyane. Ongera ukande.',
  },
};
