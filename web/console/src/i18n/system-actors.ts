/**
 * The background work that writes history, in every console language: a job, a schedule, the demo
 * seed, a machine or chat webhook acts as `{ type: 'system', label: <its name> }` (`systemCtx`), and
 * the history shows these words for it instead of the code (issue 28). `system-actors.test.ts`
 * fails on a name the server acts under with no words here; a name it misses still reads
 * "Background job: <name>" (`od.audit.background_job`).
 */
const WORDS: Record<string, { en: string; hi: string; es: string }> = {
  'channel-health.alert-staff': {
    en: 'Alert about a failing channel',
    hi: 'विफल हो रहे चैनल की चेतावनी',
    es: 'Aviso de un canal que falla',
  },
  'cli.create-org': {
    en: 'Command line: new organization',
    hi: 'कमांड लाइन: नया संगठन',
    es: 'Línea de comandos: nueva organización',
  },
  'cli.create-user': {
    en: 'Command line: new staff member',
    hi: 'कमांड लाइन: नया स्टाफ़ सदस्य',
    es: 'Línea de comandos: nuevo miembro del personal',
  },
  'cli.import': {
    en: 'Command line: import from the original system',
    hi: 'कमांड लाइन: पुराने सिस्टम से आयात',
    es: 'Línea de comandos: importación del sistema original',
  },
  'cli.rotate-pass-keys': {
    en: 'Command line: new pass key',
    hi: 'कमांड लाइन: नई पास कुंजी',
    es: 'Línea de comandos: nueva clave de pases',
  },
  'coffee.demo-simulator': {
    en: 'Demo machine simulator',
    hi: 'डेमो मशीन सिम्युलेटर',
    es: 'Simulador de máquinas de demostración',
  },
  'coffee.device': { en: 'Coffee machine', hi: 'कॉफ़ी मशीन', es: 'Máquina de café' },
  'coffee.watch-fleet': { en: 'Fleet watch', hi: 'मशीनों की निगरानी', es: 'Vigilancia de la flota' },
  'conversations.process-messages': { en: 'Chat bot', hi: 'चैट बॉट', es: 'Bot de chat' },
  'conversations.resend-unconfirmed': {
    en: 'Chat messages sent again',
    hi: 'चैट संदेश दोबारा भेजे गए',
    es: 'Mensajes de chat reenviados',
  },
  'exhibition.statement-run': {
    en: 'Statements run',
    hi: 'स्टेटमेंट भेजने का काम',
    es: 'Envío de estados de cuenta',
  },
  'mess-bot': { en: 'Mess admin bot', hi: 'मेस एडमिन बॉट', es: 'Bot de administración del comedor' },
  'mess.cards-settle': {
    en: 'Admin bot cards update',
    hi: 'एडमिन बॉट कार्ड अपडेट',
    es: 'Actualización de tarjetas del bot',
  },
  'mess.pass-run': { en: 'Meal passes run', hi: 'मील पास भेजने का काम', es: 'Envío de pases de comida' },
  'mess.sheets-append': {
    en: 'Spreadsheet backup',
    hi: 'स्प्रेडशीट बैकअप',
    es: 'Copia en la hoja de cálculo',
  },
  'notifications.send': { en: 'Message sending', hi: 'संदेश भेजना', es: 'Envío de mensajes' },
  'payments.check-status': {
    en: 'Payment status check',
    hi: 'भुगतान स्थिति जाँच',
    es: 'Comprobación del estado del pago',
  },
  'payments.request-to-pay': { en: 'Payment request', hi: 'भुगतान अनुरोध', es: 'Solicitud de pago' },
  'prepaid.check-alerts': {
    en: 'Balance alerts check',
    hi: 'बैलेंस अलर्ट जाँच',
    es: 'Revisión de avisos de saldo',
  },
  'prepaid.check-tokens': { en: 'Token check', hi: 'टोकन जाँच', es: 'Revisión de tokens' },
  'prepaid.flag-unused-tokens': {
    en: 'Unused tokens check',
    hi: 'अप्रयुक्त टोकन जाँच',
    es: 'Revisión de tokens sin usar',
  },
  'prepaid.meter': { en: 'Electricity meter', hi: 'बिजली मीटर', es: 'Medidor de electricidad' },
  'prepaid.portal': { en: 'Customer portal', hi: 'ग्राहक पोर्टल', es: 'Portal de clientes' },
  'prepaid.send-statements': {
    en: 'Monthly statements',
    hi: 'मासिक स्टेटमेंट',
    es: 'Estados de cuenta mensuales',
  },
  'raffle.draw-page': {
    en: 'Public draw page',
    hi: 'सार्वजनिक ड्रॉ पेज',
    es: 'Página pública del sorteo',
  },
  'raffle.expire-hold': {
    en: 'Ticket hold expiry',
    hi: 'टिकट होल्ड की समाप्ति',
    es: 'Vencimiento de una reserva',
  },
  'raffle.notify-winners': { en: 'Winner notices', hi: 'विजेताओं को सूचना', es: 'Aviso a los ganadores' },
  'raffle.remind-hold': {
    en: 'Ticket hold reminder',
    hi: 'टिकट होल्ड अनुस्मारक',
    es: 'Recordatorio de una reserva',
  },
  'raffle.sweep-holds': {
    en: 'Expired holds sweep',
    hi: 'समाप्त होल्ड की सफ़ाई',
    es: 'Limpieza de reservas vencidas',
  },
  'retention.cleanup': {
    en: 'Data retention cleanup',
    hi: 'डेटा प्रतिधारण सफ़ाई',
    es: 'Limpieza por retención de datos',
  },
  'sandbox.chats': { en: 'Sandbox chats', hi: 'सैंडबॉक्स चैट', es: 'Chats de prueba' },
  'seed-demo': { en: 'Demo data', hi: 'डेमो डेटा', es: 'Datos de demostración' },
  'telegram.update': { en: 'Telegram message', hi: 'Telegram संदेश', es: 'Mensaje de Telegram' },
  'whatsapp.webhook': { en: 'WhatsApp message', hi: 'WhatsApp संदेश', es: 'Mensaje de WhatsApp' },
};

/** The i18n key of the words for a background actor's name: `payments.check-status` → `od.audit.system_actors.payments_check_status`. */
export const systemActorKey = (name: string): string =>
  `od.audit.system_actors.${name.replace(/[.-]/g, '_')}`;

const catalog = (language: 'en' | 'hi' | 'es') => ({
  od: {
    audit: {
      system_actors: Object.fromEntries(
        Object.entries(WORDS).map(([name, words]) => [name.replace(/[.-]/g, '_'), words[language]]),
      ),
    },
  },
});

export const systemActorsEn = catalog('en');
export const systemActorsHi = catalog('hi');
export const systemActorsEs = catalog('es');
