import type { Ctx } from '../../../core/context/index.ts';
import { getOrganization } from '../../../core/orgs/index.ts';

/** Currencies of one country: an organization selling in one reads local phone numbers there. */
const COUNTRY_OF_CURRENCY: Readonly<Record<string, string>> = {
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
  INR: 'IN',
};

/** Zones of one country, for an organization whose currency says none (USD, EUR). */
const COUNTRY_OF_ZONE: Readonly<Record<string, string>> = {
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
  'Asia/Kolkata': 'IN',
};

/**
 * The country of the numbers staff typed in local form (`0981 123-456`): the operator's answer
 * (`--answer country=PY`), else the organization's currency, else its time zone; null when none
 * says (such numbers are then kept as typed and flagged).
 */
export async function phoneCountryOf(ctx: Ctx, answer: string | undefined): Promise<string | null> {
  const given = answer?.trim().toUpperCase();
  if (given && /^[A-Z]{2}$/.test(given)) return given;
  const org = await getOrganization(ctx);
  return COUNTRY_OF_CURRENCY[org.currency.trim()] ?? COUNTRY_OF_ZONE[org.timeZone] ?? null;
}
