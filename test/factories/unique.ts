let counter = 0;

/** A name no other record of this test run has (`contact-7`): factories never collide on unique keys. */
export function uniqueName(prefix: string): string {
  counter += 1;
  return `${prefix}-${counter}`;
}

/** Digits unique in this test run, to build phone numbers and ids of a given length. */
export function uniqueDigits(length: number): string {
  counter += 1;
  return String(counter).padStart(length, '0');
}
