import { describe, expect, it } from 'vitest';
import {
  type AuditItem,
  actionKey,
  actorName,
  auditPartOf,
  changedFields,
  entryLines,
  fieldOf,
  historyChanges,
  humanizeAction,
  isMoneyValue,
  referencedSubjects,
  show,
  weekdayWords,
} from './audit-types.ts';

const entry = (action: string, after: unknown, before: unknown = null): AuditItem => ({
  id: action,
  at: '2026-11-22T10:00:00Z',
  actor: { type: 'user', id: null, label: 'owner' },
  action,
  subject: null,
  before,
  after,
  requestId: null,
  meta: {},
});

describe('record history', () => {
  it('shows a snapshot-only entry as what changed since the entry before it', () => {
    const items = [
      entry('raffle.raffle.closed', { title: 'Rifa', status: 'closed' }),
      entry('raffle.raffle.selling', { title: 'Rifa', status: 'selling' }),
      entry('raffle.raffle.created', { title: 'Rifa', status: 'draft' }),
    ];
    const [closed, selling, created] = historyChanges(items).map((c) => changedFields(c.before, c.after));
    expect(closed).toEqual([{ field: 'status', from: 'selling', to: 'closed' }]);
    expect(selling).toEqual([{ field: 'status', from: 'draft', to: 'selling' }]);
    expect(created!.map((c) => c.field)).toEqual(['title', 'status']);
  });

  it('keeps an entry that stored its own before', () => {
    const items = [
      entry('raffle.raffle.updated', { title: 'New' }, { title: 'Old' }),
      entry('x.y.created', { title: 'Zzz' }),
    ];
    expect(changedFields(historyChanges(items)[0]!.before, historyChanges(items)[0]!.after)).toEqual([
      { field: 'title', from: 'Old', to: 'New' },
    ]);
  });

  it('leaves out a field the after snapshot does not name: it did not change', () => {
    const before = { status: 'online', tags: ['simulated', 'downtown'] };
    expect(changedFields(before, { status: 'offline' })).toEqual([
      { field: 'status', from: 'online', to: 'offline' },
    ]);
    expect(changedFields(before, { status: 'online', tags: null })).toEqual([
      { field: 'tags', from: ['simulated', 'downtown'], to: null },
    ]);
    expect(changedFields(before, null).map((c) => c.field)).toEqual(['status', 'tags']);
    expect(changedFields(null, { id: '2d41206d', name: 'Lena' }).map((c) => c.field)).toEqual(['name']);
  });

  it('reads a null and a left-out field as the same nothing', () => {
    expect(changedFields({ status: 'approved' }, { status: 'suspended', reason: null })).toEqual([
      { field: 'status', from: 'approved', to: 'suspended' },
    ]);
  });

  it('shows the one setting that changed inside a settings object, not the whole object', () => {
    const before = { settings: { mess: { cutoffTime: '23:00', phoneRegion: 'IN' } } };
    const after = {
      settings: { mess: { cutoffTime: '22:00', phoneRegion: 'IN' }, demoSeededAt: '2026-11-23' },
    };
    expect(changedFields(before, after)).toEqual([
      { field: 'settings.mess.cutoffTime', from: '23:00', to: '22:00' },
      { field: 'settings.demoSeededAt', from: undefined, to: '2026-11-23' },
    ]);
  });

  it('gives an entry with no snapshot (a sign-in) no changes in a record history', () => {
    const items = [entry('platform.session.started', null), entry('platform.member.added', { name: 'Ana' })];
    expect(changedFields(historyChanges(items)[0]!.before, historyChanges(items)[0]!.after)).toEqual([]);
  });

  // Issue 62: a payment's history read a refund as the payment changing ("Method: Proof → cash",
  // "Status: Verified → Paid", "Refund: — → another record").
  it('reads a refund in a payment’s history as the refund, compared with its own entry before', () => {
    const refund = '4f6b1f0e-2c2a-4d61-9b7e-6a0c5d1e2f30';
    const money = { amountMinor: 1000, currency: 'RWF' };
    const items = [
      entry('payments.refund.succeeded', {
        refundId: refund,
        amount: money,
        method: 'cash',
        status: 'succeeded',
      }),
      entry('payments.refund.requested', {
        refundId: refund,
        amount: money,
        method: 'cash',
        status: 'awaiting_approval',
      }),
      entry(
        'payments.payment.verified',
        { method: 'proof', status: 'verified' },
        { method: 'proof', status: 'submitted' },
      ),
      entry('payments.payment.submitted', { method: 'proof', status: 'submitted' }),
    ];
    const [succeeded, requested, verified] = historyChanges(items).map((c) =>
      changedFields(c.before, c.after),
    );
    expect(succeeded).toEqual([{ field: 'status', from: 'awaiting_approval', to: 'succeeded' }]);
    // The first entry of a refund is compared with nothing of the payment's: no "Method: Proof → cash".
    expect(historyChanges(items)[1]!.before).toBeNull();
    expect(requested).toEqual([
      { field: 'refundId', from: undefined, to: refund },
      { field: 'amount', from: undefined, to: money },
      { field: 'method', from: undefined, to: 'cash' },
      { field: 'status', from: undefined, to: 'awaiting_approval' },
    ]);
    expect(verified).toEqual([{ field: 'status', from: 'submitted', to: 'verified' }]);
    expect(auditPartOf(items[0]!.after)).toEqual({
      field: 'refundId',
      id: refund,
      subjectType: 'payment_refund',
    });
    expect(auditPartOf(items[2]!.after)).toBeNull();
  });

  it('leads a refund’s entry with the refund, changed or not, and leaves out the payment it is in', () => {
    const refund = '4f6b1f0e-2c2a-4d61-9b7e-6a0c5d1e2f30';
    const payment = '0b5c7d1a-7e3f-4a2b-9c8d-1e2f3a4b5c6d';
    const snapshot = { refundId: refund, paymentId: payment, method: 'cash', status: 'succeeded' };
    // A cash refund is paid back as it is asked: its `succeeded` entry changed nothing but still names it.
    expect(entryLines(snapshot, snapshot, payment)).toEqual([
      { field: 'refundId', from: undefined, to: refund, lead: true },
    ]);
    expect(entryLines(null, snapshot, payment).map((l) => l.field)).toEqual(['refundId', 'method', 'status']);
    // On the refund's own page the page names it, and the payment it gives back is worth a line.
    expect(entryLines(null, snapshot, refund).map((l) => l.field)).toEqual(['paymentId', 'method', 'status']);
    expect(entryLines({ status: 'a' }, { status: 'b' })).toEqual([{ field: 'status', from: 'a', to: 'b' }]);
  });

  it('names a refund by core’s refund record in any area’s snapshot', () => {
    expect(referencedSubjects('payment', 'refundId')).toEqual(['payment_refund']);
    expect(referencedSubjects('prepaid_purchase', 'refundId')).toEqual(['payment_refund']);
  });

  it('keeps an amount with its currency as one value, not two lines', () => {
    const before = { amount: { amountMinor: 500, currency: 'RWF' } };
    const after = { amount: { amountMinor: 1000, currency: 'RWF' } };
    expect(changedFields(before, after)).toEqual([
      { field: 'amount', from: before.amount, to: after.amount },
    ]);
    expect(isMoneyValue(after.amount)).toBe(true);
    expect(isMoneyValue({ amountMinor: 1, currency: 'RWF', note: 'x' })).toBe(false);
  });

  it('words an audit code where no catalog has it', () => {
    expect(humanizeAction('raffle.order.proof_submitted')).toBe('Order proof submitted');
    expect(actionKey('raffle.order.proof_submitted')).toBe('raffle.audit.order_proof_submitted');
  });
});

describe('history field words', () => {
  const raffles = {
    columns: [
      { name: 'title', label: 'raffle.fields.title', type: 'text' },
      { name: 'price', label: 'raffle.fields.price', type: 'money' },
      { name: 'closesAt', label: 'raffle.fields.closesAt', type: 'datetime' },
    ],
    form: { fields: [{ name: 'holdMinutes', label: 'raffle.fields.holdMinutes' }] },
  };

  it('words a snapshot key by the resource column or form field it stands for', () => {
    expect(fieldOf(raffles, 'title')?.label).toBe('raffle.fields.title');
    expect(fieldOf(raffles, 'priceMinor')?.label).toBe('raffle.fields.price');
    expect(fieldOf(raffles, 'closes_at')?.column?.type).toBe('datetime');
    expect(fieldOf(raffles, 'holdMinutes')?.label).toBe('raffle.fields.holdMinutes');
    expect(fieldOf(raffles, 'seed')).toBeUndefined();
  });
});

describe('history values', () => {
  it('reads a list by its items and a prize by its title', () => {
    expect(
      show([
        { title: 'A bicycle', position: 1 },
        { title: 'A radio', position: 2 },
      ]),
    ).toBe('A bicycle, A radio');
    expect(show(['en', 'hi'])).toBe('en, hi');
    expect(show([])).toBe('—');
    expect(show({ on: true })).toBe('{"on":true}');
    // A chat identity by its channel and number, not as JSON with English keys.
    expect(show([{ channel: 'whatsapp', createdAt: '2026-11-23T15:12:09Z', externalId: '5959811' }])).toBe(
      'whatsapp · 5959811',
    );
    // A raffle's winners by their ticket numbers, never the orders' ids.
    expect(
      show([
        { number: 12, orderId: '4dbcde5b-c081-4a86-960d-65630c3ba962' },
        { number: 5, orderId: '0f8fad5b-d9cb-469f-a165-70867728950e' },
      ]),
    ).toBe('12, 5');
  });

  it('finds the record an id field names in its own area first, then in the core', () => {
    expect(referencedSubjects('coffee_alarm', 'deviceId')).toEqual(['coffee_device', 'device']);
    expect(referencedSubjects('exhibition_customer', 'movedBillIds')).toEqual([
      'exhibition_moved_bill',
      'exhibition_bill',
      'moved_bill',
    ]);
    expect(referencedSubjects('mess_student', 'paymentId')).toEqual(['mess_payment', 'payment']);
    expect(referencedSubjects('raffle_order', 'raffleId')).toEqual(['raffle_raffle', 'raffle']);
    expect(referencedSubjects('payment', 'status')).toEqual([]);
  });

  it('names a portal customer through the catalog, any other actor by its label', () => {
    const hindi = (key: string, options?: Record<string, unknown>) =>
      key === 'od.audit.portal_actor' ? `पोर्टल: ${options?.name}` : key === 'od.audit.portal' ? 'पोर्टल' : key;
    const portal = { type: 'contact', id: 'portal:0f8fad5b', label: 'Uwase (Uwase household)' };
    expect(actorName(portal, hindi)).toBe('पोर्टल: Uwase (Uwase household)');
    expect(actorName({ type: 'contact', id: 'portal', label: '' }, hindi)).toBe('पोर्टल');
    expect(actorName({ type: 'contact', id: 'c-1', label: 'Ana (WhatsApp)' }, hindi)).toBe('Ana (WhatsApp)');
    expect(actorName({ type: 'user', id: 'u-1', label: 'Demo Owner' }, hindi)).toBe('Demo Owner');
  });
});

describe('weekdayWords', () => {
  it('names the days of a weekly schedule in the reader’s language, and every day as such', () => {
    expect(weekdayWords([1, 3, 5], 'en', 'every day')).toBe('Mon, Wed, Fri');
    expect(weekdayWords([7, 6], 'es', 'todos los días')).toBe('sáb, dom');
    expect(weekdayWords([1, 2, 3, 4, 5, 6, 7], 'en', 'every day')).toBe('every day');
    expect(weekdayWords(['x'], 'en', 'every day')).toBeNull();
    expect(weekdayWords([0, 8], 'en', 'every day')).toBeNull();
  });
});
