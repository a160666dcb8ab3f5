import type { NamespaceCatalogs } from '../../core/i18n/index.ts';
import { COMMAND_NAMES } from './coffee.command-names.ts';

/**
 * The alarm message to on-call staff (`coffee.alarm`), in the languages a person on call may choose
 * (`ONCALL_LANGUAGES`): English, Hindi, Spanish, French, Kinyarwanda. A failed command is named by its words here.
 */
export const coffeeNotifyCatalog: NamespaceCatalogs = {
  en: {
    critical: 'Critical: {{message}}',
    subject: {
      offline: 'Machine offline {{device}}',
      low_material: 'Material running low {{device}}',
      predicted_empty: 'Bin will soon be empty {{device}}',
      command_failed: 'Command failed {{device}}',
    },
    body: {
      offline: 'Coffee machine {{device}}{{where}} stopped reporting and is offline.',
      low_material: 'Coffee machine {{device}}{{where}} is running low on {{about}}.',
      predicted_empty:
        'Coffee machine {{device}}{{where}} will run out of {{about}} soon at its current use.',
      command_failed: 'Coffee machine {{device}}{{where}} failed the command "{{about}}".',
    },
    a_material: 'a material',
    commands: COMMAND_NAMES.en,
  },
  hi: {
    critical: 'गंभीर: {{message}}',
    subject: {
      offline: 'मशीन ऑफ़लाइन {{device}}',
      low_material: 'सामग्री कम हो रही है {{device}}',
      predicted_empty: 'डिब्बा जल्द ख़ाली होगा {{device}}',
      command_failed: 'कमांड विफल {{device}}',
    },
    body: {
      offline: 'कॉफ़ी मशीन {{device}}{{where}} ने रिपोर्ट भेजना बंद कर दिया है और ऑफ़लाइन है।',
      low_material: 'कॉफ़ी मशीन {{device}}{{where}} में {{about}} कम हो रही है।',
      predicted_empty: 'कॉफ़ी मशीन {{device}}{{where}} में मौजूदा खपत पर {{about}} जल्द ख़त्म हो जाएगी।',
      command_failed: 'कॉफ़ी मशीन {{device}}{{where}} कमांड "{{about}}" पूरा नहीं कर सकी।',
    },
    a_material: 'एक सामग्री',
    commands: COMMAND_NAMES.hi,
  },
  es: {
    critical: 'Crítica: {{message}}',
    subject: {
      offline: 'Máquina sin conexión {{device}}',
      low_material: 'Queda poco material {{device}}',
      predicted_empty: 'Un depósito se vaciará pronto {{device}}',
      command_failed: 'Falló una orden {{device}}',
    },
    body: {
      offline: 'La cafetera {{device}}{{where}} dejó de informar y está sin conexión.',
      low_material: 'A la cafetera {{device}}{{where}} le queda poco {{about}}.',
      predicted_empty: 'La cafetera {{device}}{{where}} se quedará sin {{about}} pronto a su consumo actual.',
      command_failed: 'La cafetera {{device}}{{where}} no pudo cumplir la orden "{{about}}".',
    },
    a_material: 'material',
    commands: COMMAND_NAMES.es,
  },
  fr: {
    critical: 'Critique : {{message}}',
    subject: {
      offline: 'Machine hors ligne {{device}}',
      low_material: 'Matière bientôt épuisée {{device}}',
      predicted_empty: 'Un bac sera bientôt vide {{device}}',
      command_failed: 'Commande échouée {{device}}',
    },
    body: {
      offline: 'La machine à café {{device}}{{where}} ne donne plus de nouvelles et est hors ligne.',
      low_material: 'La machine à café {{device}}{{where}} manque de {{about}}.',
      predicted_empty:
        'La machine à café {{device}}{{where}} sera bientôt à court de {{about}} au rythme actuel.',
      command_failed: 'La machine à café {{device}}{{where}} a échoué la commande « {{about}} ».',
    },
    a_material: 'une matière',
    commands: COMMAND_NAMES.fr,
  },
  rw: {
    critical: 'Bikabije: {{message}}',
    subject: {
      offline: 'Imashini ntiri ku murongo {{device}}',
      low_material: 'Ibikoresho biri gushira {{device}}',
      predicted_empty: 'Ikigega kigiye gushira {{device}}',
      command_failed: 'Itegeko ryanze {{device}}',
    },
    body: {
      offline: 'Imashini ya kawa {{device}}{{where}} yahagaritse gutanga amakuru kandi ntiri ku murongo.',
      low_material: 'Imashini ya kawa {{device}}{{where}} isigaranye {{about}} bike.',
      predicted_empty: 'Imashini ya kawa {{device}}{{where}} iragiye gushiramo {{about}} uko ikoresha ubu.',
      command_failed: 'Imashini ya kawa {{device}}{{where}} ntiyashoboye gukora itegeko "{{about}}".',
    },
    a_material: 'ibikoresho',
    commands: COMMAND_NAMES.rw,
  },
};
