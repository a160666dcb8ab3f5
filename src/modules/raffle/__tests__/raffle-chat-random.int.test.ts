import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRaffle } from '../../../../test/factories/raffle.ts';
import { type RaffleHarness, startRaffleApp } from './raffle-harness.ts';

let h: RaffleHarness;

beforeAll(async () => {
  h = await startRaffleApp();
});
afterAll(async () => h.close());

type Order = { numbers: number[]; raffleId: string };
const ordersOf = async (raffleId: string) =>
  (await h.ops.get(`/api/raffle/orders?raffleId=${raffleId}`)).json() as Order[];

describe('a random pick typed from the main menu', () => {
  it('holds 2 random tickets of the one raffle selling for "aleatorio 2", in Spanish', async () => {
    const only = (await createRaffle(h.app, { title: 'Rifa Única', maxNumber: 50 })).id;
    const u = '595981300001';
    const [welcome] = await h.say(u, 'hola');
    expect(welcome).toMatch(/Bienvenido/);
    const [summary] = await h.say(u, 'aleatorio 2');
    expect(summary).toMatch(/^Pedido creado/);
    expect((await ordersOf(only)).map((o) => o.numbers.length)).toEqual([2]);
  });

  it('asks which raffle when several sell, then holds that many random tickets of the one chosen, in English', async () => {
    const second = (await createRaffle(h.app, { title: 'Second Draw', maxNumber: 30 })).id;
    const u = '595981300002';
    await h.say(u, 'hi raffle');
    const [list] = await h.say(u, 'random 3');
    expect(list).toContain('Open raffles');
    expect(list).toContain('Second Draw');
    const before = h.wa.sentMessages(u).length;
    await h.deliver(h.wa.listReply({ from: u, rowId: `raffle:${second}`, title: 'Second Draw' }));
    const [summary] = (await h.waitForCount(u, before + 1)).slice(before);
    expect(summary).toMatch(/^Order created/);
    expect((await ordersOf(second)).map((o) => o.numbers.length)).toEqual([3]);
  });
});
