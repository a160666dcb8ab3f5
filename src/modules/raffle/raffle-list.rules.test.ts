import { describe, expect, it } from 'vitest';
import { isCut, listRowTitles } from './raffle-list.rules.ts';

const ROOM = 21; // 24 on WhatsApp, less "10. "

describe('raffle list row titles', () => {
  it('keeps titles that fit as they are', () => {
    expect(listRowTitles(['Rifa Escolar', 'Rifa del Club'], ROOM)).toEqual(['Rifa Escolar', 'Rifa del Club']);
  });

  it('cuts a long title at its end when that keeps it apart from the others', () => {
    const [title] = listRowTitles(['Rifa Escolar de Fin de Año para la Cooperadora', 'Bingo'], ROOM);
    expect(title).toBe('Rifa Escolar de Fin…');
    expect(title!.length).toBeLessThanOrEqual(ROOM);
  });

  it('shows where look-alike titles differ instead of cutting them into the same words', () => {
    const titles = [
      'Rifa Navideña del Club Deportivo A',
      'Rifa Navideña del Club Deportivo B',
      'Gran Rifa del Club A de la Escuela San José',
      'Gran Rifa del Club B de la Escuela San José',
    ];
    const rows = listRowTitles(titles, ROOM);
    expect(new Set(rows).size).toBe(4);
    for (const row of rows) expect(row.length).toBeLessThanOrEqual(ROOM);
    expect(rows[0]).toMatch(/A$/);
    expect(rows[1]).toMatch(/B$/);
    expect(rows[2]).toContain('Club A');
    expect(rows[3]).toContain('Club B');
  });

  it('leaves titles that are the same alike (their numbers tell them apart)', () => {
    const same = 'Rifa Navideña del Club Deportivo';
    const [a, b] = listRowTitles([same, same], ROOM);
    expect(a).toBe(b);
    expect(a!.length).toBeLessThanOrEqual(ROOM);
  });

  it('cuts on whole characters (an emoji is never split)', () => {
    const [title] = listRowTitles(['🎄🎄🎄🎄🎄🎄🎄🎄🎄🎄🎄🎄 Navidad'], ROOM);
    expect(title).toBe('🎄🎄🎄🎄🎄🎄🎄🎄🎄🎄…');
    expect(isCut('🎄🎄🎄🎄🎄🎄🎄🎄🎄🎄🎄🎄 Navidad', ROOM)).toBe(true);
  });
});
