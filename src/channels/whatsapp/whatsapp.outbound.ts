import { fitText, type Output } from '../../core/conversations/index.ts';

/** Cloud API limits (Meta "Interactive reply buttons / list messages"; text messages). */
export const WHATSAPP_LIMITS = {
  text: 4096,
  body: 1024,
  buttonTitle: 20,
  listButton: 20,
  rowTitle: 24,
  rowDescription: 72,
  caption: 1024,
} as const;

/** Where an image or document comes from once uploaded: a media id, or a public link. */
export type MediaSource = { id: string } | { link: string };

/**
 * The body of `POST /<version>/<phone-number-id>/messages` for one output. Titles are shortened on
 * grapheme boundaries to Meta's limits; ids pass unchanged (the flow matches on them).
 */
export function renderWhatsAppMessage(
  to: string,
  output: Output,
  media?: MediaSource,
): Record<string, unknown> {
  const base = { messaging_product: 'whatsapp', recipient_type: 'individual', to };
  switch (output.kind) {
    case 'text':
      return {
        ...base,
        type: 'text',
        text: { preview_url: false, body: fitText(output.text, WHATSAPP_LIMITS.text) },
      };
    case 'buttons':
      return {
        ...base,
        type: 'interactive',
        interactive: {
          type: 'button',
          body: { text: fitText(output.text, WHATSAPP_LIMITS.body) },
          action: {
            buttons: output.buttons.map((b) => ({
              type: 'reply',
              reply: { id: b.id, title: fitText(b.title, WHATSAPP_LIMITS.buttonTitle) },
            })),
          },
        },
      };
    case 'list':
      return {
        ...base,
        type: 'interactive',
        interactive: {
          type: 'list',
          body: { text: fitText(output.text, WHATSAPP_LIMITS.body) },
          action: {
            button: fitText(output.button, WHATSAPP_LIMITS.listButton),
            sections: [
              {
                rows: output.rows.map((r) => ({
                  id: r.id,
                  title: fitText(r.title, WHATSAPP_LIMITS.rowTitle),
                  ...(r.description
                    ? { description: fitText(r.description, WHATSAPP_LIMITS.rowDescription) }
                    : {}),
                })),
              },
            ],
          },
        },
      };
    case 'image':
    case 'document': {
      if (!media) throw new Error(`a ${output.kind} needs an uploaded media id or a link`);
      const caption = output.caption ? { caption: fitText(output.caption, WHATSAPP_LIMITS.caption) } : {};
      const fileName =
        output.kind === 'document' && output.file.fileName ? { filename: output.file.fileName } : {};
      return { ...base, type: output.kind, [output.kind]: { ...media, ...caption, ...fileName } };
    }
    case 'template':
      return {
        ...base,
        type: 'template',
        template: {
          name: output.name,
          language: { code: output.language },
          ...(output.components ? { components: output.components } : {}),
        },
      };
  }
}
