import type { SeedCatalog } from '../../core/modules/index.ts';

type PrepaidSeedKey =
  | 'household'
  | 'school'
  | 'main_block'
  | 'dormitory'
  | 'administration'
  | 'science_labs'
  | 'boarding';

/**
 * The words the prepaid demo writes into an organization (what a customer account is, the school's
 * buildings and departments its meters are labelled with), in the organization's default language;
 * people's and places' names (Uwase, Kimironko) and meter numbers stay as they are.
 */
export const prepaidSeedCatalog: SeedCatalog<PrepaidSeedKey> = {
  en: {
    household: '{{name}} household',
    school: '{{place}} Secondary School',
    main_block: 'Main block',
    dormitory: 'Dormitory',
    administration: 'Administration',
    science_labs: 'Science labs',
    boarding: 'Boarding',
  },
  hi: {
    household: '{{name}} परिवार',
    school: '{{place}} माध्यमिक विद्यालय',
    main_block: 'मुख्य भवन',
    dormitory: 'छात्रावास',
    administration: 'प्रशासन',
    science_labs: 'विज्ञान प्रयोगशालाएँ',
    boarding: 'आवास',
  },
  es: {
    household: 'Hogar {{name}}',
    school: 'Escuela Secundaria de {{place}}',
    main_block: 'Edificio principal',
    dormitory: 'Dormitorio',
    administration: 'Administración',
    science_labs: 'Laboratorios de ciencias',
    boarding: 'Internado',
  },
  fr: {
    household: 'Foyer {{name}}',
    school: 'École secondaire de {{place}}',
    main_block: 'Bâtiment principal',
    dormitory: 'Dortoir',
    administration: 'Administration',
    science_labs: 'Laboratoires de sciences',
    boarding: 'Internat',
  },
  rw: {
    household: 'Urugo rwa {{name}}',
    school: 'Ishuri ryisumbuye rya {{place}}',
    main_block: 'Inyubako nkuru',
    dormitory: 'Icumbi',
    administration: 'Ubuyobozi',
    science_labs: 'Laboratwari z’ubumenyi',
    boarding: 'Uburaro',
  },
};
