import { type Contact, createContact as createContactUseCase } from '../../src/core/contacts/index.ts';
import type { TestApp } from '../support/test-app.ts';
import { type InOrg, orgCtx } from './org.ts';
import { uniqueDigits } from './unique.ts';

/** A person the organization knows, with a WhatsApp number (unique unless given), through core contacts. */
export async function createContact(
  app: TestApp,
  input: InOrg & {
    name?: string;
    whatsapp?: string;
    telegramId?: string;
    language?: 'en' | 'es' | 'hi';
  } = {},
): Promise<Contact> {
  const whatsapp = input.whatsapp ?? `5959${uniqueDigits(8)}`;
  return createContactUseCase(await orgCtx(app, input.org), {
    displayName: input.name ?? `Contact ${whatsapp}`,
    preferredLanguage: input.language ?? null,
    identities: [
      { channel: 'whatsapp', externalId: whatsapp },
      ...(input.telegramId ? [{ channel: 'telegram' as const, externalId: input.telegramId }] : []),
    ],
  });
}
