import { describe, expect, it } from 'vitest';
import { flattenKeys } from '../../core/i18n/index.ts';
import { checkedData } from '../../core/notifications/index.ts';
import { raffleTemplates } from './raffle.notifications.ts';
import { raffleNotifyCatalog } from './raffle.notify.catalog.ts';

const body = (key: string, locale: 'en' | 'es' | 'hi') =>
  raffleTemplates
    .find((t) => t.key === key)!
    .body(
      locale,
      checkedData({
        raffle: 'Rifa',
        numbers: '5, 12',
        until: '18:30',
        reason: 'el monto no coincide',
        message: 'El sorteo es hoy',
        number: '12',
        prize: 'Bicicleta',
      }),
    );

describe("the raffle's messages to buyers", () => {
  it('are worded in its catalog, in English and Spanish with the same keys, one per message', () => {
    expect(Object.keys(raffleNotifyCatalog)).toEqual(['en', 'es']);
    expect(flattenKeys(raffleNotifyCatalog.es!)).toEqual(flattenKeys(raffleNotifyCatalog.en!));
    expect(
      flattenKeys(raffleNotifyCatalog.en)
        .map((k) => `raffle.${k}`)
        .sort(),
    ).toEqual(raffleTemplates.map((t) => t.key).sort());
  });

  it("read in the buyer's language, and in English in a language the raffle does not speak", () => {
    expect(body('raffle.order_paid', 'es')).toBe('Pago confirmado para "Rifa". Tus boletos: 5, 12. ¡Suerte!');
    expect(body('raffle.hold_reminder', 'en')).toBe(
      'Reminder: your tickets 5, 12 for "Rifa" are held until 18:30. Send your payment proof before then.',
    );
    expect(body('raffle.proof_denied', 'es')).toBe(
      'Tu comprobante para los boletos 5, 12 no fue aceptado: el monto no coincide. Puedes enviar otro.',
    );
    expect(body('raffle.winner', 'hi')).toBe('Congratulations! Your ticket 12 won "Bicicleta" in "Rifa".');
  });
});
