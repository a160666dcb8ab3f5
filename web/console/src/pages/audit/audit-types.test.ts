import { describe, expect, it } from 'vitest';
import {
  type AuditItem,
  actionKey,
  changedFields,
  fieldOf,
  historyChanges,
  humanizeAction,
  show,
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
  });
});
