import { lazy } from 'react';
import { defineConsoleExtension } from '../../extensions/console-extension.ts';
import { platformExtensionsFr } from '../../i18n/platform-extensions.fr.ts';
import { platformExtensionsRw } from '../../i18n/platform-extensions.rw.ts';

/** The platform's dashboard cards; their words are in the console's own catalogs (`od.*`). */
export const platformExtension = defineConsoleExtension({
  name: 'platform',
  messages: {
    en: {
      od: {
        dashboard: {
          channels: 'Message channels',
          channels_ok: 'Every message went out: none failed or is stuck on any channel in the last 24 hours.',
          channel_counts: '%{channel}, last 24 hours — failed: %{failed}, stuck: %{stuck}.',
          channel_last_error: 'Its last sends failed: %{cause}',
          channel_unconfirmed:
            'One message was never confirmed: the person may not have seen it (see the conversation). |||| %{smart_count} messages were never confirmed: the people may not have seen them (see their conversations).',
          channels_fix: 'Set up',
          channel_not_configured:
            '%{channel} is not configured: one message could not be sent |||| %{channel} is not configured: %{smart_count} messages could not be sent',
        },
        channels: { whatsapp: 'WhatsApp', telegram: 'Telegram', email: 'E-mail' },
      },
    },
    es: {
      od: {
        dashboard: {
          channels: 'Canales de mensajes',
          channels_ok:
            'Todos los mensajes salieron: ninguno falló ni está detenido en ningún canal en las últimas 24 horas.',
          channel_counts: '%{channel}, últimas 24 horas — con error: %{failed}, detenidos: %{stuck}.',
          channel_last_error: 'Sus últimos envíos fallaron: %{cause}',
          channel_unconfirmed:
            'Un mensaje nunca se confirmó: puede que la persona no lo haya visto (ver la conversación). |||| %{smart_count} mensajes nunca se confirmaron: puede que las personas no los hayan visto (ver sus conversaciones).',
          channels_fix: 'Configurar',
          channel_not_configured:
            '%{channel} no está configurado: un mensaje no se pudo enviar |||| %{channel} no está configurado: %{smart_count} mensajes no se pudieron enviar',
        },
        channels: { whatsapp: 'WhatsApp', telegram: 'Telegram', email: 'Correo' },
      },
    },
    hi: {
      od: {
        dashboard: {
          channels: 'संदेश चैनल',
          channels_ok: 'सभी संदेश चले गए: पिछले 24 घंटों में किसी चैनल पर कोई संदेश विफल नहीं हुआ या अटका नहीं है।',
          channel_counts: '%{channel}, पिछले 24 घंटे — विफल: %{failed}, अटके: %{stuck}।',
          channel_last_error: 'इसके पिछले भेजे गए संदेश विफल हुए: %{cause}',
          channel_unconfirmed:
            'एक संदेश की पुष्टि कभी नहीं हुई: हो सकता है व्यक्ति ने उसे न देखा हो (बातचीत देखें)। |||| %{smart_count} संदेशों की पुष्टि कभी नहीं हुई: हो सकता है लोगों ने उन्हें न देखा हो (उनकी बातचीत देखें)।',
          channels_fix: 'सेट करें',
          channel_not_configured:
            '%{channel} सेट नहीं है: एक संदेश नहीं भेजा जा सका |||| %{channel} सेट नहीं है: %{smart_count} संदेश नहीं भेजे जा सके',
        },
        channels: { whatsapp: 'WhatsApp', telegram: 'Telegram', email: 'ई-मेल' },
      },
    },
    fr: platformExtensionsFr.platform,
    rw: platformExtensionsRw.platform,
  },
  cards: [
    {
      id: 'platform.staff',
      title: 'od.dashboard.staff',
      permission: 'platform.user.read',
      order: 10,
      width: 4,
      component: lazy(() => import('./StaffCard.tsx')),
    },
    {
      id: 'platform.failed-jobs',
      title: 'od.dashboard.jobs_failed',
      permission: 'platform.job.read',
      order: 20,
      width: 4,
      component: lazy(() => import('./FailedJobsCard.tsx')),
    },
    {
      id: 'platform.channels',
      title: 'od.dashboard.channels',
      permission: 'notifications.message.read',
      order: 25,
      width: 4,
      component: lazy(() => import('./ChannelsCard.tsx')),
    },
    {
      id: 'platform.activity',
      title: 'od.dashboard.activity',
      permission: 'platform.audit.read',
      order: 30,
      width: 12,
      component: lazy(() => import('./ActivityChart.tsx')),
    },
  ],
});
