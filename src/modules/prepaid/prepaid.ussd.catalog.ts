import type { NamespaceCatalogs } from '../../core/i18n/index.ts';
import { prepaidErrorMessages } from './prepaid.errors.catalog.ts';

/**
 * The USSD menu's screens (issue 52) in English, French and Kinyarwanda. A screen holds 182
 * characters on a feature phone, options numbered; the words are the counter's and the chat's
 * (mubazi, tokeni, compteur).
 */
export const prepaidUssdCatalog: NamespaceCatalogs = {
  en: {
    errors: { prepaid: prepaidErrorMessages.en },
    ussd: {
      menu: 'Electricity\n1. Buy\n2. My last token\n3. My balance\n4. Language',
      language: '1. English\n2. Francais\n3. Ikinyarwanda',
      askMeter: 'Enter your meter number',
      knownMeter: 'Meter {{meter}}\n1. Buy for it\n2. Another meter',
      noMeter: 'No active meter {{meter}}. Enter your meter number',
      askAmount: 'Meter {{meter}}\nAmount to pay in {{currency}}',
      badAmount: 'Enter the amount in digits, like 1000',
      quote: '{{units}} kWh for {{total}}\nEnergy {{energy}}\nFee {{fee}}\nVAT {{tax}}',
      change: 'Not charged: {{change}}',
      payOptions: '1. Pay by MTN MoMo\n2. Pay by Airtel Money\n0. Cancel',
      approve: 'Approve {{total}} on your phone. Your token comes by SMS.',
      cancelled: 'Cancelled. Nothing was charged.',
      lastToken: 'Meter {{meter}}\nToken {{token}}\n{{units}} kWh, {{amount}}',
      noToken: 'No token was bought from this phone yet.',
      balance: 'Meter {{meter}}: {{balance}} kWh left{{days}}',
      estimatedBalance: 'Meter {{meter}}: about {{balance}} kWh left (our estimate){{days}}',
      days: ', about {{days}} day(s)',
      noMeterKnown: 'No meter is known for this phone. Buy once to remember it.',
    },
  },
  fr: {
    errors: { prepaid: prepaidErrorMessages.fr },
    ussd: {
      menu: 'Electricite\n1. Acheter\n2. Mon dernier code\n3. Mon solde\n4. Langue',
      language: '1. English\n2. Francais\n3. Ikinyarwanda',
      askMeter: 'Entrez le numero de votre compteur',
      knownMeter: 'Compteur {{meter}}\n1. Acheter pour lui\n2. Autre compteur',
      noMeter: 'Aucun compteur actif {{meter}}. Entrez le numero de votre compteur',
      askAmount: 'Compteur {{meter}}\nMontant a payer en {{currency}}',
      badAmount: 'Entrez le montant en chiffres, par exemple 1000',
      quote: '{{units}} kWh pour {{total}}\nEnergie {{energy}}\nFrais {{fee}}\nTVA {{tax}}',
      change: 'Non preleve: {{change}}',
      payOptions: '1. Payer par MTN MoMo\n2. Payer par Airtel Money\n0. Annuler',
      approve: 'Approuvez {{total}} sur votre telephone. Votre code arrive par SMS.',
      cancelled: 'Annule. Rien n a ete preleve.',
      lastToken: 'Compteur {{meter}}\nCode {{token}}\n{{units}} kWh, {{amount}}',
      noToken: 'Aucun code n a encore ete achete depuis ce telephone.',
      balance: 'Compteur {{meter}}: il reste {{balance}} kWh{{days}}',
      estimatedBalance: 'Compteur {{meter}}: il reste environ {{balance}} kWh (notre estimation){{days}}',
      days: ', environ {{days}} jour(s)',
      noMeterKnown: 'Aucun compteur connu pour ce telephone. Achetez une fois pour le retenir.',
    },
  },
  rw: {
    errors: { prepaid: prepaidErrorMessages.rw },
    ussd: {
      menu: 'Umuriro\n1. Gura\n2. Tokeni yanjye iheruka\n3. Umuriro usigaye\n4. Ururimi',
      language: '1. English\n2. Francais\n3. Ikinyarwanda',
      askMeter: 'Andika nimero ya mubazi yawe',
      knownMeter: 'Mubazi {{meter}}\n1. Yigurire\n2. Indi mubazi',
      noMeter: 'Nta mubazi ikora {{meter}}. Andika nimero ya mubazi yawe',
      askAmount: 'Mubazi {{meter}}\nAmafaranga yo kwishyura mu {{currency}}',
      badAmount: 'Andika amafaranga mu mibare, nka 1000',
      quote: '{{units}} kWh ku {{total}}\nUmuriro {{energy}}\nAmafaranga ya serivisi {{fee}}\nTVA {{tax}}',
      change: 'Ntiyishyuzwa: {{change}}',
      payOptions: '1. Ishyura na MTN MoMo\n2. Ishyura na Airtel Money\n0. Hagarika',
      approve: 'Emeza {{total}} kuri telefoni yawe. Tokeni izaza kuri SMS.',
      cancelled: 'Byahagaritswe. Nta mafaranga yavuyeho.',
      lastToken: 'Mubazi {{meter}}\nTokeni {{token}}\n{{units}} kWh, {{amount}}',
      noToken: 'Nta tokeni iragurwa kuri iyi telefoni.',
      balance: 'Mubazi {{meter}}: hasigaye {{balance}} kWh{{days}}',
      estimatedBalance: 'Mubazi {{meter}}: hasigaye nka {{balance}} kWh (ikigereranyo){{days}}',
      days: ', nk iminsi {{days}}',
      noMeterKnown: 'Nta mubazi izwi kuri iyi telefoni. Gura rimwe tuyibuke.',
    },
  },
};
