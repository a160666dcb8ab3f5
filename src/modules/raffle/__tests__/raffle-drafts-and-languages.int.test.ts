import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRaffle, createRaffleOrder } from '../../../../test/factories/raffle.ts';
import { searchAudit } from '../../../core/audit/index.ts';
import { updateOrganization } from '../../../core/orgs/index.ts';
import { type RaffleHarness, startRaffleApp } from './raffle-harness.ts';

let h: RaffleHarness;

beforeAll(async () => {
  h = await startRaffleApp();
  // English first, Spanish offered: the organization's default is English.
  await updateOrganization(h.ctx, { languages: ['en', 'es'] });
}, 60_000);
afterAll(async () => h?.close());

describe('deleting a draft raffle', () => {
  it('deletes a draft nobody ordered from, with its prizes, and audits what it was', async () => {
    const draft = await createRaffle(h.app, {
      title: 'Rifa borrador',
      status: 'draft',
      prizes: ['TV', 'Radio'],
    });
    const res = await h.ops.delete(`/api/raffle/raffles/${draft.id}`);
    expect(res.statusCode, res.body).toBe(204);
    expect((await h.ops.get(`/api/raffle/raffles/${draft.id}`)).statusCode).toBe(404);
    const prizes = await h.db
      .selectFrom('raffle_prize')
      .select('id')
      .where('raffle_id', '=', draft.id)
      .execute();
    expect(prizes).toEqual([]);
    const audit = await searchAudit(h.ctx, { subjectType: 'raffle_raffle', subjectId: draft.id, limit: 10 });
    const deleted = audit.items.find((a) => a.action === 'raffle.raffle.deleted');
    expect(deleted?.before).toMatchObject({ title: 'Rifa borrador', status: 'draft' });
    // Twice: the second finds nothing.
    expect((await h.ops.delete(`/api/raffle/raffles/${draft.id}`)).statusCode).toBe(404);
  });

  it('refuses a raffle that sells, with its orders, as a 409 naming why; nothing is deleted', async () => {
    const selling = await createRaffle(h.app, { title: 'Rifa en venta' });
    await createRaffleOrder(h.app, { raffleId: selling.id, pick: { numbers: [3] } });
    const res = await h.ops.delete(`/api/raffle/raffles/${selling.id}`);
    expect(res.statusCode).toBe(409);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.json()).toMatchObject({
      code: 'raffle.raffle_not_deletable',
      status: 409,
      detail: expect.stringMatching(/only a draft/i),
      details: { status: 'selling', orders: 1 },
    });
    expect((await h.ops.get(`/api/raffle/raffles/${selling.id}`)).json().status).toBe('selling');
  });

  it('offers "delete" on the console only for a draft, and runs it there', async () => {
    const draft = await createRaffle(h.app, { title: 'Rifa de consola', status: 'draft' });
    const selling = await createRaffle(h.app, { title: 'Rifa vendiendo' });
    const actionsOf = async (id: string) =>
      (await h.owner.get(`/api/raffle/console/raffles/${id}`)).json()._actions as string[];
    expect(await actionsOf(draft.id)).toContain('delete');
    expect(await actionsOf(selling.id)).not.toContain('delete');
    const refused = await h.owner.post('/api/raffle/console/raffles/actions/delete', { ids: [selling.id] });
    expect(refused.json().failed).toMatchObject([{ id: selling.id, code: 'raffle.raffle_not_deletable' }]);
    const done = await h.owner.post('/api/raffle/console/raffles/actions/delete', { ids: [draft.id] });
    expect(done.json().done).toEqual([draft.id]);
    expect((await h.owner.get(`/api/raffle/console/raffles/${draft.id}`)).statusCode).toBe(404);
  });
});

describe("the bot's language when the first message has no words", () => {
  it('answers a "1" from a Mexican number in Spanish, and keeps Spanish for that buyer', async () => {
    // A number typed at the menu is a ticket wanted (issue 66 item 1): with two raffles selling, the
    // bot asks which, in Spanish, and the order for the raffle then chosen is written in Spanish too.
    const [reply] = await h.say('5215512340001', '1');
    expect(reply).toMatch(/^Rifas abiertas:/);
    const [next] = await h.say('5215512340001', '2');
    expect(next).toMatch(/^Pedido creado ✅\nRifa: Rifa en venta\nBoletos: 1\n/);
  });

  it('answers a "1" from a British number in English, the organization\'s first language', async () => {
    const [reply] = await h.say('447700900001', '1');
    expect(reply).toMatch(/^Open raffles:/);
  });

  it('lets words win over the number: "hello" from Mexico is answered in English', async () => {
    const [reply] = await h.say('5215512340002', 'hello');
    expect(reply).toMatch(/Welcome to the raffles/);
  });
});
