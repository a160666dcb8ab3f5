import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createExhibition } from '../../../../test/factories/exhibition.ts';
import { createOrg } from '../../../../test/factories/org.ts';
import { signedInStaff } from '../../../../test/factories/staff.ts';
import { type ApiClient, startTestApp, type TestApp } from '../../../../test/support/test-app.ts';
import { sql } from '../../../platform/db/index.ts';

/*
 * Issue 54, items 13, 14 and 24: the desk of a Dubai organization reads the local numbers its
 * clerks type (`050 123 4567`), and a refusal gives an example of the UAE, not of Rwanda; a Kigali
 * organization on the same deployment reads its own. The console's CSV import of customers checks
 * phones the same way in its dry run, and e-mails nobody unless asked, saying how many it would.
 */
let app: TestApp;
/** Each organization's desk and exhibition, made before the tests run. */
const orgs = {} as Record<'dubai' | 'kigali', { desk: ApiClient; exhibitionId: string }>;

beforeAll(async () => {
  app = await startTestApp();
  // The demo's organization: dollars, so its time zone says the country.
  const dubai = await createOrg(app, { currency: 'USD', timeZone: 'Asia/Dubai' });
  const kigali = await createOrg(app, { currency: 'RWF', timeZone: 'Africa/Kigali' });
  for (const [name, org] of [
    ['dubai', dubai],
    ['kigali', kigali],
  ] as const) {
    orgs[name] = {
      desk: await signedInStaff(app, { role: 'ops', org: org.slug }),
      exhibitionId: (await createExhibition(app, { org: org.slug })).exhibition.id,
    };
  }
});
afterAll(() => app?.close());

const register = (org: keyof typeof orgs, phone: string, n: number) =>
  orgs[org].desk.post('/api/exhibition/customers', {
    exhibitionId: orgs[org].exhibitionId,
    name: `Visitor ${n}`,
    email: `visitor${n}@${org}.test`,
    phone,
  });

describe('phones typed at the desk (issue 54, items 13 and 24)', () => {
  it("reads a local number in the organization's country and keeps it in international form", async () => {
    const dubai = await register('dubai', '050 123 4567', 1);
    expect(dubai.statusCode, dubai.body).toBe(201);
    expect(dubai.json().phone).toBe('+971501234567');
    const kigali = await register('kigali', '0788 123 456', 2);
    expect(kigali.statusCode, kigali.body).toBe(201);
    expect(kigali.json().phone).toBe('+250788123456');
    // An international number is read as written, in either.
    const abroad = await register('dubai', '+250 788 123 457', 3);
    expect(abroad.json().phone).toBe('+250788123457');
  });

  it('finds the customer at the desk and the booth by the number typed as dialled there', async () => {
    const search = async (org: keyof typeof orgs, q: string) =>
      (
        await orgs[org].desk.get(
          `/api/exhibition/exhibitions/${orgs[org].exhibitionId}/customers?q=${encodeURIComponent(q)}`,
        )
      ).json() as Array<{ name: string }>;
    expect((await search('dubai', '050 123 4567')).map((c) => c.name)).toEqual(['Visitor 1']);
    expect((await search('dubai', '+971 50 123 4567')).map((c) => c.name)).toEqual(['Visitor 1']);
    expect((await search('kigali', '0788 123 456')).map((c) => c.name)).toEqual(['Visitor 2']);
    // The other organization's customer is not found by its number.
    expect(await search('kigali', '+971501234567')).toEqual([]);
  });

  it("refuses a number that is none there, naming the field with an example of the organization's country", async () => {
    const dubai = await register('dubai', '050 123 456', 4);
    expect(dubai.statusCode).toBe(400);
    const problem = dubai.json();
    expect(problem.code).toBe('contacts.invalid_identity');
    expect(problem.errors).toEqual([
      expect.objectContaining({ field: 'body.phone', code: 'invalid_phone', expected: '050 123 4567' }),
    ]);
    expect(problem.detail).toContain('050 123 4567 or +971 50 123 4567');
    expect(dubai.body).not.toContain('+250');
    // A Dubai number typed locally in Kigali is no Rwandan number: Kigali's example.
    const kigali = await register('kigali', '050 123 4567', 5);
    expect(kigali.statusCode).toBe(400);
    expect(kigali.json().errors[0]).toMatchObject({ field: 'body.phone', expected: '0720 123 456' });
  });
});

describe("the console's CSV import of customers (issue 54, items 13 and 14)", () => {
  const mapping = { Exhibition: 'exhibitionId', Name: 'name', Email: 'email', Phone: 'phone' };
  const csvOf = (rows: string[][]) =>
    `Exhibition,Name,Email,Phone\n${rows.map((r) => [orgs.dubai.exhibitionId, ...r].join(',')).join('\n')}\n`;
  const importCsv = (csv: string, query: string) =>
    orgs.dubai.desk.post(`/api/exhibition/console/customers/import?${query}`, { csv, mapping });
  const welcomes = async (emails: string[]) => {
    const { rows } = await sql<{ n: number }>`select count(*)::int as n from notification
      where recipient in (${sql.join(emails)})`.execute(app.database.db);
    return rows[0]!.n;
  };

  it('checks phones in the dry run as the desk reads them, with the country’s example', async () => {
    const csv = csvOf([
      ['Local One', 'local1@csv.test', '050 123 4501'],
      ['Short One', 'short1@csv.test', '050 123 45'],
    ]);
    const dry = (await importCsv(csv, 'dryRun=true')).json();
    expect(dry).toMatchObject({ rows: 2, valid: 1, invalid: 1, created: 0 });
    expect(dry.errors).toEqual([
      { row: 3, field: 'phone', message: 'is not a phone number like 050 123 4567 or +971 50 123 4567' },
    ]);
  });

  it('sends no welcome e-mail unless asked, and says how many it would send', async () => {
    const quiet = ['quiet1@csv.test', 'quiet2@csv.test'];
    const csv = csvOf([
      ['Quiet One', quiet[0]!, '050 123 4511'],
      ['Quiet Two', quiet[1]!, '+971 50 123 4512'],
    ]);
    const dry = (await importCsv(csv, 'dryRun=true')).json();
    expect(dry.messages).toEqual({ wouldSend: 2, queued: 0 });
    const real = await importCsv(csv, 'dryRun=false');
    expect(real.statusCode, real.body).toBe(200);
    expect(real.json()).toMatchObject({ created: 2, messages: { wouldSend: 2, queued: 0 } });
    expect(await welcomes(quiet)).toBe(0);
    const listed = (
      await orgs.dubai.desk.get(`/api/exhibition/exhibitions/${orgs.dubai.exhibitionId}/customers?q=Quiet`)
    ).json() as Array<{ phone: string; welcomeNotificationId: string | null }>;
    expect(listed.map((c) => c.phone).sort()).toEqual(['+971501234511', '+971501234512']);

    const asked = ['asked1@csv.test'];
    const notified = await importCsv(
      csvOf([['Asked One', asked[0]!, '050 123 4513']]),
      'dryRun=false&notify=true',
    );
    expect(notified.json()).toMatchObject({ created: 1, messages: { wouldSend: 1, queued: 1 } });
    expect(await welcomes(asked)).toBe(1);
  });

  it('tells the console its customers send messages, so the import asks', async () => {
    const resources = (await orgs.dubai.desk.get('/api/resources')).json() as Array<{
      name: string;
      importable: { messages: boolean } | null;
    }>;
    expect(resources.find((r) => r.name === 'exhibition.customers')?.importable?.messages).toBe(true);
    expect(resources.find((r) => r.name === 'contacts.contacts')?.importable?.messages).toBe(false);
  });
});
