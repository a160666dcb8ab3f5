import type { NamespaceCatalogs } from '../i18n/index.ts';

/** Texts of the templates the core ships, under the `notifications` i18n namespace. */
export const notificationCatalogs: NamespaceCatalogs = {
  en: {
    test_message: {
      subject: 'Test message from {{orgName}}',
      body: 'Hello {{name}},\n\nThis is a test message from {{orgName}}. If you can read it, messages reach you here.',
    },
  },
  hi: {
    test_message: {
      subject: '{{orgName}} की ओर से परीक्षण संदेश',
      body: 'नमस्ते {{name}},\n\nयह {{orgName}} की ओर से एक परीक्षण संदेश है। अगर आप इसे पढ़ पा रहे हैं, तो संदेश आप तक पहुँच रहे हैं।',
    },
  },
  es: {
    test_message: {
      subject: 'Mensaje de prueba de {{orgName}}',
      body: 'Hola {{name}}:\n\nEste es un mensaje de prueba de {{orgName}}. Si puedes leerlo, los mensajes te llegan aquí.',
    },
  },
};
