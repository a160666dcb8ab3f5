/** The chat simulator: talk to any flow as WhatsApp or Telegram users would, without either account. */
import ForumIcon from '@mui/icons-material/Forum';
import { lazy } from 'react';
import { defineConsoleExtension } from '../../extensions/console-extension.ts';
import { platformExtensionsFr } from '../../i18n/platform-extensions.fr.ts';
import { platformExtensionsRw } from '../../i18n/platform-extensions.rw.ts';

export const simulatorExtension = defineConsoleExtension({
  name: 'simulator',
  pages: [
    {
      path: '/simulator',
      label: 'od.simulator.menu',
      icon: ForumIcon,
      permission: 'conversations.simulator.use',
      component: lazy(() => import('./SimulatorPage.tsx')),
    },
  ],
  messages: {
    en: {
      od: {
        simulator: {
          menu: 'Chat simulator',
          intro:
            'Talk to a chat flow exactly as a WhatsApp or Telegram user would. Tap buttons or type keywords.',
          flow: 'Flow',
          new_chat: 'New chat',
          placeholder: 'Type a message…',
          send: 'Send',
          photo: 'Send a photo or PDF',
          empty: 'Say hello to start: the flow answers here.',
          no_flows: 'No chat flow is enabled. Enable a module with a bot (raffle, mess) in OPSDESK_MODULES.',
          you: 'You',
          bot: 'Bot',
          played: {
            whatsapp:
              'You are %{address} on the sandbox’s WhatsApp: the organization’s number answers here, and what it sends later arrives here too.',
            telegram:
              'You are user %{address} on the sandbox’s Telegram: the organization’s bot answers here, and what it sends later arrives here too.',
          },
        },
      },
    },
    es: {
      od: {
        simulator: {
          menu: 'Simulador de chat',
          intro:
            'Habla con un flujo de chat como lo haría un usuario de WhatsApp o Telegram. Toca botones o escribe palabras clave.',
          flow: 'Flujo',
          new_chat: 'Nuevo chat',
          placeholder: 'Escribe un mensaje…',
          send: 'Enviar',
          photo: 'Enviar una foto o PDF',
          empty: 'Saluda para empezar: el flujo responde aquí.',
          no_flows:
            'No hay flujos de chat activos. Activa un módulo con bot (raffle, mess) en OPSDESK_MODULES.',
          you: 'Tú',
          bot: 'Bot',
          played: {
            whatsapp:
              'Eres %{address} en el WhatsApp de prueba: el número de la organización responde aquí, y lo que envíe después también llega aquí.',
            telegram:
              'Eres el usuario %{address} en el Telegram de prueba: el bot de la organización responde aquí, y lo que envíe después también llega aquí.',
          },
        },
      },
    },
    hi: {
      od: {
        simulator: {
          menu: 'चैट सिम्युलेटर',
          intro: 'किसी चैट फ़्लो से वैसे ही बात करें जैसे WhatsApp या Telegram उपयोगकर्ता करते हैं। बटन दबाएँ या कीवर्ड लिखें।',
          flow: 'फ़्लो',
          new_chat: 'नई चैट',
          placeholder: 'संदेश लिखें…',
          send: 'भेजें',
          photo: 'फ़ोटो या PDF भेजें',
          empty: 'शुरू करने के लिए नमस्ते लिखें: फ़्लो यहीं जवाब देगा।',
          no_flows: 'कोई चैट फ़्लो चालू नहीं है। OPSDESK_MODULES में बॉट वाला मॉड्यूल (raffle, mess) चालू करें।',
          you: 'आप',
          bot: 'बॉट',
          played: {
            whatsapp:
              'आप सैंडबॉक्स के WhatsApp पर %{address} हैं: संस्था का नंबर यहीं जवाब देता है, और बाद में भेजे गए संदेश भी यहीं आते हैं।',
            telegram:
              'आप सैंडबॉक्स के Telegram पर उपयोगकर्ता %{address} हैं: संस्था का बॉट यहीं जवाब देता है, और बाद में भेजे गए संदेश भी यहीं आते हैं।',
          },
        },
      },
    },
    fr: platformExtensionsFr.simulator,
    rw: platformExtensionsRw.simulator,
  },
});
