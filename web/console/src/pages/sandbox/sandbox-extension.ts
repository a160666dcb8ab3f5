/** The sandbox's screens: the payers' phone and the caught-mail inbox (their permissions exist only in the sandbox). */
import InboxIcon from '@mui/icons-material/Inbox';
import PhoneAndroidIcon from '@mui/icons-material/PhoneAndroid';
import { lazy } from 'react';
import { defineConsoleExtension, type Messages } from '../../extensions/console-extension.ts';
import { platformExtensionsFr } from '../../i18n/platform-extensions.fr.ts';
import { platformExtensionsRw } from '../../i18n/platform-extensions.rw.ts';
import { ussdHandsetWords } from './ussd-handset.words.ts';

type Language = keyof typeof ussdHandsetWords;
type SandboxWords = { od: { sandbox: Messages } };

/** Each language's sandbox words with the USSD handset's added (`od.sandbox.ussd`). */
function withHandsetWords(messages: Record<Language, SandboxWords>): Record<Language, Messages> {
  const words = {} as Record<Language, Messages>;
  for (const language of Object.keys(ussdHandsetWords) as Language[]) {
    const own = messages[language];
    words[language] = {
      ...own,
      od: { ...own.od, sandbox: { ...own.od.sandbox, ussd: ussdHandsetWords[language] } },
    };
  }
  return words;
}

export const sandboxExtension = defineConsoleExtension({
  name: 'sandbox',
  pages: [
    {
      path: '/sandbox/phone',
      label: 'od.sandbox.phone.menu',
      icon: PhoneAndroidIcon,
      permission: 'sandbox.phone.use',
      component: lazy(() => import('./SandboxPhonePage.tsx')),
    },
    {
      path: '/sandbox/mail',
      label: 'od.sandbox.mail.menu',
      icon: InboxIcon,
      permission: 'sandbox.mail.open',
      component: lazy(() => import('./CaughtMailPage.tsx')),
    },
  ],
  messages: withHandsetWords({
    en: {
      od: {
        sandbox: {
          banner:
            'Sandbox: %{services} are played on this machine. No real money moves and no message leaves: answer payments on the sandbox phone, read e-mail in the caught-mail inbox, chat in the chat simulator.',
          services: {
            momo: 'MTN MoMo',
            airtel: 'Airtel Money',
            email: 'E-mail',
            sms: 'SMS',
            whatsapp: 'WhatsApp',
            telegram: 'Telegram',
          },
          channel: '%{service}: sandbox (played on this machine)',
          open: 'Open',
          phone: {
            menu: 'Sandbox phone',
            intro:
              'The payer’s phone. A request to pay approves by itself after a few seconds unless you decline it or let it time out.',
            empty: 'No payment request yet. Buy something with MoMo or Airtel Money.',
            asks: 'Request to pay from %{payer}',
            refunded: 'Money back to the payer: %{amount}',
            status: { pending: 'Waiting', approved: 'Approved', failed: 'Not paid' },
            approves_in: 'Approves by itself in %{smart_count} s',
            expires_in: 'Times out in about %{smart_count} min unless answered',
            approve: 'Approve',
            decline: 'Decline',
            timeout: 'Let it time out',
            reasons: {
              declined: 'The payer declined it.',
              not_enough_funds: 'Not enough money on the payer’s account.',
              timed_out: 'Nobody answered in time.',
              payer_not_found: 'This number has no mobile-money account.',
              other: 'The network refused it.',
            },
          },
          sms: {
            title: 'Texts received',
            to_from: 'To %{to}, from %{from}',
            parts: '%{smart_count} part |||| %{smart_count} parts',
            delivered: 'Delivered',
            failed: 'Not delivered: %{reason}',
          },
          mail: {
            menu: 'Caught mail',
            intro: 'Every e-mail this server sends is caught here instead of leaving the machine.',
            empty: 'No e-mail yet.',
            no_subject: '(no subject)',
            from_to: 'From %{from} to %{to}',
            text: 'Text',
            attachments: 'Attachments',
          },
        },
      },
    },
    es: {
      od: {
        sandbox: {
          banner:
            'Entorno de prueba: %{services} se simulan en esta máquina. No se mueve dinero real y ningún mensaje sale: responde los pagos en el teléfono de prueba, lee el correo en la bandeja de correo capturado y chatea en el simulador de chat.',
          services: {
            momo: 'MTN MoMo',
            airtel: 'Airtel Money',
            email: 'Correo',
            sms: 'SMS',
            whatsapp: 'WhatsApp',
            telegram: 'Telegram',
          },
          channel: '%{service}: entorno de prueba (simulado en esta máquina)',
          open: 'Abrir',
          phone: {
            menu: 'Teléfono de prueba',
            intro:
              'El teléfono de quien paga. Una solicitud de pago se aprueba sola a los pocos segundos, salvo que la rechaces o la dejes caducar.',
            empty: 'Aún no hay solicitudes de pago. Compra algo con MoMo o Airtel Money.',
            asks: 'Solicitud de pago a %{payer}',
            refunded: 'Dinero devuelto a quien pagó: %{amount}',
            status: { pending: 'Esperando', approved: 'Aprobado', failed: 'No pagado' },
            approves_in: 'Se aprueba sola en %{smart_count} s',
            expires_in: 'Caduca en unos %{smart_count} min si nadie responde',
            approve: 'Aprobar',
            decline: 'Rechazar',
            timeout: 'Dejar que caduque',
            reasons: {
              declined: 'Quien paga lo rechazó.',
              not_enough_funds: 'No hay dinero suficiente en la cuenta de quien paga.',
              timed_out: 'Nadie respondió a tiempo.',
              payer_not_found: 'Este número no tiene cuenta de dinero móvil.',
              other: 'La red lo rechazó.',
            },
          },
          sms: {
            title: 'Mensajes de texto recibidos',
            to_from: 'Para %{to}, de %{from}',
            parts: '%{smart_count} parte |||| %{smart_count} partes',
            delivered: 'Entregado',
            failed: 'No entregado: %{reason}',
          },
          mail: {
            menu: 'Correo capturado',
            intro: 'Cada correo que envía este servidor queda aquí en vez de salir de la máquina.',
            empty: 'Aún no hay correos.',
            no_subject: '(sin asunto)',
            from_to: 'De %{from} para %{to}',
            text: 'Texto',
            attachments: 'Adjuntos',
          },
        },
      },
    },
    hi: {
      od: {
        sandbox: {
          banner:
            'सैंडबॉक्स: %{services} इसी मशीन पर चलाए जा रहे हैं। असली पैसा नहीं जाता और कोई संदेश बाहर नहीं जाता: भुगतान सैंडबॉक्स फ़ोन पर स्वीकार करें, ई-मेल पकड़े गए मेल के इनबॉक्स में पढ़ें, चैट सिम्युलेटर में चैट करें।',
          services: {
            momo: 'MTN MoMo',
            airtel: 'Airtel Money',
            email: 'ई-मेल',
            sms: 'SMS',
            whatsapp: 'WhatsApp',
            telegram: 'Telegram',
          },
          channel: '%{service}: सैंडबॉक्स (इसी मशीन पर)',
          open: 'खोलें',
          phone: {
            menu: 'सैंडबॉक्स फ़ोन',
            intro:
              'भुगतान करने वाले का फ़ोन। भुगतान का अनुरोध कुछ सेकंड बाद अपने आप स्वीकार हो जाता है, जब तक आप उसे अस्वीकार न करें या समय समाप्त न होने दें।',
            empty: 'अभी कोई भुगतान अनुरोध नहीं। MoMo या Airtel Money से कुछ खरीदें।',
            asks: '%{payer} से भुगतान का अनुरोध',
            refunded: 'भुगतान करने वाले को वापस: %{amount}',
            status: { pending: 'प्रतीक्षा में', approved: 'स्वीकृत', failed: 'भुगतान नहीं हुआ' },
            approves_in: '%{smart_count} सेकंड में अपने आप स्वीकार होगा',
            expires_in: 'जवाब न मिलने पर लगभग %{smart_count} मिनट में समय समाप्त',
            approve: 'स्वीकार करें',
            decline: 'अस्वीकार करें',
            timeout: 'समय समाप्त होने दें',
            reasons: {
              declined: 'भुगतान करने वाले ने इसे अस्वीकार किया।',
              not_enough_funds: 'भुगतान करने वाले के खाते में पर्याप्त पैसे नहीं हैं।',
              timed_out: 'समय पर किसी ने जवाब नहीं दिया।',
              payer_not_found: 'इस नंबर पर कोई मोबाइल मनी खाता नहीं है।',
              other: 'नेटवर्क ने इसे अस्वीकार किया।',
            },
          },
          sms: {
            title: 'प्राप्त SMS',
            to_from: '%{to} को, %{from} से',
            parts: '%{smart_count} भाग |||| %{smart_count} भाग',
            delivered: 'पहुँच गया',
            failed: 'नहीं पहुँचा: %{reason}',
          },
          mail: {
            menu: 'पकड़े गए मेल',
            intro: 'यह सर्वर जो भी ई-मेल भेजता है, वह मशीन से बाहर जाने के बजाय यहाँ रुकता है।',
            empty: 'अभी कोई ई-मेल नहीं।',
            no_subject: '(कोई विषय नहीं)',
            from_to: '%{from} से %{to} को',
            text: 'टेक्स्ट',
            attachments: 'संलग्नक',
          },
        },
      },
    },
    fr: platformExtensionsFr.sandbox,
    rw: platformExtensionsRw.sandbox,
  }),
});
