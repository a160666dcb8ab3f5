import { createHmac } from 'node:crypto';

/**
 * Where an owner proves a spreadsheet is theirs: the tab and cell that must read their
 * organization's verification code before the backup may write there (issue 26, item 6).
 */
export const PROOF_SHEET = 'Opsdesk';
export const PROOF_CELL = 'A1';

/**
 * An organization's verification code: stable per organization and deployment, unguessable without
 * OPSDESK_SECRET_KEY, so another organization cannot type it into a sheet before this one does.
 */
export function sheetProofCode(orgId: string, secretKey: string): string {
  const mac = createHmac('sha256', secretKey).update(`mess.sheet-ownership:${orgId}`).digest('hex');
  return `opsdesk-${mac.slice(0, 16)}`;
}

/** Whether the cells read from the proof cell show the code (spaces around it are forgiven). */
export function showsProofCode(cells: ReadonlyArray<ReadonlyArray<unknown>>, code: string): boolean {
  const value = cells[0]?.[0];
  return typeof value === 'string' && value.trim() === code;
}
