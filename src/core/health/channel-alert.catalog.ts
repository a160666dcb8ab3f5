import type { NamespaceCatalogs } from '../i18n/index.ts';

/**
 * The e-mail an organization's owner and admins get when one of its channel accounts keeps failing,
 * in every language an operator's staff may read: English, Hindi, Spanish, French and Kinyarwanda.
 */
export const channelAlertCatalogs: NamespaceCatalogs = {
  en: {
    subject: '{{channel}} keeps failing for {{orgName}}',
    body: '{{failures}} messages in a row could not be sent through {{channel}} since {{since}}.\n\nThe last error: {{cause}}\n\nUntil this is fixed, messages to your contacts on {{channel}} do not reach them. Check its settings in the console. This alert clears by itself as soon as a message goes out again.',
    channels: { telegram: 'Telegram', whatsapp: 'WhatsApp', email: 'E-mail', sms: 'SMS' },
  },
  hi: {
    subject: '{{orgName}} के लिए {{channel}} बार-बार विफल हो रहा है',
    body: '{{since}} से लगातार {{failures}} संदेश {{channel}} से नहीं भेजे जा सके।\n\nआख़िरी त्रुटि: {{cause}}\n\nजब तक यह ठीक नहीं होता, {{channel}} पर आपके संपर्कों को संदेश नहीं पहुँचेंगे। कंसोल में इसकी सेटिंग जाँचें। जैसे ही कोई संदेश फिर से जाएगा, यह चेतावनी अपने आप हट जाएगी।',
    channels: { telegram: 'Telegram', whatsapp: 'WhatsApp', email: 'ई-मेल', sms: 'SMS' },
  },
  es: {
    subject: '{{channel}} sigue fallando en {{orgName}}',
    body: 'Desde {{since}}, {{failures}} mensajes seguidos no se pudieron enviar por {{channel}}.\n\nEl último error: {{cause}}\n\nMientras no se arregle, los mensajes a sus contactos por {{channel}} no les llegan. Revise su configuración en la consola. Este aviso desaparece solo en cuanto un mensaje vuelva a salir.',
    channels: { telegram: 'Telegram', whatsapp: 'WhatsApp', email: 'Correo', sms: 'SMS' },
  },
  fr: {
    subject: '{{channel}} échoue sans cesse pour {{orgName}}',
    body: 'Depuis {{since}}, {{failures}} messages de suite n’ont pas pu être envoyés par {{channel}}.\n\nLa dernière erreur : {{cause}}\n\nTant que ce n’est pas réparé, les messages à vos contacts sur {{channel}} ne leur parviennent pas. Vérifiez ses réglages dans la console. Cette alerte disparaît d’elle-même dès qu’un message repart.',
    channels: { telegram: 'Telegram', whatsapp: 'WhatsApp', email: 'E-mail', sms: 'SMS' },
  },
  rw: {
    subject: '{{channel}} ikomeje kunanirwa kuri {{orgName}}',
    body: 'Kuva {{since}}, ubutumwa {{failures}} bukurikiranye ntibwashoboye koherezwa kuri {{channel}}.\n\nIkosa riheruka: {{cause}}\n\nKugeza iki kibazo gikemutse, ubutumwa bugenewe abakiriya banyu kuri {{channel}} ntibubageraho. Reba igenamiterere ryayo muri konsole. Uyu muburo uzivanaho ubwawo ubutumwa bukimara kongera koherezwa.',
    channels: { telegram: 'Telegram', whatsapp: 'WhatsApp', email: 'Imeyili', sms: 'SMS' },
  },
};
