import jsQR from 'jsqr';
import { PNG } from 'pngjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerExhibitionCustomer } from '../../../../test/factories/exhibition.ts';
import { createOrg } from '../../../../test/factories/org.ts';
import { signedInStaff } from '../../../../test/factories/staff.ts';
import { type SmtpProcess, startSmtpProcess } from '../../../../test/standins/smtp-server.ts';
import { eventually } from '../../../../test/support/eventually.ts';
import { type ApiClient, startTestApp, type TestApp } from '../../../../test/support/test-app.ts';
import { searchAudit } from '../../../core/audit/index.ts';
import { CODE_ALPHABET, checkCharacterFor, generateCode, parseCode } from '../../../core/codes/index.ts';
import { SECRET_MASK } from '../../../core/notifications/index.ts';
import { findOrganizationBySlug } from '../../../core/orgs/index.ts';
import { sql } from '../../../platform/db/index.ts';
import type { ExhibitionRuntime } from '../exhibition.runtime.ts';
import { seedExhibitionDemo } from '../exhibition.seed.ts';
import { continueStatementRun } from '../statement-run.ts';

let app: TestApp;
let smtp: SmtpProcess;
let owner: ApiClient;
let desk: ApiClient;
let exhibitionId: string;
let booths: string[];
let orgId: string;

beforeAll(async () => {
  smtp = await startSmtpProcess();
  app = await startTestApp({
    env: { SMTP_URL: `smtp://127.0.0.1:${smtp.port}`, SMTP_FROM: 'Expo desk <desk@expo.test>' },
  });
  orgId = (await findOrganizationBySlug(app.database.db, 'default'))!.id;
  owner = await signedInStaff(app, { role: 'owner' });
  desk = await signedInStaff(app, { role: 'ops' });
  const created = await owner.post('/api/exhibition/exhibitions', {
    name: 'Winter Expo',
    currency: 'USD',
    startsOn: '2026-12-10',
    endsOn: '2026-12-12',
    venue: 'Hall 4',
  });
  expect(created.statusCode, created.body).toBe(201);
  exhibitionId = created.json().id;
  booths = [];
  for (let i = 1; i <= 8; i++) {
    const b = await owner.post(`/api/exhibition/exhibitions/${exhibitionId}/booths`, { name: `Booth ${i}` });
    expect(b.statusCode, b.body).toBe(201);
    booths.push(b.json().id);
  }
  await app.startWorker();
});
afterAll(async () => {
  await app?.close();
  await smtp?.stop();
});

describe('customer desk', () => {
  it('registers a customer whose e-mail arrives through SMTP with the code, a QR that decodes to their pass, and a badge', async () => {
    const registered = await desk.post('/api/exhibition/customers', {
      exhibitionId,
      name: 'Asha Rao',
      email: 'asharao1@visitor.test',
      phone: '+14155551001',
    });
    expect(registered.statusCode, registered.body).toBe(201);
    const customer = registered.json() as { id: string; code: string; welcomeNotificationId: string };
    expect(parseCode(customer.code, { length: 8 })).toBe(customer.code);
    const [mail] = await smtp.waitForMessages(1);
    expect(mail!.to).toEqual(['asharao1@visitor.test']);
    expect(mail!.text).toContain(`${customer.code.slice(0, 4)}-${customer.code.slice(4)}`);
    // The QR inline in the HTML part (a related image its cid: names), and as a PNG and a PDF badge to keep.
    expect(mail!.html).toContain('src="cid:qr@opsdesk"');
    expect(mail!.html).toContain('Asha Rao');
    const inline = mail!.attachments.filter((a) => a.contentId === 'qr@opsdesk');
    expect(inline).toHaveLength(1);
    expect(inline[0]).toMatchObject({ mimeType: 'image/png', related: true, disposition: 'inline' });
    const files = mail!.attachments.filter((a) => a.contentId !== 'qr@opsdesk');
    expect(files.map((a) => a.mimeType).sort()).toEqual(['application/pdf', 'image/png']);
    const decodeQr = (base64: string) => {
      const png = PNG.sync.read(Buffer.from(base64, 'base64'));
      return jsQR.default(new Uint8ClampedArray(png.data), png.width, png.height);
    };
    const decoded = decodeQr(files.find((a) => a.mimeType === 'image/png')!.base64);
    expect(decoded).not.toBeNull();
    expect(decodeQr(inline[0]!.base64)?.data).toBe(decoded!.data);
    const found = await desk.post('/api/exhibition/customers/by-pass', { pass: decoded!.data });
    expect(found.statusCode, found.body).toBe(200);
    expect(found.json().id).toBe(customer.id);
    // the delivery state shows on the customer once the outbox sent it
    await eventually(
      async () => (await desk.get(`/api/exhibition/customers/${customer.id}`)).json().emailStatus === 'sent',
      { what: 'the welcome e-mail to show as sent' },
    );
    // The outbox keeps neither the images nor the pass: the QR and badge were made from the sealed
    // pass when it was sent (the QR above holds it), and once sent the sealed pass is erased.
    const { rows } = await sql<{
      attachments: unknown[];
      data: { pass: string };
      sealed_secrets: string | null;
    }>`
      select attachments, data, sealed_secrets from notification
      where id = ${customer.welcomeNotificationId}::uuid`.execute(app.database.db);
    expect(rows[0]!.attachments).toEqual([]);
    expect(rows[0]!.data.pass).toBe(SECRET_MASK);
    expect(rows[0]!.sealed_secrets).toBeNull();
  });

  it("shows a customer's QR only to staff who issue passes: it scans to them, and showing it is audited as an issued pass", async () => {
    const customer = await registerExhibitionCustomer(app, { exhibitionId, name: 'Chen Wei' });
    const issued = async () =>
      (
        await sql<{ action: string; actor_label: string }>`select action, actor_label from audit_event
          where action like 'passes.pass.%' and subject_id = ${customer.id} order by id`.execute(
          app.database.db,
        )
      ).rows;
    const before = await issued();
    // Issue 40: a read-only viewer could mint a working pass here, unaudited.
    const viewer = await signedInStaff(app, { role: 'viewer' });
    const refused = await viewer.get(`/api/exhibition/customers/${customer.id}/pass.png`);
    expect(refused.statusCode).toBe(403);
    expect(refused.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(refused.json()).toMatchObject({ code: 'forbidden' });
    expect(await issued()).toEqual(before);

    const shown = await desk.get(`/api/exhibition/customers/${customer.id}/pass.png`);
    expect(shown.statusCode, shown.body).toBe(200);
    expect(shown.headers['content-type']).toBe('image/png');
    const png = PNG.sync.read(shown.rawPayload);
    const pass = jsQR.default(new Uint8ClampedArray(png.data), png.width, png.height)?.data ?? '';
    const found = await desk.post('/api/exhibition/customers/by-pass', { pass });
    expect(found.statusCode, found.body).toBe(200);
    expect(found.json().id).toBe(customer.id);
    const after = await issued();
    expect(after).toHaveLength(before.length + 1);
    expect(after.at(-1)!.action).toBe('passes.pass.issued');
    expect(after.at(-1)!.actor_label).toMatch(/@staff\.test$/);
    const unknown = await desk.get('/api/exhibition/customers/0f8fad5b-d9cb-469f-a165-70867728950e/pass.png');
    expect(unknown.statusCode).toBe(404);
  });

  it('finds a customer by code, refuses a mistyped code with 400 and an unknown one with 404', async () => {
    const customer = await registerExhibitionCustomer(app, { exhibitionId, name: 'Ben Okafor' });
    const ok = await desk.get(`/api/exhibition/customers/by-code/${customer.code.toLowerCase()}`);
    expect(ok.statusCode).toBe(200);
    expect(ok.json().id).toBe(customer.id);
    const swapped = customer.code.slice(0, 6) + customer.code[7] + customer.code[6];
    const typo = await desk.get(
      `/api/exhibition/customers/by-code/${swapped === customer.code ? `${customer.code.slice(0, 7)}Z` : swapped}`,
    );
    expect(typo.statusCode).toBe(400);
    expect(typo.json().code).toMatch(/^codes\./);
    const badLetter = await desk.get(`/api/exhibition/customers/by-code/${customer.code.slice(0, 7)}O`);
    expect(badLetter.statusCode).toBe(400);
    const unknown = await desk.get(`/api/exhibition/customers/by-code/${generateCode({ length: 8 })}`);
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().code).toBe('exhibition.customer_not_found');
  });

  it('refuses a second registration with the same e-mail or phone, naming the match', async () => {
    await registerExhibitionCustomer(app, { exhibitionId, name: 'Chen Li', phone: '+14155551003' });
    const dup = await desk.post('/api/exhibition/customers', {
      exhibitionId,
      name: 'C. Li',
      email: 'other@visitor.test',
      phone: '+14155551003',
    });
    expect(dup.statusCode).toBe(409);
    expect(dup.json().code).toBe('exhibition.customer_duplicate');
  });

  it('refuses an invalid phone with the field named', async () => {
    const res = await desk.post('/api/exhibition/customers', {
      exhibitionId,
      name: 'Dee',
      email: 'dee@visitor.test',
      phone: '12',
    });
    expect(res.statusCode).toBe(400);
    expect(JSON.stringify(res.json())).toContain('body.phone');
  });
});

describe('bills', () => {
  it('eight booths billing three customers at once, with retried requests, give exact totals', async () => {
    const customers = [
      await registerExhibitionCustomer(app, { exhibitionId, name: 'Tab One' }),
      await registerExhibitionCustomer(app, { exhibitionId, name: 'Tab Two' }),
      await registerExhibitionCustomer(app, { exhibitionId, name: 'Tab Three' }),
    ];
    const requests: Array<{ customer: string; booth: string; amount: number; key: string }> = [];
    for (const [bi, booth] of booths.entries())
      for (const [ci, c] of customers.entries())
        for (let k = 0; k < 3; k++)
          requests.push({
            customer: c.id,
            booth,
            amount: 101 * (bi + 1) + 7 * ci + k,
            key: `b${bi}-c${ci}-${k}`,
          });
    // every request is sent twice at once (a retried tap), all 144 concurrently
    const sends = requests.flatMap((r) =>
      [0, 1].map(() =>
        desk.post(
          `/api/exhibition/customers/${r.customer}/bills`,
          { boothId: r.booth, amountMinor: r.amount, description: 'item' },
          { 'idempotency-key': r.key },
        ),
      ),
    );
    const answers = await Promise.all(sends);
    expect(answers.map((a) => a.statusCode).filter((s) => s !== 201)).toEqual([]);
    expect(new Set(answers.map((a) => a.json().id)).size).toBe(requests.length);
    for (const c of customers) {
      const expected = requests.filter((r) => r.customer === c.id).reduce((n, r) => n + r.amount, 0);
      const got = (await desk.get(`/api/exhibition/customers/${c.id}`)).json();
      expect(got.totalMinor).toBe(expected);
      expect(got.billCount).toBe(24);
      const bills = (await desk.get(`/api/exhibition/customers/${c.id}/bills`)).json() as Array<{
        amountMinor: number;
      }>;
      expect(bills.reduce((n, b) => n + b.amountMinor, 0)).toBe(expected);
    }
    const totals = (await desk.get(`/api/exhibition/exhibitions/${exhibitionId}/totals`)).json();
    expect(totals.totalMinor).toBe(requests.reduce((n, r) => n + r.amount, 0));
    expect(totals.byBooth[0].billCount).toBe(9);
  });

  it('voids a bill with a reason once, keeps it listed, and takes it off the total', async () => {
    const c = await registerExhibitionCustomer(app, { exhibitionId, name: 'Void Case' });
    const bill = (
      await desk.post(`/api/exhibition/customers/${c.id}/bills`, { boothId: booths[0], amountMinor: 1250 })
    ).json();
    await desk.post(`/api/exhibition/customers/${c.id}/bills`, { boothId: booths[1], amountMinor: 300 });
    const offered = async () => (await owner.get(`/api/exhibition/console/bills/${bill.id}`)).json()._actions;
    expect(await offered()).toEqual(['void']);
    const [a, b] = await Promise.all([
      desk.post(`/api/exhibition/bills/${bill.id}/void`, { reason: 'rang up twice' }),
      desk.post(`/api/exhibition/bills/${bill.id}/void`, { reason: 'rang up twice' }),
    ]);
    expect([a.statusCode, b.statusCode].sort()).toEqual([200, 409]);
    const after = (await desk.get(`/api/exhibition/customers/${c.id}`)).json();
    expect(after).toMatchObject({ totalMinor: 300, billCount: 1 });
    const bills = (await desk.get(`/api/exhibition/customers/${c.id}/bills`)).json();
    expect(bills.map((x: { status: string }) => x.status)).toEqual(['void', 'active']);
    expect(bills[0].voidReason).toBe('rang up twice');
    // A void bill's page no longer offers "Void".
    expect(await offered()).toEqual([]);
    const audit = await searchAudit(app.deps.systemCtx(orgId, 'test'), {
      subjectType: 'exhibition_bill',
      subjectId: bill.id,
      limit: 10,
      action: 'exhibition.',
    });
    expect(audit.items.map((e) => e.action).sort()).toEqual([
      'exhibition.bill.added',
      'exhibition.bill.voided',
    ]);
  });

  it('lets booth staff bill only at the booth they are assigned to, and not register', async () => {
    const c = await registerExhibitionCustomer(app, { exhibitionId, name: 'Booth Rule' });
    const boothStaff = await signedInStaff(app, { role: 'scanner' });
    const session = (await boothStaff.get('/api/auth/session')).json();
    const assign = await owner.post(`/api/exhibition/booths/${booths[2]}/staff`, { userId: session.user.id });
    expect(assign.statusCode, assign.body).toBe(204);
    const own = await boothStaff.post(`/api/exhibition/customers/${c.id}/bills`, {
      boothId: booths[2],
      amountMinor: 500,
    });
    expect(own.statusCode, own.body).toBe(201);
    const other = await boothStaff.post(`/api/exhibition/customers/${c.id}/bills`, {
      boothId: booths[3],
      amountMinor: 500,
    });
    expect(other.statusCode).toBe(403);
    expect(other.json().code).toBe('exhibition.booth_not_assigned');
    const register = await boothStaff.post('/api/exhibition/customers', {
      exhibitionId,
      name: 'X',
      email: 'x@visitor.test',
      phone: '+14155559999',
    });
    expect(register.statusCode).toBe(403);
    expect((await desk.get(`/api/exhibition/customers/${c.id}`)).json().totalMinor).toBe(500);
  });

  it('serves the statement as a PDF and e-mails it', async () => {
    const c = await registerExhibitionCustomer(app, {
      exhibitionId,
      name: 'Statement Case',
      email: 'statementcase41@visitor.test',
    });
    await desk.post(`/api/exhibition/customers/${c.id}/bills`, {
      boothId: booths[0],
      amountMinor: 999,
      description: 'Tea',
    });
    const pdf = await owner.get(`/api/exhibition/customers/${c.id}/statement.pdf`);
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    const email = () =>
      desk.post(`/api/exhibition/customers/${c.id}/statement/email`, undefined, {
        'idempotency-key': 'st-41',
      });
    const sent = await email();
    expect(sent.statusCode).toBe(202);
    // Sent again with its key (the answer was lost): the same e-mail, none queued twice.
    expect((await email()).json()).toEqual(sent.json());
    const queued = await app.database.pool.query<{ n: number }>(
      "select count(*)::int as n from notification where recipient = $1 and template = 'exhibition.statement'",
      ['statementcase41@visitor.test'],
    );
    expect(queued.rows[0]!.n).toBe(1);
    const isStatement = (m: { subject: string | null; to: string[] }) =>
      m.subject?.startsWith('Your statement') && m.to.includes('statementcase41@visitor.test');
    const statement = await eventually(async () => (await smtp.messages()).find(isStatement), {
      what: 'the statement e-mail',
    });
    expect(statement?.text).toContain('$9.99');
    expect(statement?.attachments[0]?.mimeType).toBe('application/pdf');
  });
});

describe('booth page and duplicates', () => {
  it('lists the booths a biller may bill at, with live totals of today', async () => {
    const c = await registerExhibitionCustomer(app, { exhibitionId, name: 'Booth List' });
    const boothStaff = await signedInStaff(app, { role: 'scanner' });
    expect((await boothStaff.get('/api/exhibition/my-booths')).json()).toEqual([]);
    const session = (await boothStaff.get('/api/auth/session')).json();
    await owner.post(`/api/exhibition/booths/${booths[5]}/staff`, { userId: session.user.id });
    await desk.post(`/api/exhibition/customers/${c.id}/bills`, { boothId: booths[5], amountMinor: 420 });
    const mine = (await boothStaff.get('/api/exhibition/my-booths')).json();
    expect(mine).toHaveLength(1);
    const before = mine[0];
    expect(before).toMatchObject({
      id: booths[5],
      name: 'Booth 6',
      exhibitionName: 'Winter Expo',
      currency: 'USD',
    });
    expect(before.overall.totalMinor).toBeGreaterThanOrEqual(420);
    // The desk bills anywhere, so it sees every booth of a running exhibition.
    const all = (await desk.get('/api/exhibition/my-booths')).json();
    expect(all.filter((b: { exhibitionId: string }) => b.exhibitionId === exhibitionId)).toHaveLength(8);
  });

  it("adds up the booth dashboard: each booth's day, hours and top customers, voids left out, for the organizer only", async () => {
    const ex = (
      await owner.post('/api/exhibition/exhibitions', {
        name: 'Dashboard Expo',
        currency: 'USD',
        startsOn: '2026-01-01',
        endsOn: '2030-12-31',
      })
    ).json();
    const [a, b] = await Promise.all(
      ['North', 'South'].map(async (name) =>
        (await owner.post(`/api/exhibition/exhibitions/${ex.id}/booths`, { name })).json(),
      ),
    );
    const people: Array<{ id: string }> = [];
    for (const [i, name] of ['Dana', 'Eli', 'Fay'].entries()) {
      const c = await desk.post('/api/exhibition/customers', {
        exhibitionId: ex.id,
        name,
        email: `${name.toLowerCase()}${i}@dash.test`,
        phone: `+1415556${String(2000 + i)}`,
      });
      people.push(c.json());
    }
    const bill = async (who: number, boothId: string, amountMinor: number) =>
      (
        await desk.post(`/api/exhibition/customers/${people[who]!.id}/bills`, { boothId, amountMinor })
      ).json();
    await bill(0, a.id, 1000);
    await bill(1, a.id, 2500);
    await bill(2, b.id, 333);
    const voided = await bill(0, b.id, 9999);
    await desk.post(`/api/exhibition/bills/${voided.id}/void`, { reason: 'wrong customer' });
    await bill(0, b.id, 1);

    const res = await owner.get(`/api/exhibition/exhibitions/${ex.id}/dashboard`);
    expect(res.statusCode, res.body).toBe(200);
    const d = res.json();
    expect(d.booths.map((x: { boothName: string; today: unknown }) => [x.boothName, x.today])).toEqual([
      ['North', { billCount: 2, totalMinor: 3500 }],
      ['South', { billCount: 2, totalMinor: 334 }],
    ]);
    expect(d.totals.today).toEqual({ billCount: 4, totalMinor: 3834 });
    expect(d.totals.overall).toEqual(d.totals.today);
    // Hours add up to the day, and agree with the stored totals.
    const hours = d.totals.perHour.reduce((n: number, h: { totalMinor: number }) => n + h.totalMinor, 0);
    expect(hours).toBe(3834);
    expect((await owner.get(`/api/exhibition/exhibitions/${ex.id}/totals`)).json().totalMinor).toBe(3834);
    expect(d.booths[0].topCustomers.map((t: { name: string }) => t.name)).toEqual(['Eli', 'Dana']);
    expect(
      d.totals.topCustomers.map((t: { name: string; totalMinor: number }) => [t.name, t.totalMinor]),
    ).toEqual([
      ['Eli', 2500],
      ['Dana', 1001],
      ['Fay', 333],
    ]);
    const boothStaff = await signedInStaff(app, { role: 'scanner' });
    expect((await boothStaff.get(`/api/exhibition/exhibitions/${ex.id}/dashboard`)).statusCode).toBe(403);
  });

  it('merges a duplicate: bills and tab move to the customer kept, once, with a bill racing the merge', async () => {
    const kept = await registerExhibitionCustomer(app, {
      exhibitionId,
      name: 'Ravi Shah',
      email: 'ravishah71@visitor.test',
    });
    const dupRes = await desk.post('/api/exhibition/customers', {
      exhibitionId,
      name: 'R. Shah',
      email: 'ravishah71@visitor.test',
      phone: '+14155559071',
      allowDuplicate: true,
    });
    expect(dupRes.statusCode, dupRes.body).toBe(201);
    const dup = dupRes.json();
    const pairs = (await desk.get(`/api/exhibition/exhibitions/${exhibitionId}/duplicates`)).json();
    expect(pairs).toContainEqual(
      expect.objectContaining({
        first: expect.objectContaining({ id: kept.id }),
        second: expect.objectContaining({ id: dup.id }),
        matches: ['email'],
      }),
    );
    await desk.post(`/api/exhibition/customers/${kept.id}/bills`, { boothId: booths[0], amountMinor: 1000 });
    const voided = (
      await desk.post(`/api/exhibition/customers/${dup.id}/bills`, { boothId: booths[1], amountMinor: 50 })
    ).json();
    await desk.post(`/api/exhibition/bills/${voided.id}/void`, { reason: 'wrong amount' });
    await desk.post(`/api/exhibition/customers/${dup.id}/bills`, { boothId: booths[1], amountMinor: 250 });
    // A booth bills the duplicate while the desk merges: the bill counts once, on whichever row holds it.
    const [merged, racing] = await Promise.all([
      desk.post(`/api/exhibition/customers/${kept.id}/merge`, { duplicateId: dup.id }),
      desk.post(`/api/exhibition/customers/${dup.id}/bills`, { boothId: booths[2], amountMinor: 7 }),
    ]);
    expect(merged.statusCode, merged.body).toBe(200);
    expect(racing.statusCode, racing.body).toBe(201);
    const after = (await desk.get(`/api/exhibition/customers/${kept.id}`)).json();
    expect(after).toMatchObject({ totalMinor: 1257, billCount: 3, mergedIntoId: null });
    const bills = (await desk.get(`/api/exhibition/customers/${kept.id}/bills`)).json();
    expect(
      bills.map((b: { amountMinor: number; status: string }) => `${b.amountMinor}:${b.status}`).sort(),
    ).toEqual(['1000:active', '250:active', '50:void', '7:active']);
    const stored = await app.database.pool.query(
      'select total_minor::int as total, bill_count, merged_into_id from exhibition_customer where id = $1',
      [dup.id],
    );
    expect(stored.rows[0]).toEqual({ total: 0, bill_count: 0, merged_into_id: kept.id });
    // The duplicate's code now finds the customer kept; a bill to the duplicate goes there too.
    expect((await desk.get(`/api/exhibition/customers/by-code/${dup.code}`)).json().id).toBe(kept.id);
    const late = await desk.post(`/api/exhibition/customers/${dup.id}/bills`, {
      boothId: booths[0],
      amountMinor: 3,
    });
    expect(late.json().customerId).toBe(kept.id);
    expect((await desk.get(`/api/exhibition/customers/${kept.id}`)).json().totalMinor).toBe(1260);
    // Merging again, into itself, or the other way round is refused.
    expect(
      (await desk.post(`/api/exhibition/customers/${kept.id}/merge`, { duplicateId: dup.id })).statusCode,
    ).toBe(409);
    expect(
      (await desk.post(`/api/exhibition/customers/${kept.id}/merge`, { duplicateId: kept.id })).statusCode,
    ).toBe(422);
    const audit = await searchAudit(app.deps.systemCtx(orgId, 'test'), {
      subjectType: 'exhibition_customer',
      subjectId: kept.id,
      limit: 10,
      action: 'exhibition.customer.merged',
    });
    expect(audit.items).toHaveLength(1);
    expect(
      (await desk.get(`/api/exhibition/exhibitions/${exhibitionId}/duplicates`)).json(),
    ).not.toContainEqual(expect.objectContaining({ second: expect.objectContaining({ id: dup.id }) }));
  });

  it('merges from the console by the duplicate’s code; booth staff may not merge', async () => {
    const kept = await registerExhibitionCustomer(app, {
      exhibitionId,
      name: 'Mona Lee',
      phone: '+14155551081',
    });
    const dup = (
      await desk.post('/api/exhibition/customers', {
        exhibitionId,
        name: 'Mona L',
        email: 'mona.other@visitor.test',
        phone: '+14155551081',
        allowDuplicate: true,
      })
    ).json();
    await desk.post(`/api/exhibition/customers/${dup.id}/bills`, { boothId: booths[0], amountMinor: 90 });
    const boothStaff = await signedInStaff(app, { role: 'scanner' });
    expect(
      (await boothStaff.post(`/api/exhibition/customers/${kept.id}/merge`, { duplicateId: dup.id }))
        .statusCode,
    ).toBe(403);
    const run = await desk.post('/api/exhibition/console/customers/actions/merge', {
      ids: [kept.id],
      input: { duplicateCode: `${dup.code.slice(0, 4)}-${dup.code.slice(4)}` },
    });
    expect(run.statusCode, run.body).toBe(200);
    expect((await desk.get(`/api/exhibition/customers/${kept.id}`)).json()).toMatchObject({
      totalMinor: 90,
      billCount: 1,
    });
  });
});

describe('end-of-exhibition statement run', () => {
  /** A fresh exhibition with `n` customers (all welcome e-mails delivered), each with one bill. */
  async function closingExhibition(name: string, n: number, first: number) {
    const ex = (
      await owner.post('/api/exhibition/exhibitions', {
        name,
        currency: 'USD',
        startsOn: '2026-12-10',
        endsOn: '2026-12-12',
      })
    ).json();
    const booth = (await owner.post(`/api/exhibition/exhibitions/${ex.id}/booths`, { name: 'Main' })).json();
    const customers: Array<{ id: string; email: string }> = [];
    for (let i = 0; i < n; i++) {
      const email = `closing${first + i}@visitor.test`;
      const res = await desk.post('/api/exhibition/customers', {
        exhibitionId: ex.id,
        name: `Closing ${first + i}`,
        email,
        phone: `+1415556${String(first + i).padStart(4, '0')}`,
      });
      expect(res.statusCode, res.body).toBe(201);
      customers.push({ id: res.json().id, email });
      await desk.post(`/api/exhibition/customers/${res.json().id}/bills`, {
        boothId: booth.id,
        amountMinor: 100 + i,
      });
    }
    await eventually(
      async () => {
        const got = await smtp.messages();
        return customers.every((c) => got.some((m) => m.to.includes(c.email))) || undefined;
      },
      { what: 'the welcome e-mails' },
    );
    return { exhibitionId: ex.id as string, customers };
  }
  const statementsTo = async (email: string) =>
    (await smtp.messages()).filter((m) => m.to.includes(email) && m.subject?.startsWith('Your statement'));

  it('e-mails every customer once with progress, lists the failures, and a second run sends nothing', async () => {
    const { exhibitionId: ex, customers } = await closingExhibition('Closing Expo', 5, 100);
    const dup = (
      await desk.post('/api/exhibition/customers', {
        exhibitionId: ex,
        name: 'Closing dup',
        email: 'closing100@visitor.test',
        phone: '+14155569999',
        allowDuplicate: true,
      })
    ).json();
    await desk.post(`/api/exhibition/customers/${customers[0]!.id}/merge`, { duplicateId: dup.id });
    // The duplicate's own welcome e-mail is out before the relay starts refusing.
    await eventually(
      async () =>
        (await smtp.messages()).filter((m) => m.to.includes('closing100@visitor.test')).length === 2,
      { what: "the duplicate's welcome e-mail" },
    );
    // The relay refuses one statement for good: it is reported, the others go out.
    await smtp.failNext(1, 550);
    const [a, b] = await Promise.all([
      desk.post(`/api/exhibition/exhibitions/${ex}/statement-runs`),
      desk.post(`/api/exhibition/exhibitions/${ex}/statement-runs`),
    ]);
    expect(a.statusCode, a.body).toBe(202);
    expect(b.json().id).toBe(a.json().id);
    expect(a.json()).toMatchObject({ total: 5 });
    const run = await eventually(
      async () => {
        const r = (await desk.get(`/api/exhibition/statement-runs/${a.json().id}`)).json();
        return r.status === 'done' && r.pending === 0 ? r : undefined;
      },
      { what: 'the run to finish and every statement to be sent or given up' },
    );
    expect(run).toMatchObject({ total: 5, queued: 5, sent: 4, failed: 1 });
    expect(run.failures).toHaveLength(1);
    expect(run.failures[0].status).toBe('failed');
    for (const c of customers) {
      const got = await statementsTo(c.email);
      const failedHere = run.failures[0].customerId === c.id;
      expect(got, c.email).toHaveLength(failedHere ? 0 : 1);
    }
    // "Retry the failed ones", clicked twice at once: the refused statement goes out once, nobody else gets a second.
    const retries = await Promise.all([
      desk.post(`/api/exhibition/statement-runs/${run.id}/retry-failed`),
      desk.post(`/api/exhibition/statement-runs/${run.id}/retry-failed`),
    ]);
    expect(retries.map((r) => r.statusCode)).toEqual([200, 200]);
    expect(retries.reduce((n, r) => n + r.json().retried, 0)).toBe(1);
    await eventually(
      async () => {
        const r = (await desk.get(`/api/exhibition/statement-runs/${run.id}`)).json();
        return r.sent === 5 && r.failed === 0 ? r : undefined;
      },
      { what: 'the retried statement to be sent' },
    );
    for (const c of customers) expect(await statementsTo(c.email), c.email).toHaveLength(1);
    const audited = await searchAudit(app.deps.systemCtx(orgId, 'test'), {
      action: 'exhibition.statement_run.retried',
      limit: 10,
    });
    expect(audited.items.length).toBeGreaterThanOrEqual(1);
    const again = await desk.post(`/api/exhibition/exhibitions/${ex}/statement-runs`);
    expect(again.json()).toMatchObject({ total: 0 });
    await eventually(
      async () =>
        (await desk.get(`/api/exhibition/statement-runs/${again.json().id}`)).json().status === 'done',
      { what: 'the empty run to finish' },
    );
    for (const c of customers) expect((await statementsTo(c.email)).length).toBeLessThanOrEqual(1);
    const listed = (await desk.get(`/api/exhibition/exhibitions/${ex}/statement-runs`)).json();
    expect(listed.map((r: { id: string }) => r.id)).toEqual([again.json().id, a.json().id]);
  });

  it('resumes after a step died part-way, and steps running side by side never e-mail one customer twice', async () => {
    const { exhibitionId: ex, customers } = await closingExhibition('Closing Expo Two', 4, 200);
    const ctx = app.deps.systemCtx(orgId, 'test');
    const run = (await desk.post(`/api/exhibition/exhibitions/${ex}/statement-runs`)).json();
    // A step that e-mailed one customer and then died; three more steps at once besides the worker's.
    await continueStatementRun(ctx, app.deps, run.id, 1);
    await Promise.all([1, 2, 3].map(() => continueStatementRun(ctx, app.deps, run.id, 1)));
    await eventually(
      async () => (await desk.get(`/api/exhibition/statement-runs/${run.id}`)).json().sent === 4,
      { what: 'four statements sent' },
    );
    for (const c of customers) expect(await statementsTo(c.email), c.email).toHaveLength(1);
    const deliveries = await app.database.pool.query(
      'select count(*)::int as n from exhibition_statement_delivery where run_id = $1',
      [run.id],
    );
    expect(deliveries.rows[0].n).toBe(4);
  });
});

describe('demo seed', () => {
  it('puts the scanner staff at the first booth, so the booth page works on `npm start`', async () => {
    const org = await createOrg(app);
    const boothStaff = await signedInStaff(app, { role: 'scanner', org: org.slug });
    await seedExhibitionDemo(
      app.deps.systemCtx(org.id, 'seed-demo'),
      app.runtimeOf('exhibition') as ExhibitionRuntime,
    );
    const mine = (await boothStaff.get('/api/exhibition/my-booths')).json();
    expect(mine).toMatchObject([{ name: 'Coffee corner', exhibitionName: 'Crafts & Food Fair' }]);
    expect(mine[0].overall.billCount).toBe(4);
  });
});

describe('console lists', () => {
  it('lists customers with bill count and total, exports them, and pre-registers from CSV after a dry run', async () => {
    const c = await registerExhibitionCustomer(app, { exhibitionId, name: 'Console Case' });
    await desk.post(`/api/exhibition/customers/${c.id}/bills`, { boothId: booths[0], amountMinor: 700 });
    await desk.post(`/api/exhibition/customers/${c.id}/bills`, { boothId: booths[1], amountMinor: 45 });
    const list = (await owner.get(`/api/exhibition/console/customers?code=${c.code}`)).json();
    expect(list.items).toMatchObject([{ name: 'Console Case', billCount: 2, totalMinor: 745 }]);
    const exported = await owner.get(`/api/exhibition/console/customers/export.csv?code=${c.code}`);
    expect(exported.statusCode).toBe(200);
    expect(exported.body).toContain('Console Case');
    const csv = `Exhibition,Name,Email,Phone\n${exhibitionId},Pre One,pre1@visitor.test,+14155557001\n${exhibitionId},Bad Phone,pre2@visitor.test,12\n`;
    const mapping = { Exhibition: 'exhibitionId', Name: 'name', Email: 'email', Phone: 'phone' };
    const dry = (
      await desk.post('/api/exhibition/console/customers/import?dryRun=true', { csv, mapping })
    ).json();
    expect(dry).toMatchObject({ rows: 2, created: 0 });
    expect(dry).toMatchObject({ valid: 1, invalid: 1 });
    expect(dry.errors).toEqual([
      {
        row: 3,
        field: 'phone',
        // The default organization (USD, UTC) names no country: an international number is asked for.
        message: expect.stringContaining('is not an international number like +250788123456'),
      },
    ]);
    const real = (
      await desk.post('/api/exhibition/console/customers/import?dryRun=false', { csv, mapping })
    ).json();
    expect(real).toMatchObject({ rows: 2, created: 1 });
    expect(real.failedRowsCsv).toContain('Bad Phone');
    const pre = (await owner.get('/api/exhibition/console/customers?q=Pre')).json();
    expect(pre.items.map((i: { email: string }) => i.email)).toContain('pre1@visitor.test');
  });

  it("keeps an imported customer's code from the original system: found at the desk however typed, a taken code refused per row", async () => {
    // the original's customer_id: 8 characters of A–Z and 0–9 (0, O, 1 and I included), no check character
    const csv = [
      'Customer ID,Exhibition,Name,Email,Phone',
      `k7q0-1oiz,${exhibitionId},Kept Code,kept1@visitor.test,+14155557101`,
      `K7Q0 1OIZ,${exhibitionId},Same Code,kept2@visitor.test,+14155557102`,
      `ab!,${exhibitionId},Bad Code,kept3@visitor.test,+14155557103`,
    ].join('\n');
    const mapping = {
      'Customer ID': 'code',
      Exhibition: 'exhibitionId',
      Name: 'name',
      Email: 'email',
      Phone: 'phone',
    };
    const real = (
      await desk.post('/api/exhibition/console/customers/import?dryRun=false', { csv, mapping })
    ).json();
    expect(real).toMatchObject({ rows: 3, created: 1, invalid: 2 });
    expect(real.errors).toEqual([
      { row: 3, field: null, message: expect.stringContaining('K7Q0-1OIZ') },
      { row: 4, field: 'code', message: expect.stringContaining('letters A–Z and digits') },
    ]);
    for (const typed of ['K7Q01OIZ', 'k7q0-1oiz', ' k7q0 1oiz ']) {
      const found = await desk.get(`/api/exhibition/customers/by-code/${encodeURIComponent(typed)}`);
      expect(found.statusCode, found.body).toBe(200);
      expect(found.json()).toMatchObject({ name: 'Kept Code', code: 'K7Q01OIZ' });
    }
    // a code of our own alphabet with a wrong check character is still refused, not matched
    const wrongCheck = [...CODE_ALPHABET].find((c) => c !== checkCharacterFor('ABCD234'));
    const typo = await desk.get(`/api/exhibition/customers/by-code/ABCD-234${wrongCheck}`);
    expect(typo.statusCode).toBeGreaterThanOrEqual(400);
    expect(typo.statusCode).toBeLessThan(500);
  });

  it("e-mails imported customers in their language when asked, shows the welcome e-mails' progress, and retries the refused one once", async () => {
    const ex = (
      await owner.post('/api/exhibition/exhibitions', {
        name: 'Import Expo',
        currency: 'EUR',
        startsOn: '2026-12-10',
        endsOn: '2026-12-12',
      })
    ).json();
    // Earlier tests' e-mails are out first, so the refusal below hits the import's.
    await eventually(
      async () => {
        const { rows } = await sql<{ n: number }>`select count(*)::int as n from notification
          where status in ('queued', 'sending')`.execute(app.database.db);
        return rows[0]!.n === 0 || undefined;
      },
      { what: 'an idle outbox' },
    );
    const before = (await smtp.messages()).length;
    // The relay refuses the first of the import's e-mails for good.
    await smtp.failNext(1, 550);
    const rows = [
      ['Imp Uno', 'imp1@visitor.test', '+34600000201', 'es'],
      ['Imp Two', 'imp2@visitor.test', '+34600000202', ''],
      ['Imp Three', 'imp3@visitor.test', '+34600000203', 'en'],
    ];
    const csv = `Exhibition,Name,Email,Phone,Language\n${rows.map((r) => [ex.id, ...r].join(',')).join('\n')}\n`;
    const mapping = {
      Exhibition: 'exhibitionId',
      Name: 'name',
      Email: 'email',
      Phone: 'phone',
      Language: 'language',
    };
    const imported = (
      await desk.post('/api/exhibition/console/customers/import?dryRun=false&notify=true', { csv, mapping })
    ).json();
    expect(imported).toMatchObject({ rows: 3, created: 3, messages: { wouldSend: 3, queued: 3 } });
    const progress = await eventually(
      async () => {
        const p = (await desk.get(`/api/exhibition/exhibitions/${ex.id}/import-welcome`)).json();
        return p.pending === 0 ? p : undefined;
      },
      { what: 'every imported welcome e-mail sent or given up' },
    );
    expect(progress).toMatchObject({ total: 3, sent: 2, failed: 1 });
    expect(progress.failures[0].status).toBe('failed');
    // A customer registered at the desk is not part of the import's progress.
    await desk.post('/api/exhibition/customers', {
      exhibitionId: ex.id,
      name: 'Desk One',
      email: 'desk1@visitor.test',
      phone: '+34600000204',
    });
    const retried = (
      await desk.post(`/api/exhibition/exhibitions/${ex.id}/import-welcome/retry-failed`)
    ).json();
    expect(retried.retried).toBe(1);
    expect(retried.progress.total).toBe(3);
    const after = await eventually(
      async () => {
        const p = (await desk.get(`/api/exhibition/exhibitions/${ex.id}/import-welcome`)).json();
        return p.sent === 3 ? p : undefined;
      },
      { what: 'the retried welcome e-mail' },
    );
    expect(after.failed).toBe(0);
    const mails = (await smtp.messages()).slice(before);
    for (const [, email] of rows)
      expect(
        mails.filter((m) => m.to.includes(email!)),
        email,
      ).toHaveLength(1);
    // Each in the customer's language; English when the row named none.
    const subject = (email: string) => mails.find((m) => m.to.includes(email))?.subject;
    expect(subject('imp1@visitor.test')).toMatch(/^Su código para Import Expo: /);
    expect(subject('imp2@visitor.test')).toMatch(/^Your code for Import Expo: /);
    expect(subject('imp3@visitor.test')).toMatch(/^Your code for Import Expo: /);
    const uno = (await desk.get(`/api/exhibition/exhibitions/${ex.id}/customers?q=Imp%20Uno`)).json();
    expect(uno).toMatchObject([{ language: 'es' }]);
  });
});
