import type { NamespaceCatalogs } from '../../core/i18n/index.ts';
import { prepaidErrorMessages } from './prepaid.errors.catalog.ts';

/**
 * The prepaid module's words: its error codes and the buying bot's messages (flow `prepaid`), in
 * English, French and Kinyarwanda (the Rwandan customers' languages; the words of the customer
 * portal, web/portal/src/i18n.ts: "mubazi" is the meter, "tokeni" the token, "amafaranga" the amount).
 */
export const prepaidCatalog: NamespaceCatalogs = {
  en: {
    errors: { prepaid: prepaidErrorMessages.en },
    chat: {
      askMeter: 'Hello! Send your meter number to buy electricity (for example KGL-0001).',
      noMeter: 'We found no active meter {{number}}. Check the number on your meter and send it again.',
      askAmount: 'Meter {{number}}. How much do you want to pay? Send the amount in {{currency}}, like 1000.',
      badAmount: 'Please send the amount as a number, like 1000.',
      outOfRange:
        'Meter {{number}} takes from {{min}} to {{max}} in one purchase (one token carries no more). Send an amount in that range.',
      quote:
        'Meter {{number}}: {{total}} buys {{units}} kWh.\nEnergy {{energy}}, tax {{tax}}, fee {{fee}}.\nPay with MTN MoMo from this number?',
      pay: 'Pay {{total}}',
      cancel: 'Cancel',
      cancelled: 'Cancelled. Send a meter number whenever you want to buy.',
      askPayer: 'Which MTN MoMo number pays? Send it like {{local}} or {{international}}.',
      badPayer: 'That is not a number MTN MoMo can ask to pay. Send it like {{local}} or {{international}}.',
      askPayerInternational: 'Which MTN MoMo number pays? Send it with + and its country code.',
      badPayerInternational:
        'That is not a number MTN MoMo can ask to pay. Send it with + and its country code.',
      approve:
        'Approve the payment of {{total}} on your phone (MTN MoMo). Your token comes here as soon as it is paid.',
    },
  },
  fr: {
    errors: { prepaid: prepaidErrorMessages.fr },
    chat: {
      askMeter:
        'Bonjour ! Envoyez le numéro de votre compteur pour acheter de l’électricité (par exemple KGL-0001).',
      noMeter:
        'Nous n’avons trouvé aucun compteur actif {{number}}. Vérifiez le numéro sur votre compteur et renvoyez-le.',
      askAmount:
        'Compteur {{number}}. Combien voulez-vous payer ? Envoyez le montant en {{currency}}, par exemple 1000.',
      badAmount: 'Envoyez le montant en chiffres, par exemple 1000.',
      outOfRange:
        'Le compteur {{number}} prend de {{min}} à {{max}} par achat (un code n’en porte pas plus). Envoyez un montant dans cet intervalle.',
      quote:
        'Compteur {{number}} : {{total}} achète {{units}} kWh.\nÉnergie {{energy}}, taxe {{tax}}, frais {{fee}}.\nPayer avec MTN MoMo depuis ce numéro ?',
      pay: 'Payer {{total}}',
      cancel: 'Annuler',
      cancelled: 'Annulé. Envoyez un numéro de compteur quand vous voulez acheter.',
      askPayer: 'Quel numéro MTN MoMo paie ? Envoyez-le comme {{local}} ou {{international}}.',
      badPayer:
        'Ce n’est pas un numéro auquel MTN MoMo peut demander un paiement. Envoyez-le comme {{local}} ou {{international}}.',
      askPayerInternational: 'Quel numéro MTN MoMo paie ? Envoyez-le avec + et l’indicatif du pays.',
      badPayerInternational:
        'Ce n’est pas un numéro auquel MTN MoMo peut demander un paiement. Envoyez-le avec + et l’indicatif du pays.',
      approve:
        'Approuvez le paiement de {{total}} sur votre téléphone (MTN MoMo). Votre code arrive ici dès qu’il est payé.',
    },
  },
  rw: {
    errors: { prepaid: prepaidErrorMessages.rw },
    chat: {
      askMeter: 'Muraho! Ohereza nimero ya mubazi yawe kugira ngo ugure umuriro (urugero KGL-0001).',
      noMeter:
        'Nta mubazi ikora ifite nimero {{number}} twabonye. Reba nimero iri kuri mubazi yawe wongere uyohereze.',
      askAmount:
        'Mubazi {{number}}. Urashaka kwishyura angahe? Ohereza amafaranga mu {{currency}}, urugero 1000.',
      badAmount: 'Ohereza amafaranga mu mibare, urugero 1000.',
      outOfRange:
        'Mubazi {{number}} yakira kuva {{min}} kugeza {{max}} ku iguriro rimwe (tokeni imwe ntirenza aho). Ohereza amafaranga ari hagati y’ayo.',
      quote:
        'Mubazi {{number}}: {{total}} igura {{units}} kWh.\nUmuriro {{energy}}, umusoro {{tax}}, amafaranga ya serivisi {{fee}}.\nWishyura ukoresheje MTN MoMo y’iyi nimero?',
      pay: 'Ishyura {{total}}',
      cancel: 'Hagarika',
      cancelled: 'Byahagaritswe. Ohereza nimero ya mubazi igihe cyose ushaka kugura.',
      askPayer: 'Ni iyihe nimero ya MTN MoMo yishyura? Yohereze nka {{local}} cyangwa {{international}}.',
      badPayer:
        'Iyo si nimero MTN MoMo ishobora gusaba kwishyura. Yohereze nka {{local}} cyangwa {{international}}.',
      askPayerInternational: 'Ni iyihe nimero ya MTN MoMo yishyura? Yohereze ifite + na kode y’igihugu.',
      badPayerInternational:
        'Iyo si nimero MTN MoMo ishobora gusaba kwishyura. Yohereze ifite + na kode y’igihugu.',
      approve:
        'Emeza kwishyura {{total}} kuri telefoni yawe (MTN MoMo). Tokeni yawe iraza hano ukimara kwishyura.',
    },
  },
};
