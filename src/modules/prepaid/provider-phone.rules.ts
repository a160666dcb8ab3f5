import {
  type CountryCode,
  getExampleNumber,
  isSupportedCountry,
  parsePhoneNumberFromString,
} from 'libphonenumber-js/max';
import mobileExamples from 'libphonenumber-js/mobile/examples';
import { phoneExampleOf } from '../../core/contacts/index.ts';

/** The mobile-money providers a meter's sale asks to pay (`prepaid_purchase.method`, less cash). */
export type MoneyProvider = 'momo' | 'airtel';

/**
 * The first digits of the national numbers each provider's network gives, per country where it runs
 * mobile money (issue 66: Rwanda's example was libphonenumber's 0720…, an Airtel number, in a text
 * asking for an MTN MoMo one). The first prefix of a list makes the example.
 */
const PROVIDER_PREFIXES: Partial<Record<string, Record<MoneyProvider, string[]>>> = {
  RW: { momo: ['78', '79'], airtel: ['73', '72'] },
  UG: { momo: ['77', '78', '76'], airtel: ['70', '75', '74'] },
  ZM: { momo: ['96', '76'], airtel: ['97', '77'] },
  GH: { momo: ['24', '54', '55', '59'], airtel: ['26', '56', '27', '57'] },
  NG: { momo: ['803', '806', '703'], airtel: ['802', '808', '708'] },
};

/**
 * How a number of `provider` in `country` is written there and abroad (`0788 123 456`, `+250 788 123
 * 456` for MTN MoMo in Rwanda): the country's example number on the provider's prefix. A country
 * whose prefixes are not known here gives its plain mobile example; null when the country is unknown.
 */
export function providerPhoneExample(
  country: string | null | undefined,
  provider: MoneyProvider,
): { local: string; international: string } | null {
  const code = country?.toUpperCase();
  const plain = phoneExampleOf(code);
  const prefix = code ? PROVIDER_PREFIXES[code]?.[provider]?.[0] : undefined;
  if (!plain || !prefix || !code || !isSupportedCountry(code)) return plain;
  const example = getExampleNumber(code as CountryCode, mobileExamples);
  if (!example) return plain;
  const national = prefix + example.nationalNumber.slice(prefix.length);
  const number = parsePhoneNumberFromString(`+${example.countryCallingCode}${national}`);
  return number?.isValid()
    ? { local: number.formatNational(), international: number.formatInternational() }
    : plain;
}

/** Whether `e164` is on `provider`'s network in `country` (false when the prefixes are not known here). */
export function isProviderNumber(e164: string, country: string, provider: MoneyProvider): boolean {
  const number = parsePhoneNumberFromString(e164);
  const prefixes = PROVIDER_PREFIXES[country.toUpperCase()]?.[provider] ?? [];
  return (
    number?.country === country.toUpperCase() && prefixes.some((p) => number.nationalNumber.startsWith(p))
  );
}
