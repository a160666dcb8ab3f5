import type { SeedCatalog } from '../../core/modules/index.ts';

type CoffeeSeedKey =
  | 'downtown_station'
  | 'university_campus'
  | 'downtown_machine'
  | 'campus_machine'
  | 'coffee_beans'
  | 'milk_powder'
  | 'chocolate_powder'
  | 'sugar'
  | 'cups'
  | 'latte'
  | 'americano'
  | 'croissant';

/**
 * The words the coffee demo writes into an organization (its sites, its machines' names, its
 * materials and the products it sells), in the organization's default language; the merchant's
 * name, street addresses, serial numbers and material codes stay as they are.
 */
export const coffeeSeedCatalog: SeedCatalog<CoffeeSeedKey> = {
  en: {
    downtown_station: 'Downtown Station',
    university_campus: 'University Campus',
    downtown_machine: 'Downtown #{{n}}',
    campus_machine: 'Campus #{{n}}',
    coffee_beans: 'Coffee beans',
    milk_powder: 'Milk powder',
    chocolate_powder: 'Chocolate powder',
    sugar: 'Sugar',
    cups: 'Cups',
    latte: 'Latte',
    americano: 'Americano',
    croissant: 'Croissant',
  },
  hi: {
    downtown_station: 'डाउनटाउन स्टेशन',
    university_campus: 'विश्वविद्यालय परिसर',
    downtown_machine: 'डाउनटाउन #{{n}}',
    campus_machine: 'परिसर #{{n}}',
    coffee_beans: 'कॉफ़ी बीन्स',
    milk_powder: 'दूध पाउडर',
    chocolate_powder: 'चॉकलेट पाउडर',
    sugar: 'चीनी',
    cups: 'कप',
    latte: 'लाटे',
    americano: 'अमेरिकानो',
    croissant: 'क्रोसां',
  },
  es: {
    downtown_station: 'Estación Centro',
    university_campus: 'Campus Universitario',
    downtown_machine: 'Centro #{{n}}',
    campus_machine: 'Campus #{{n}}',
    coffee_beans: 'Granos de café',
    milk_powder: 'Leche en polvo',
    chocolate_powder: 'Chocolate en polvo',
    sugar: 'Azúcar',
    cups: 'Vasos',
    latte: 'Café con leche',
    americano: 'Café americano',
    croissant: 'Cruasán',
  },
  fr: {
    downtown_station: 'Station Centre-ville',
    university_campus: 'Campus universitaire',
    downtown_machine: 'Centre-ville #{{n}}',
    campus_machine: 'Campus #{{n}}',
    coffee_beans: 'Grains de café',
    milk_powder: 'Lait en poudre',
    chocolate_powder: 'Chocolat en poudre',
    sugar: 'Sucre',
    cups: 'Gobelets',
    latte: 'Café latte',
    americano: 'Café allongé',
    croissant: 'Croissant',
  },
  rw: {
    downtown_station: 'Sitasiyo yo mu mujyi rwagati',
    university_campus: 'Ikigo cya kaminuza',
    downtown_machine: 'Mu mujyi #{{n}}',
    campus_machine: 'Kaminuza #{{n}}',
    coffee_beans: 'Impeke za kawa',
    milk_powder: 'Amata y’ifu',
    chocolate_powder: 'Shokola y’ifu',
    sugar: 'Isukari',
    cups: 'Ibikombe',
    latte: 'Kawa n’amata',
    americano: 'Kawa y’umukara',
    croissant: 'Korowasa',
  },
};
