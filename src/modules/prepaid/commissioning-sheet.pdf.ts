import { newPdfDocument, scriptFonts } from '../../core/pdf-text/index.ts';

const WORDS = {
  en: {
    title: 'Meter commissioning sheet',
    meter: 'Meter number',
    account: 'Account',
    place: 'Location',
    key: 'OpenPAYGO key (secret)',
    startingCode: 'Starting code',
    format: 'Token format',
    standard: 'standard, 9 digits',
    extended: 'extended, 12 digits',
    restricted: 'keypad digits 1–4 only',
    divider: 'Value divider (token value = kWh ×)',
    lastCount: 'Last count issued',
    printed: 'Printed',
    warning:
      'Program this key and starting code into the meter, then destroy this sheet. Whoever holds the key can make tokens for this meter, and Opsdesk never shows it again.',
  },
  fr: {
    title: 'Fiche de mise en service du compteur',
    meter: 'Numéro du compteur',
    account: 'Compte',
    place: 'Emplacement',
    key: 'Clé OpenPAYGO (secrète)',
    startingCode: 'Code de départ',
    format: 'Format des codes',
    standard: 'standard, 9 chiffres',
    extended: 'étendu, 12 chiffres',
    restricted: 'clavier à chiffres 1–4 seulement',
    divider: 'Diviseur de valeur (valeur du code = kWh ×)',
    lastCount: 'Dernier compteur émis',
    printed: 'Imprimée le',
    warning:
      'Programmez cette clé et ce code de départ dans le compteur, puis détruisez cette fiche. Quiconque détient la clé peut créer des codes pour ce compteur, et Opsdesk ne la montre plus jamais.',
  },
  es: {
    title: 'Hoja de puesta en servicio del medidor',
    meter: 'Número de medidor',
    account: 'Cuenta',
    place: 'Ubicación',
    key: 'Clave OpenPAYGO (secreta)',
    startingCode: 'Código inicial',
    format: 'Formato del token',
    standard: 'estándar, 9 dígitos',
    extended: 'extendido, 12 dígitos',
    restricted: 'teclado solo con dígitos 1–4',
    divider: 'Divisor de valor (valor del token = kWh ×)',
    lastCount: 'Última cuenta emitida',
    printed: 'Impresa',
    warning:
      'Programe esta clave y el código inicial en el medidor y destruya esta hoja. Quien tenga la clave puede crear tokens para este medidor, y Opsdesk no la vuelve a mostrar.',
  },
  hi: {
    title: 'मीटर चालू करने की शीट',
    meter: 'मीटर नंबर',
    account: 'खाता',
    place: 'स्थान',
    key: 'OpenPAYGO कुंजी (गोपनीय)',
    startingCode: 'शुरुआती कोड',
    format: 'टोकन का प्रारूप',
    standard: 'मानक, 9 अंक',
    extended: 'विस्तारित, 12 अंक',
    restricted: 'कीपैड पर केवल 1–4 अंक',
    divider: 'मान भाजक (टोकन मान = kWh ×)',
    lastCount: 'आख़िरी जारी काउंट',
    printed: 'छपी',
    warning:
      'यह कुंजी और शुरुआती कोड मीटर में डालें, फिर यह शीट नष्ट कर दें। जिसके पास कुंजी है वह इस मीटर के टोकन बना सकता है, और Opsdesk इसे फिर कभी नहीं दिखाता।',
  },
};
export type SheetLanguage = keyof typeof WORDS;
export const SHEET_LANGUAGES = Object.keys(WORDS) as SheetLanguage[];

export interface CommissioningFacts {
  orgName: string;
  number: string;
  account: string;
  place: string;
  key: string;
  startingCode: number;
  extended: boolean;
  restricted: boolean;
  valueDivider: number;
  lastCount: number;
}

/** The key in groups of four, so a technician can type it without losing their place. */
export const groupedKey = (hex: string) => (hex.match(/.{1,4}/g) ?? [hex]).join(' ');

/**
 * The one sheet a technician needs to program a meter: its number, OpenPAYGO key and starting
 * code, and how its tokens look. Rendered only from a key the caller already holds (the creation
 * answer); the server never reads a stored key back for it.
 */
export async function commissioningSheetPdf(
  facts: CommissioningFacts,
  language: SheetLanguage,
  at: Date,
): Promise<Buffer> {
  const w = WORDS[language];
  const doc = await newPdfDocument({ size: 'A4', margin: 50, info: { Title: `${w.title} ${facts.number}` } });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve) => doc.on('end', () => resolve(Buffer.concat(chunks))));
  const fonts = scriptFonts(doc);
  const left = 50;
  const width = doc.page.width - 100;
  doc.fontSize(20);
  fonts.write(`${facts.orgName}: ${w.title}`, 'bold', left, 50, { width });
  doc.moveDown(1);
  const line = (label: string, value: string, big = false) => {
    doc.fontSize(10).fillColor('#555');
    fonts.write(label, 'regular', left, doc.y, { width });
    doc.fontSize(big ? 20 : 13).fillColor('#000');
    fonts.write(value, 'bold', left, doc.y, { width });
    doc.moveDown(0.6);
  };
  line(w.meter, facts.number, true);
  line(w.account, facts.account);
  if (facts.place) line(w.place, facts.place);
  line(w.key, groupedKey(facts.key), true);
  line(w.startingCode, String(facts.startingCode).padStart(9, '0'), true);
  const format = [facts.extended ? w.extended : w.standard, facts.restricted ? w.restricted : '']
    .filter(Boolean)
    .join(' · ');
  line(w.format, format);
  line(w.divider, String(facts.valueDivider));
  line(w.lastCount, String(facts.lastCount));
  doc.moveDown(0.5).fontSize(10).fillColor('#000');
  fonts.write(w.warning, 'regular', left, doc.y, { width });
  doc.moveDown(1).fontSize(9).fillColor('#555');
  fonts.write(
    `${w.printed}: ${at.toISOString().slice(0, 16).replace('T', ' ')} UTC`,
    'regular',
    left,
    doc.y,
    {
      width,
    },
  );
  doc.end();
  return done;
}
