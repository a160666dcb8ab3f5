import type { NamespaceCatalogs } from '../../core/i18n/index.ts';

/**
 * The coffee fleet's SMS words (issue 65): an alarm and a held or stopped rollout, to an on-call
 * person's phone, within their part budget with the longest values (`coffee.sms.test.ts`). English,
 * Spanish, French and Kinyarwanda go out in GSM-7 (the channel keeps é à è ù and folds ó á ô, see
 * `fittedToGsm7`; straight quotes and apostrophes here, no « »), so one letter does not turn a text
 * into UCS-2 and halve its room; Hindi in Devanagari, as the person chose it on the console.
 */
export const coffeeSmsCatalog: NamespaceCatalogs = {
  en: {
    critical: 'URGENT: {{message}}',
    alarm: {
      offline: 'Coffee machine {{device}}{{where}} stopped reporting and is offline.',
      low_material: 'Coffee machine {{device}}{{where}} is running low on {{about}}.',
      predicted_empty: 'Coffee machine {{device}}{{where}} will soon run out of {{about}}.',
      command_failed: 'Coffee machine {{device}}{{where}} failed the command "{{about}}".',
    },
    a_material: 'a material',
    rollout: {
      held: 'Recipe rollout v{{version}} to "{{tag}}" is on hold: {{failed}} of {{total}} trial machines failed. Continue or roll back in the console.',
      held_one:
        'Recipe rollout v{{version}} to "{{tag}}" is on hold: {{failed}} of {{total}} trial machines failed. Continue or roll back in the console.',
      aborted:
        'Recipe rollout v{{version}} to "{{tag}}" was stopped: {{failed}} of {{total}} machines failed. Nothing more is sent.',
      aborted_one:
        'Recipe rollout v{{version}} to "{{tag}}" was stopped: {{failed}} of {{total}} machines failed. Nothing more is sent.',
    },
  },
  hi: {
    critical: 'ज़रूरी: {{message}}',
    alarm: {
      offline: 'कॉफ़ी मशीन {{device}}{{where}} ऑफ़लाइन है।',
      low_material: 'कॉफ़ी मशीन {{device}}{{where}} में {{about}} कम है।',
      predicted_empty: 'कॉफ़ी मशीन {{device}}{{where}} में {{about}} जल्द ख़त्म होगी।',
      command_failed: 'कॉफ़ी मशीन {{device}}{{where}} कमांड "{{about}}" नहीं कर सकी।',
    },
    a_material: 'एक सामग्री',
    rollout: {
      held: 'रेसिपी रोलआउट v{{version}} ("{{tag}}") रुका है: {{total}} में से {{failed}} परीक्षण मशीनें विफल। कंसोल में आगे बढ़ाएँ या वापस लें।',
      held_one:
        'रेसिपी रोलआउट v{{version}} ("{{tag}}") रुका है: {{total}} में से {{failed}} परीक्षण मशीनें विफल। कंसोल में आगे बढ़ाएँ या वापस लें।',
      aborted:
        'रेसिपी रोलआउट v{{version}} ("{{tag}}") रोका गया: {{total}} में से {{failed}} मशीनें विफल। आगे कुछ नहीं भेजा जाएगा।',
      aborted_one:
        'रेसिपी रोलआउट v{{version}} ("{{tag}}") रोका गया: {{total}} में से {{failed}} मशीनें विफल। आगे कुछ नहीं भेजा जाएगा।',
    },
  },
  es: {
    critical: 'URGENTE: {{message}}',
    alarm: {
      offline: 'La cafetera {{device}}{{where}} dejó de informar y está sin conexión.',
      low_material: 'A la cafetera {{device}}{{where}} le queda poco {{about}}.',
      predicted_empty: 'La cafetera {{device}}{{where}} se quedará pronto sin {{about}}.',
      command_failed: 'La cafetera {{device}}{{where}} no pudo cumplir la orden "{{about}}".',
    },
    a_material: 'material',
    rollout: {
      held: 'El despliegue de recetas v{{version}} a "{{tag}}" está en espera: fallaron {{failed}} de {{total}} máquinas de prueba. Continúe o vuelva atrás en la consola.',
      held_one:
        'El despliegue de recetas v{{version}} a "{{tag}}" está en espera: falló {{failed}} de {{total}} máquinas de prueba. Continúe o vuelva atrás en la consola.',
      aborted:
        'El despliegue de recetas v{{version}} a "{{tag}}" se detuvo: fallaron {{failed}} de {{total}} máquinas. No se envía nada más.',
      aborted_one:
        'El despliegue de recetas v{{version}} a "{{tag}}" se detuvo: falló {{failed}} de {{total}} máquinas. No se envía nada más.',
    },
  },
  fr: {
    critical: 'URGENT : {{message}}',
    alarm: {
      offline: 'La machine à café {{device}}{{where}} ne répond plus et est hors ligne.',
      low_material: 'La machine à café {{device}}{{where}} manque de {{about}}.',
      predicted_empty: 'La machine à café {{device}}{{where}} manquera sous peu de {{about}}.',
      command_failed: 'La machine à café {{device}}{{where}} a échoué la commande "{{about}}".',
    },
    a_material: 'une matière',
    rollout: {
      held: 'Le déploiement des recettes v{{version}} sur "{{tag}}" est en attente : {{failed}} machines d\'essai sur {{total}} ont échoué. Continuez ou revenez en arrière dans la console.',
      held_one:
        'Le déploiement des recettes v{{version}} sur "{{tag}}" est en attente : {{failed}} machine d\'essai sur {{total}} a échoué. Continuez ou revenez en arrière dans la console.',
      aborted:
        'Le déploiement des recettes v{{version}} sur "{{tag}}" est interrompu : {{failed}} machines sur {{total}} ont échoué. Plus rien n\'est envoyé.',
      aborted_one:
        'Le déploiement des recettes v{{version}} sur "{{tag}}" est interrompu : {{failed}} machine sur {{total}} a échoué. Plus rien n\'est envoyé.',
    },
  },
  rw: {
    critical: 'BYIHUTIRWA: {{message}}',
    alarm: {
      offline: 'Imashini ya kawa {{device}}{{where}} yahagaritse gutanga amakuru kandi ntiri ku murongo.',
      low_material: 'Imashini ya kawa {{device}}{{where}} isigaranye {{about}} bike.',
      predicted_empty: 'Imashini ya kawa {{device}}{{where}} iragiye gushiramo {{about}}.',
      command_failed: 'Imashini ya kawa {{device}}{{where}} ntiyashoboye gukora itegeko "{{about}}".',
    },
    a_material: 'ibikoresho',
    rollout: {
      held: 'Ikwirakwiza ry\'uburyo bwo gutegura v{{version}} kuri "{{tag}}" ryahagaze: imashini {{failed}} kuri {{total}} z\'igerageza zanze. Komeza cyangwa usubize inyuma muri konsole.',
      held_one:
        'Ikwirakwiza ry\'uburyo bwo gutegura v{{version}} kuri "{{tag}}" ryahagaze: imashini {{failed}} kuri {{total}} z\'igerageza zanze. Komeza cyangwa usubize inyuma muri konsole.',
      aborted:
        'Ikwirakwiza ry\'uburyo bwo gutegura v{{version}} kuri "{{tag}}" ryahagaritswe: imashini {{failed}} kuri {{total}} zanze. Nta kindi kizoherezwa.',
      aborted_one:
        'Ikwirakwiza ry\'uburyo bwo gutegura v{{version}} kuri "{{tag}}" ryahagaritswe: imashini {{failed}} kuri {{total}} zanze. Nta kindi kizoherezwa.',
    },
  },
};
