import { type CustomerView, registerCustomer } from '../../src/modules/exhibition/customers.ts';
import type { ExhibitionRuntime } from '../../src/modules/exhibition/exhibition.runtime.ts';
import type { CustomerLanguage } from '../../src/modules/exhibition/exhibition.tables.ts';
import {
  type BoothView,
  createBooth,
  createExhibition as createExhibitionUseCase,
  type ExhibitionView,
} from '../../src/modules/exhibition/exhibitions.ts';
import type { TestApp } from '../support/test-app.ts';
import { createOrg, type InOrg, orgCtx } from './org.ts';
import { signedInStaff } from './staff.ts';
import { uniqueDigits, uniqueName } from './unique.ts';

/** The exhibition module's runtime of a test app. */
export const exhibitionRuntime = (app: TestApp) => app.runtimeOf('exhibition') as ExhibitionRuntime;

/** An exhibition through the use case (USD, 10–12 December 2026) with one booth per name in `booths`. */
export async function createExhibition(
  app: TestApp,
  input: InOrg & {
    name?: string;
    currency?: string;
    startsOn?: string;
    endsOn?: string;
    venue?: string;
    timeZone?: string;
    booths?: string[];
  } = {},
): Promise<{ exhibition: ExhibitionView; booths: BoothView[] }> {
  const { org, booths = [], ...settings } = input;
  const ctx = await orgCtx(app, org);
  const exhibition = await createExhibitionUseCase(ctx, {
    name: uniqueName('Expo'),
    currency: 'USD',
    startsOn: '2026-12-10',
    endsOn: '2026-12-12',
    ...settings,
  });
  const created: BoothView[] = [];
  for (const name of booths) created.push(await createBooth(ctx, exhibition.id, { name }));
  return { exhibition, booths: created };
}

/**
 * A fair in Kigali: an organization selling in RWF on Kigali's time, an ops person signed in at its
 * desk, and its exhibition "Kigali Trade Fair" (in RWF) with one booth per name in `booths`.
 */
export async function createKigaliFair(app: TestApp, booths: string[] = []) {
  const { slug } = await createOrg(app, { currency: 'RWF', timeZone: 'Africa/Kigali' });
  const desk = await signedInStaff(app, { role: 'ops', org: slug });
  const created = await createExhibition(app, {
    org: slug,
    name: 'Kigali Trade Fair',
    currency: 'RWF',
    booths,
  });
  return { org: slug, desk, exhibitionId: created.exhibition.id, booths: created.booths };
}

/**
 * A customer registered at the desk through the use case: a code, a signed pass and the welcome
 * e-mail queued. E-mail and phone are unique unless given.
 */
export async function registerExhibitionCustomer(
  app: TestApp,
  input: InOrg & {
    exhibitionId: string;
    name?: string;
    email?: string;
    phone?: string;
    language?: CustomerLanguage;
  },
): Promise<CustomerView> {
  const { org, ...customer } = input;
  const digits = uniqueDigits(6);
  return registerCustomer(await orgCtx(app, org), exhibitionRuntime(app), {
    name: `Visitor ${digits}`,
    email: `visitor${digits}@visitor.test`,
    phone: `+1415${digits.padStart(7, '5')}`,
    ...customer,
  });
}
