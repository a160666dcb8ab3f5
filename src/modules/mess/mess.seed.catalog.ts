import type { SeedCatalog } from '../../core/modules/index.ts';

type MessSeedKey = 'breakfast' | 'lunch' | 'dinner' | 'cycle' | 'cash_note';

/**
 * The words the mess demo writes into an organization (its meals, its cycle's name, the note on the
 * demo cash), in the organization's default language; the students' names stay as they are.
 */
export const messSeedCatalog: SeedCatalog<MessSeedKey> = {
  en: {
    breakfast: 'Breakfast',
    lunch: 'Lunch',
    dinner: 'Dinner',
    cycle: 'Mess {{month}}',
    cash_note: 'Demo cash at the mess office',
  },
  hi: {
    breakfast: 'नाश्ता',
    lunch: 'दोपहर का भोजन',
    dinner: 'रात का भोजन',
    cycle: 'मेस {{month}}',
    cash_note: 'मेस कार्यालय में डेमो नकद',
  },
  es: {
    breakfast: 'Desayuno',
    lunch: 'Almuerzo',
    dinner: 'Cena',
    cycle: 'Comedor {{month}}',
    cash_note: 'Efectivo de demostración en la oficina del comedor',
  },
  fr: {
    breakfast: 'Petit-déjeuner',
    lunch: 'Déjeuner',
    dinner: 'Dîner',
    cycle: 'Cantine {{month}}',
    cash_note: 'Espèces de démonstration au bureau de la cantine',
  },
  rw: {
    breakfast: 'Ifunguro rya mu gitondo',
    lunch: 'Ifunguro rya saa sita',
    dinner: 'Ifunguro rya nimugoroba',
    cycle: 'Resitora {{month}}',
    cash_note: 'Amafaranga y’igerageza yakiriwe ku biro bya resitora',
  },
};
