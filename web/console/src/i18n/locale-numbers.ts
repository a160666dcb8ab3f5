/**
 * Polyglot's `replace` for the console: a number placed in a sentence reads in the reader's number
 * format ("MILK en 1,5 días", not "1.5"; issue 28), the plural still chosen by the number itself.
 * Digits are not grouped: sentences also carry ticket numbers, serials and years.
 */
export function localeNumbersIn(locale: () => string) {
  return function replace(
    this: string,
    pattern: RegExp,
    value: (expression: string, name: string) => unknown,
  ): string {
    const numbers = new Intl.NumberFormat(locale(), { useGrouping: false, maximumFractionDigits: 20 });
    return this.replace(pattern, (expression: string, name: string) => {
      const v = value(expression, name);
      return typeof v === 'number' ? numbers.format(v) : String(v);
    });
  };
}
