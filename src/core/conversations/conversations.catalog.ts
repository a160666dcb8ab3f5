import type { NamespaceCatalogs } from '../i18n/index.ts';

/** What the engine itself says, whatever the flow. */
export const conversationsCatalogs: NamespaceCatalogs = {
  en: {
    idle: { restarted: 'It has been a while, so we are starting over.' },
    language: {
      prompt: 'Choose your language:',
      button: 'Languages',
      set: 'I will speak English from now on.',
    },
    error: { generic: 'Sorry, something went wrong. Please try again.' },
  },
  es: {
    idle: { restarted: 'Pasó un tiempo, así que empezamos de nuevo.' },
    language: { prompt: 'Elige tu idioma:', button: 'Idiomas', set: 'Desde ahora hablaré en español.' },
    error: { generic: 'Lo siento, algo salió mal. Inténtalo de nuevo.' },
  },
  hi: {
    idle: { restarted: 'काफ़ी समय हो गया, इसलिए हम फिर से शुरू कर रहे हैं।' },
    language: { prompt: 'अपनी भाषा चुनें:', button: 'भाषाएँ', set: 'अब से मैं हिन्दी में बात करूँगा।' },
    error: { generic: 'माफ़ कीजिए, कुछ गड़बड़ हो गई। कृपया फिर से कोशिश करें।' },
  },
  fr: {
    idle: { restarted: 'Cela fait un moment, alors nous recommençons.' },
    language: {
      prompt: 'Choisissez votre langue :',
      button: 'Langues',
      set: 'Je parlerai français à partir de maintenant.',
    },
    error: { generic: 'Désolé, un problème est survenu. Veuillez réessayer.' },
  },
  rw: {
    idle: { restarted: 'Hashize igihe, reka twongere dutangire.' },
    language: {
      prompt: 'Hitamo ururimi rwawe:',
      button: 'Indimi',
      set: 'Guhera ubu ndavuga Ikinyarwanda.',
    },
    error: { generic: 'Mutwihanganire, hari ikitagenze neza. Ongera ugerageze.' },
  },
};
