import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRaffle } from '../../../../test/factories/raffle.ts';
import { closeRaffle } from '../raffles.ts';
import { type RaffleHarness, startRaffleApp } from './raffle-harness.ts';

let h: RaffleHarness;
let firstRaffle: string;

beforeAll(async () => {
  h = await startRaffleApp();
});
afterAll(async () => h.close());

type Order = { numbers: number[]; raffleId: string };
const ordersOf = async (raffleId: string) =>
  (await h.ops.get(`/api/raffle/orders?raffleId=${raffleId}`)).json().items as Order[];

describe('a pick typed from the main menu', () => {
  it('holds 2 random tickets of the one raffle selling for "aleatorio 2", in Spanish', async () => {
    const only = (await createRaffle(h.app, { title: 'Rifa Única', maxNumber: 50 })).id;
    firstRaffle = only;
    const u = '595981300001';
    const [welcome] = await h.say(u, 'hola');
    expect(welcome).toMatch(/Bienvenido/);
    const [summary] = await h.say(u, 'aleatorio 2');
    expect(summary).toMatch(/^Pedido creado/);
    expect((await ordersOf(only)).map((o) => o.numbers.length)).toEqual([2]);
  });

  it('holds the numbers typed at the main menu ("3, 13, 21", "#7") of the one raffle selling', async () => {
    // The raffle before closes its sales: one raffle sells again.
    await closeRaffle(h.ctx, firstRaffle);
    const only = (await createRaffle(h.app, { title: 'Rifa Sola', maxNumber: 50 })).id;
    const u = '595981300003';
    await h.say(u, 'hola');
    const [summary] = await h.say(u, '3, 13, 21');
    expect(summary).toMatch(/^Pedido creado/);
    expect(summary).toContain('Boletos: 3, 13, 21');
    await h.say(u, 'cancelar', 2);
    const [one] = await h.say(u, '#7');
    expect(one).toMatch(/^Pedido creado/);
    expect(one).toContain('Boletos: 7');
    const orders = await ordersOf(only);
    expect(orders.map((o) => o.numbers.join(',')).sort()).toEqual(['3,13,21', '7']);
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

  it('asks which raffle when several sell, keeping the numbers typed at the menu for the one chosen', async () => {
    const third = (await createRaffle(h.app, { title: 'Tercera Rifa', maxNumber: 30 })).id;
    const u = '595981300004';
    await h.say(u, 'hola');
    const [list] = await h.say(u, '3 13 21');
    expect(list).toContain('Rifas abiertas');
    expect(list).toContain('Tercera Rifa');
    const before = h.wa.sentMessages(u).length;
    await h.deliver(h.wa.listReply({ from: u, rowId: `raffle:${third}`, title: 'Tercera Rifa' }));
    const [summary] = (await h.waitForCount(u, before + 1)).slice(before);
    expect(summary).toMatch(/^Pedido creado/);
    expect(summary).toContain('Boletos: 3, 13, 21');
    expect((await ordersOf(third)).map((o) => o.numbers)).toEqual([[3, 13, 21]]);
  });
});
