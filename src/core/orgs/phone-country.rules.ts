// Where an organization's people type their phone numbers in local form (`050 123 4567` in Dubai,
// `0788 123 456` in Kigali, `0981 123-456` in Asunción): the country such numbers are read in. One
// table for every module (the prepaid portal, the exhibition desk, the raffle's buyers, the imports).

/** Currencies of one country: an organization selling in one reads local numbers there. */
const COUNTRY_OF_CURRENCY: Readonly<Record<string, string>> = {
  AED: 'AE',
  SAR: 'SA',
  QAR: 'QA',
  OMR: 'OM',
  KWD: 'KW',
  BHD: 'BH',
  EGP: 'EG',
  JOD: 'JO',
  RWF: 'RW',
  BIF: 'BI',
  KES: 'KE',
  UGX: 'UG',
  TZS: 'TZ',
  ETB: 'ET',
  MWK: 'MW',
  ZMW: 'ZM',
  NGN: 'NG',
  GHS: 'GH',
  CDF: 'CD',
  INR: 'IN',
  PKR: 'PK',
  PYG: 'PY',
  COP: 'CO',
  ARS: 'AR',
  BOB: 'BO',
  BRL: 'BR',
  CLP: 'CL',
  MXN: 'MX',
  PEN: 'PE',
  UYU: 'UY',
  GTQ: 'GT',
  HNL: 'HN',
  NIO: 'NI',
  CRC: 'CR',
  DOP: 'DO',
};

/** Zones of one country, for an organization whose currency says none (USD, EUR). */
const COUNTRY_OF_ZONE: Readonly<Record<string, string>> = {
  'Asia/Dubai': 'AE',
  'Asia/Riyadh': 'SA',
  'Asia/Kolkata': 'IN',
  'Africa/Kigali': 'RW',
  'Africa/Nairobi': 'KE',
  'Africa/Kampala': 'UG',
  'Africa/Lagos': 'NG',
  'Africa/Accra': 'GH',
  'America/Asuncion': 'PY',
  'America/Bogota': 'CO',
  'America/Argentina/Buenos_Aires': 'AR',
  'America/La_Paz': 'BO',
  'America/Santiago': 'CL',
  'America/Mexico_City': 'MX',
  'America/Lima': 'PE',
  'America/Montevideo': 'UY',
  'America/Guayaquil': 'EC',
  'America/Panama': 'PA',
  'America/El_Salvador': 'SV',
  'Europe/Madrid': 'ES',
};

const ISO_COUNTRY = /^[A-Z]{2}$/;

/**
 * The country an organization's local phone numbers are read in: the one it set (a setting, an
 * import's answer), else its currency's, else its time zone's; null when none says (such numbers
 * are then kept as typed, or asked for in international form).
 */
export function phoneCountryOf(
  org: { currency: string; timeZone: string },
  chosen?: string | null,
): string | null {
  const given = chosen?.trim().toUpperCase();
  if (given && ISO_COUNTRY.test(given)) return given;
  return COUNTRY_OF_CURRENCY[org.currency.trim().toUpperCase()] ?? COUNTRY_OF_ZONE[org.timeZone] ?? null;
}
