import type { CommandType } from './coffee.rules.ts';

/**
 * A remote command's name in each language the coffee module speaks: the console's command options and
 * the on-call alarm of a failed command (`coffee.notify.catalog.ts`) name it alike.
 */
export const COMMAND_NAMES = {
  en: {
    make_product: 'Make a product',
    open_door: 'Open the door',
    restart: 'Restart',
    sync: 'Sync',
    set_params: 'Set parameters',
    apply_recipes: 'Apply recipes',
  },
  hi: {
    make_product: 'उत्पाद बनाएँ',
    open_door: 'दरवाज़ा खोलें',
    restart: 'रीस्टार्ट करें',
    sync: 'सिंक करें',
    set_params: 'पैरामीटर सेट करें',
    apply_recipes: 'रेसिपी लागू करें',
  },
  es: {
    make_product: 'Preparar un producto',
    open_door: 'Abrir la puerta',
    restart: 'Reiniciar',
    sync: 'Sincronizar',
    set_params: 'Cambiar parámetros',
    apply_recipes: 'Aplicar recetas',
  },
  fr: {
    make_product: 'Préparer un produit',
    open_door: 'Ouvrir la porte',
    restart: 'Redémarrer',
    sync: 'Synchroniser',
    set_params: 'Régler les paramètres',
    apply_recipes: 'Appliquer les recettes',
  },
  rw: {
    make_product: 'Kora igicuruzwa',
    open_door: 'Fungura urugi',
    restart: 'Ongera utangize',
    sync: 'Huza amakuru',
    set_params: 'Shyiraho ibipimo',
    apply_recipes: 'Shyiraho uburyo bwo gutegura',
  },
} satisfies Record<string, Record<CommandType, string>>;
