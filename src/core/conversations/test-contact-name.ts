import { createHash } from 'node:crypto';

const NAMES = [
  'Ana Gómez',
  'Jean Uwase',
  'Priya Nair',
  'Lucas Silva',
  'Aisha Bello',
  'Marie Dubois',
  'Rahul Verma',
  'Sofía Ruiz',
  'Eric Mugisha',
  'Lena Fischer',
  'Omar Haddad',
  'Grace Mutesi',
];

/**
 * The profile name of a test contact (the chat simulator's, the sandbox's played WhatsApp and
 * Telegram), as a person's own profile would give one: the console names people by it, so a test
 * key (`sim-t7ouib96`) never stands where a name is read. The same key gives the same name.
 */
export function testContactName(contactKey: string): string {
  return NAMES[createHash('sha256').update(contactKey).digest().readUInt32BE(0) % NAMES.length]!;
}
