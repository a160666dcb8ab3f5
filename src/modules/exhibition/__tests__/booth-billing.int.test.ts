import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createExhibition, registerExhibitionCustomer } from '../../../../test/factories/exhibition.ts';
import { signedInStaff } from '../../../../test/factories/staff.ts';
import { type ApiClient, startTestApp, type TestApp } from '../../../../test/support/test-app.ts';
import { shiftableClock } from '../../../../test/support/test-clock.ts';
import { searchAudit } from '../../../core/audit/index.ts';
import { findOrganizationBySlug } from '../../../core/orgs/index.ts';

/*
 * Issue 41 item 9 on the server: a bill above the exhibition's limit needs `confirmed: true`, and
 * booth staff void their own just-made bill within the window (the injected clock), audited.
 */
const clock = shiftableClock();
let app: TestApp;
let owner: ApiClient;
let boothStaff: ApiClient;
let otherStaff: ApiClient;
let exhibitionId: string;
let boothId: string;
let orgId: string;

beforeAll(async () => {
  app = await startTestApp({ clock });
  orgId = (await findOrganizationBySlug(app.database.db, 'default'))!.id;
  owner = await signedInStaff(app, { role: 'owner' });
  boothStaff = await signedInStaff(app, { role: 'scanner' });
  otherStaff = await signedInStaff(app, { role: 'scanner' });
  const { exhibition, booths } = await createExhibition(app, { booths: ['Tea stall'] });
  exhibitionId = exhibition.id;
  boothId = booths[0]!.id;
  for (const staff of [boothStaff, otherStaff]) {
    const userId = (await staff.get('/api/auth/session')).json().user.id;
    const assigned = await owner.post(`/api/exhibition/booths/${boothId}/staff`, { userId });
    expect(assigned.statusCode, assigned.body).toBe(204);
  }
}, 180_000);
afterAll(() => app?.close());

const tabOf = async (id: string) => (await owner.get(`/api/exhibition/customers/${id}`)).json().totalMinor;

describe('a bill above the exhibition’s limit', () => {
  it('defaults to 1,000 in the currency, is editable, and is refused without the confirmation, naming the field', async () => {
    const exhibition = (await owner.get(`/api/exhibition/exhibitions/${exhibitionId}`)).json();
    expect(exhibition.confirmAboveMinor).toBe(100_000);
    const edited = await owner.patch(`/api/exhibition/exhibitions/${exhibitionId}`, {
      confirmAboveMinor: 50_000,
    });
    expect(edited.statusCode, edited.body).toBe(200);
    expect((await boothStaff.get('/api/exhibition/my-booths')).json()[0]).toMatchObject({
      confirmAboveMinor: 50_000,
      voidWindowSeconds: 120,
    });

    const c = await registerExhibitionCustomer(app, { exhibitionId, name: 'Big Spender' });
    const refused = await boothStaff.post(`/api/exhibition/customers/${c.id}/bills`, {
      boothId,
      amountMinor: 9_999_900,
    });
    expect(refused.statusCode).toBe(422);
    expect(refused.headers['content-type']).toContain('application/problem+json');
    expect(refused.json()).toMatchObject({
      code: 'exhibition.bill_needs_confirmation',
      errors: [{ field: 'body.confirmed', expected: 'true' }],
    });
    expect(await tabOf(c.id)).toBe(0);
    // At the limit no confirmation is needed; above it, with the confirmation, it is billed.
    const atLimit = await boothStaff.post(`/api/exhibition/customers/${c.id}/bills`, {
      boothId,
      amountMinor: 50_000,
    });
    expect(atLimit.statusCode, atLimit.body).toBe(201);
    const confirmed = await boothStaff.post(`/api/exhibition/customers/${c.id}/bills`, {
      boothId,
      amountMinor: 9_999_900,
      confirmed: true,
    });
    expect(confirmed.statusCode, confirmed.body).toBe(201);
    expect(await tabOf(c.id)).toBe(10_049_900);
  });
});

describe('voiding a just-made bill at the booth', () => {
  it('lets its maker void it within 2 minutes (audited), refuses others, and refuses in words after the window', async () => {
    const c = await registerExhibitionCustomer(app, { exhibitionId, name: 'Quick Undo' });
    const bill = async (amountMinor: number) => {
      const res = await boothStaff.post(`/api/exhibition/customers/${c.id}/bills`, { boothId, amountMinor });
      expect(res.statusCode, res.body).toBe(201);
      return res.json().id as string;
    };
    const first = await bill(1_200);
    const byOther = await otherStaff.post(`/api/exhibition/bills/${first}/void-at-booth`, {
      reason: 'Mistyped',
    });
    expect(byOther.statusCode).toBe(403);
    expect(byOther.json().code).toBe('exhibition.bill_not_yours');

    clock.advance(119_000);
    const undone = await boothStaff.post(`/api/exhibition/bills/${first}/void-at-booth`, {
      reason: 'Voided at the booth right after billing',
    });
    expect(undone.statusCode, undone.body).toBe(200);
    expect(undone.json()).toMatchObject({
      status: 'void',
      voidReason: 'Voided at the booth right after billing',
    });
    expect(await tabOf(c.id)).toBe(0);
    const audit = await searchAudit(app.deps.systemCtx(orgId, 'test'), {
      action: 'exhibition.bill.voided',
      subjectId: first,
      limit: 10,
    });
    expect(audit.items).toHaveLength(1);
    expect(audit.items[0]!.actor).toMatchObject({ type: 'user', label: expect.stringContaining('scanner') });

    const second = await bill(800);
    clock.advance(121_000);
    const late = await boothStaff.post(`/api/exhibition/bills/${second}/void-at-booth`, { reason: 'Late' });
    expect(late.statusCode).toBe(409);
    expect(late.json()).toMatchObject({ code: 'exhibition.bill_void_window_passed' });
    expect(late.json().detail).toMatch(/2 minutes/);
    expect(await tabOf(c.id)).toBe(800);
  });
});
