/** Data retention: the periods page (per kind, defaults shown, what a cleanup would remove now) and the words of the runs list. */
import DeleteSweepIcon from '@mui/icons-material/DeleteSweep';
import { lazy } from 'react';
import { defineConsoleExtension, type TranslationOf } from '../../extensions/console-extension.ts';
import { platformExtensionsFr } from '../../i18n/platform-extensions.fr.ts';
import { platformExtensionsRw } from '../../i18n/platform-extensions.rw.ts';

const en = {
  retention: {
    menu: { settings: 'Data retention', runs: 'Cleanup runs' },
    page: {
      title: 'Data retention',
      intro:
        'How long each kind of data is kept. Older data goes every night, in small batches; anything still needed (an open order, an unsettled payment, an open scan conflict, a pending refund, a legal hold) stays.',
      kind: 'Data',
      default: 'Default',
      days: 'Keep (days)',
      forever: 'Leave empty to keep forever',
      would_go: 'Would go now',
      rows: '%{smart_count} row |||| %{smart_count} rows',
      jobs: 'Finished background jobs: kept %{days} days (OPSDESK_JOBS_KEEP_DAYS, for the whole deployment).',
      legal_hold: 'Legal hold: remove and mask nothing of this organization',
      legal_hold_reason: 'Reason for the hold',
      held: 'Under a legal hold: the cleanup removes nothing.',
      runs: 'See the cleanup runs',
    },
    kinds: {
      raw_payloads: 'Raw webhook payloads',
      messages: 'Conversation messages and attachments',
      delivered: 'Delivered notifications',
      chat_messages: 'Bot replies and staff messages in conversations',
      proof_files: 'Proof files of decided payments',
      import_uploads: 'Uploads of imports from the original system',
      audit_personal: 'Personal values in the audit log (masked, entries kept)',
    },
    runs: {
      id: 'Run',
      startedAt: 'Started',
      finishedAt: 'Finished',
      trigger: 'Started by',
      status: 'Status',
      rowsRemoved: 'Rows removed',
      bytesRemoved: 'Bytes freed',
      removed: 'Removed, per kind',
      error: 'Error',
    },
    options: {
      schedule: 'Nightly schedule',
      cli: 'Command line',
      console: 'Console',
      running: 'Running',
      done: 'Done',
      failed: 'Failed',
      held: 'Legal hold',
    },
    audit: {
      settings_changed: 'changed the retention periods',
      hold_placed: 'placed a legal hold',
      hold_released: 'released a legal hold',
      run_finished: 'cleanup run finished',
      run_failed: 'cleanup run failed',
      run_held: 'cleanup skipped: legal hold',
    },
  },
};

const es: TranslationOf<typeof en> = {
  retention: {
    menu: { settings: 'Conservación de datos', runs: 'Limpiezas' },
    page: {
      title: 'Conservación de datos',
      intro:
        'Cuánto tiempo se guarda cada tipo de datos. Lo más antiguo se borra cada noche, en lotes pequeños; lo que aún se necesita (un pedido abierto, un pago sin confirmar, un conflicto de escaneo abierto, un reembolso pendiente, una retención legal) se conserva.',
      kind: 'Datos',
      default: 'Por defecto',
      days: 'Conservar (días)',
      forever: 'Vacío: conservar siempre',
      would_go: 'Se borraría ahora',
      rows: '%{smart_count} fila |||| %{smart_count} filas',
      jobs: 'Tareas en segundo plano terminadas: se guardan %{days} días (OPSDESK_JOBS_KEEP_DAYS, para toda la instalación).',
      legal_hold: 'Retención legal: no borrar ni enmascarar nada de esta organización',
      legal_hold_reason: 'Motivo de la retención',
      held: 'Bajo retención legal: la limpieza no borra nada.',
      runs: 'Ver las limpiezas',
    },
    kinds: {
      raw_payloads: 'Contenido original de los webhooks',
      messages: 'Mensajes de conversación y adjuntos',
      delivered: 'Notificaciones entregadas',
      chat_messages: 'Respuestas del bot y mensajes del personal en las conversaciones',
      proof_files: 'Comprobantes de pagos ya decididos',
      import_uploads: 'Archivos subidos para importar del sistema original',
      audit_personal: 'Datos personales en la auditoría (enmascarados, se conservan las entradas)',
    },
    runs: {
      id: 'Limpieza',
      startedAt: 'Inicio',
      finishedAt: 'Fin',
      trigger: 'Iniciada por',
      status: 'Estado',
      rowsRemoved: 'Filas borradas',
      bytesRemoved: 'Bytes liberados',
      removed: 'Borrado, por tipo',
      error: 'Error',
    },
    options: {
      schedule: 'Programada (cada noche)',
      cli: 'Línea de comandos',
      console: 'Consola',
      running: 'En curso',
      done: 'Terminada',
      failed: 'Fallida',
      held: 'Retención legal',
    },
    audit: {
      settings_changed: 'cambió los plazos de conservación',
      hold_placed: 'puso una retención legal',
      hold_released: 'levantó una retención legal',
      run_finished: 'limpieza terminada',
      run_failed: 'limpieza fallida',
      run_held: 'limpieza omitida: retención legal',
    },
  },
};

const hi: TranslationOf<typeof en> = {
  retention: {
    menu: { settings: 'डेटा अवधि', runs: 'सफ़ाई रन' },
    page: {
      title: 'डेटा अवधि',
      intro:
        'हर प्रकार का डेटा कितने दिन रखा जाता है। पुराना डेटा हर रात छोटे हिस्सों में हटता है; जो अभी ज़रूरी है (खुला ऑर्डर, अपुष्ट भुगतान, खुला स्कैन विवाद, बाकी रिफ़ंड, कानूनी रोक) वह रहता है।',
      kind: 'डेटा',
      default: 'डिफ़ॉल्ट',
      days: 'रखें (दिन)',
      forever: 'हमेशा रखने के लिए खाली छोड़ें',
      would_go: 'अभी हटेगा',
      rows: '%{smart_count} पंक्ति |||| %{smart_count} पंक्तियाँ',
      jobs: 'पूरे हुए बैकग्राउंड काम: %{days} दिन रखे जाते हैं (OPSDESK_JOBS_KEEP_DAYS, पूरी स्थापना के लिए)।',
      legal_hold: 'कानूनी रोक: इस संगठन का कुछ भी न हटाएँ, न छिपाएँ',
      legal_hold_reason: 'रोक का कारण',
      held: 'कानूनी रोक लगी है: सफ़ाई कुछ नहीं हटाती।',
      runs: 'सफ़ाई रन देखें',
    },
    kinds: {
      raw_payloads: 'वेबहुक का मूल डेटा',
      messages: 'बातचीत के संदेश और अटैचमेंट',
      delivered: 'भेजी गई सूचनाएँ',
      chat_messages: 'बातचीत में बॉट के जवाब और स्टाफ़ के संदेश',
      proof_files: 'निर्णय हो चुके भुगतानों के प्रमाण',
      import_uploads: 'मूल सिस्टम से आयात के लिए अपलोड की गई फ़ाइलें',
      audit_personal: 'ऑडिट लॉग में निजी जानकारी (छिपाई जाती है, प्रविष्टि रहती है)',
    },
    runs: {
      id: 'रन',
      startedAt: 'शुरू',
      finishedAt: 'समाप्त',
      trigger: 'किसने शुरू किया',
      status: 'स्थिति',
      rowsRemoved: 'हटाई गई पंक्तियाँ',
      bytesRemoved: 'खाली हुए बाइट',
      removed: 'प्रकार के अनुसार हटाया गया',
      error: 'त्रुटि',
    },
    options: {
      schedule: 'रात का शेड्यूल',
      cli: 'कमांड लाइन',
      console: 'कंसोल',
      running: 'चल रहा है',
      done: 'पूरा',
      failed: 'विफल',
      held: 'कानूनी रोक',
    },
    audit: {
      settings_changed: 'ने डेटा अवधि बदली',
      hold_placed: 'ने कानूनी रोक लगाई',
      hold_released: 'ने कानूनी रोक हटाई',
      run_finished: 'सफ़ाई पूरी हुई',
      run_failed: 'सफ़ाई विफल हुई',
      run_held: 'सफ़ाई छोड़ी गई: कानूनी रोक',
    },
  },
};

export const retentionExtension = defineConsoleExtension({
  name: 'retention',
  pages: [
    {
      path: '/retention',
      label: 'retention.menu.settings',
      icon: DeleteSweepIcon,
      permission: 'retention.settings.read',
      component: lazy(() => import('./RetentionPage.tsx')),
    },
  ],
  messages: { en, es, hi, fr: platformExtensionsFr.retention, rw: platformExtensionsRw.retention },
});
