/**
 * Polyglot's `replace` for the console: a number placed in a sentence reads in the reader's number
 * format ("MILK en 1,5 días", not "1.5"; issue 28), the plural still chosen by the number itself.
 * Digits are not grouped: sentences also carry ticket numbers, serials and years. An amount placed
 * as `{ amountMinor, currency }` (a server's "Refund of %{amount} to …") reads as `money` writes it,
 * as money reads everywhere in the console ("30,00 US$").
 */
export function localeNumbersIn(
  locale: () => string,
  money: (amountMinor: number, currency: string, locale: string) => string = (minor, currency) =>
    `${currency} ${minor}`,
) {
  return function replace(
    this: string,
    pattern: RegExp,
    value: (expression: string, name: string) => unknown,
  ): string {
    const numbers = new Intl.NumberFormat(locale(), { useGrouping: false, maximumFractionDigits: 20 });
    return this.replace(pattern, (expression: string, name: string) => {
      const v = value(expression, name);
      if (isAmount(v)) return money(v.amountMinor, v.currency, locale());
      return typeof v === 'number' ? numbers.format(v) : String(v);
    });
  };
}

const isAmount = (v: unknown): v is { amountMinor: number; currency: string } =>
  !!v &&
  typeof v === 'object' &&
  typeof (v as { amountMinor?: unknown }).amountMinor === 'number' &&
  typeof (v as { currency?: unknown }).currency === 'string';
