import type { SeedCatalog } from '../../core/modules/index.ts';

type RaffleSeedKey = 'title' | 'description' | 'prize_bicycle' | 'prize_hamper' | 'prize_cinema';

/**
 * The words the raffle demo writes into an organization (the raffle's title and description, its
 * prizes), in the organization's default language; the buyers' names stay as they are.
 */
export const raffleSeedCatalog: SeedCatalog<RaffleSeedKey> = {
  en: {
    title: 'Charity Raffle',
    description: 'Funds for the neighbourhood school.',
    prize_bicycle: 'Bicycle',
    prize_hamper: 'Food hamper',
    prize_cinema: 'Cinema tickets',
  },
  hi: {
    title: 'सहायता लॉटरी',
    description: 'मोहल्ले के स्कूल के लिए धन।',
    prize_bicycle: 'साइकिल',
    prize_hamper: 'खाने की टोकरी',
    prize_cinema: 'सिनेमा के टिकट',
  },
  es: {
    title: 'Rifa Solidaria',
    description: 'Fondos para la escuela del barrio.',
    prize_bicycle: 'Bicicleta',
    prize_hamper: 'Canasta de alimentos',
    prize_cinema: 'Entradas de cine',
  },
  fr: {
    title: 'Tombola solidaire',
    description: 'Des fonds pour l’école du quartier.',
    prize_bicycle: 'Vélo',
    prize_hamper: 'Panier garni',
    prize_cinema: 'Places de cinéma',
  },
  rw: {
    title: 'Tombola y’ubufatanye',
    description: 'Inkunga y’ishuri ryo mu gace.',
    prize_bicycle: 'Igare',
    prize_hamper: 'Agaseke k’ibiribwa',
    prize_cinema: 'Amatike ya sinema',
  },
};
