import type { NamespaceCatalogs } from '../../core/i18n/index.ts';

/** The public draw page's words: the buyers' languages (`?lang=` or their browser's). */
export const drawPageCatalog: NamespaceCatalogs = {
  en: {
    title: '{{title}} — draw',
    status: 'Status: {{status}}',
    statuses: { draft: 'draft', selling: 'selling', closed: 'sales closed', drawn: 'drawn' },
    commitment: 'Commitment (sha256 of the seed, published before sales closed)',
    seed: 'Seed (revealed after the draw)',
    seed_secret: 'secret until the draw',
    ledger_hash: 'Ledger hash',
    winners: 'Winners',
    order: 'order {{id}}',
    not_drawn: 'Not drawn yet.',
    match: 'Re-run here: the winners match.',
    mismatch: 'Re-run here: MISMATCH.',
    algorithm: 'Algorithm',
    algorithm_intro:
      'Anyone can re-run the draw from the seed, the ledger and the formula below; it must pick the same numbers.',
    ledger: 'Ledger ({{count}} sold tickets)',
    ledger_one: 'Ledger (1 sold ticket)',
  },
  es: {
    title: '{{title}} — sorteo',
    status: 'Estado: {{status}}',
    statuses: { draft: 'borrador', selling: 'en venta', closed: 'ventas cerradas', drawn: 'sorteada' },
    commitment: 'Compromiso (sha256 de la semilla, publicado antes del cierre de ventas)',
    seed: 'Semilla (revelada tras el sorteo)',
    seed_secret: 'secreta hasta el sorteo',
    ledger_hash: 'Hash del registro',
    winners: 'Ganadores',
    order: 'pedido {{id}}',
    not_drawn: 'Aún no se sorteó.',
    match: 'Repetido aquí: los ganadores coinciden.',
    mismatch: 'Repetido aquí: NO COINCIDEN.',
    algorithm: 'Algoritmo',
    algorithm_intro:
      'Cualquiera puede repetir el sorteo con la semilla, el registro y la fórmula de abajo; debe elegir los mismos números.',
    ledger: 'Registro ({{count}} boletos vendidos)',
    ledger_one: 'Registro (1 boleto vendido)',
  },
};
