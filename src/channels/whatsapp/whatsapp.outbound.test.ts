import { describe, expect, it } from 'vitest';
import { renderWhatsAppMessage } from './whatsapp.outbound.ts';

describe('renderWhatsAppMessage', () => {
  it('renders reply buttons with ids intact and titles shortened by characters', () => {
    const body = renderWhatsAppMessage('595981000000', {
      kind: 'buttons',
      text: '¿Confirmas tu pedido?',
      buttons: [{ id: 'confirm', title: 'Confirmar el pedido ahora mismo 🎟️' }],
    });
    const button = (
      body.interactive as { action: { buttons: Array<{ reply: { id: string; title: string } }> } }
    ).action.buttons[0]!;
    expect(button.reply.id).toBe('confirm');
    expect(button.reply.title.length).toBeLessThanOrEqual(20);
    expect(button.reply.title).toBe('Confirmar el pedido…');
  });

  it('renders a list within row, description and button limits', () => {
    const body = renderWhatsAppMessage('1', {
      kind: 'list',
      text: 'x'.repeat(2000),
      button: 'Ver todas las rifas disponibles',
      rows: [{ id: 'r1', title: 'Rifa del día de la madre 2026', description: 'ñ'.repeat(100) }],
    });
    const interactive = body.interactive as {
      body: { text: string };
      action: { button: string; sections: Array<{ rows: Array<{ title: string; description: string }> }> };
    };
    expect(interactive.body.text.length).toBe(1024);
    expect(interactive.action.button.length).toBeLessThanOrEqual(20);
    const row = interactive.action.sections[0]!.rows[0]!;
    expect(row.title.length).toBeLessThanOrEqual(24);
    expect(row.description.length).toBe(72);
  });

  it('sends templates as templates', () => {
    const body = renderWhatsAppMessage('1', {
      kind: 'template',
      name: 'order_ready',
      language: 'es',
      fallbackText: 'x',
    });
    expect(body).toMatchObject({
      type: 'template',
      template: { name: 'order_ready', language: { code: 'es' } },
    });
  });
});
