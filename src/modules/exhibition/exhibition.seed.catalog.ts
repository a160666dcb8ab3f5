import type { SeedCatalog } from '../../core/modules/index.ts';

type ExhibitionSeedKey =
  | 'exhibition'
  | 'venue'
  | 'booth_coffee'
  | 'booth_textiles'
  | 'booth_books'
  | 'bill_coffee'
  | 'bill_textiles'
  | 'bill_books';

/**
 * The words the exhibition demo writes into an organization (the fair's name and hall, its booths,
 * what the bills were for), in the organization's default language; the visitors' names stay as they are.
 */
export const exhibitionSeedCatalog: SeedCatalog<ExhibitionSeedKey> = {
  en: {
    exhibition: 'Crafts & Food Fair',
    venue: 'Hall 2',
    booth_coffee: 'Coffee corner',
    booth_textiles: 'Textiles',
    booth_books: 'Books',
    bill_coffee: 'Flat white',
    bill_textiles: 'Scarf',
    bill_books: 'Notebook',
  },
  hi: {
    exhibition: 'शिल्प और खाद्य मेला',
    venue: 'हॉल 2',
    booth_coffee: 'कॉफ़ी कॉर्नर',
    booth_textiles: 'वस्त्र',
    booth_books: 'किताबें',
    bill_coffee: 'फ़्लैट व्हाइट कॉफ़ी',
    bill_textiles: 'दुपट्टा',
    bill_books: 'नोटबुक',
  },
  es: {
    exhibition: 'Feria de Artesanía y Comida',
    venue: 'Pabellón 2',
    booth_coffee: 'Rincón del café',
    booth_textiles: 'Textiles',
    booth_books: 'Libros',
    bill_coffee: 'Café con leche',
    bill_textiles: 'Bufanda',
    bill_books: 'Cuaderno',
  },
  fr: {
    exhibition: 'Foire de l’artisanat et de la gastronomie',
    venue: 'Hall 2',
    booth_coffee: 'Coin café',
    booth_textiles: 'Textiles',
    booth_books: 'Livres',
    bill_coffee: 'Café au lait',
    bill_textiles: 'Écharpe',
    bill_books: 'Carnet',
  },
  rw: {
    exhibition: 'Imurikagurisha ry’ubukorikori n’ibiribwa',
    venue: 'Inzu ya 2',
    booth_coffee: 'Ahacururizwa ikawa',
    booth_textiles: 'Imyenda',
    booth_books: 'Ibitabo',
    bill_coffee: 'Ikawa n’amata',
    bill_textiles: 'Igitambaro cy’ijosi',
    bill_books: 'Ikayi',
  },
};
