import type { BillJson, BoothJson, CustomerJson, ExhibitionJson } from '../browser.ts';

/** What the desk screen reads from the exhibition API, and how it shows a customer's code. */
export type Exhibition = ExhibitionJson;
export type Booth = BoothJson;
export type Customer = CustomerJson;
export type Bill = BillJson;
/** What the one focused input is for: scanning, picking among matches, billing an open tab, registering. */
export type DeskMode = 'scan' | 'pick' | 'tab' | 'register';

/** A customer code as printed on the pass: `ABCD-EFGH`, whether it comes with its hyphen or not. */
export const codeOf = (code: string) => {
  const bare = code.replace(/[^0-9A-Za-z]/g, '').toUpperCase();
  return `${bare.slice(0, 4)}-${bare.slice(4)}`;
};

/** The desk's inputs are large: they are read across a counter. */
export const DESK_FIELD = {
  padding: '10px 12px',
  fontSize: 18,
  width: '100%',
  boxSizing: 'border-box' as const,
};
