import type { Locale } from '../../../../src/core/i18n/index.ts';

/**
 * The background work that writes history, in every console language: a job, a schedule, the demo
 * seed, a machine or chat webhook acts as `{ type: 'system', label: <its name> }` (`systemCtx`), and
 * the history shows these words for it instead of the code (issue 28). `system-actors.test.ts`
 * fails on a name the server acts under with no words here; a name it misses still reads
 * "Background job: <name>" (`od.audit.background_job`).
 */
const WORDS: Record<string, Record<Locale, string>> = {
  'channel-health.alert-staff': {
    en: 'Alert about a failing channel',
    hi: 'विफल हो रहे चैनल की चेतावनी',
    es: 'Aviso de un canal que falla',
    fr: 'Alerte sur un canal en échec',
    rw: 'Imenyesha ry’umuyoboro utagikora',
  },
  'cli.create-org': {
    en: 'Command line: new organization',
    hi: 'कमांड लाइन: नया संगठन',
    es: 'Línea de comandos: nueva organización',
    fr: 'Ligne de commande : nouvelle organisation',
    rw: 'Umurongo w’amabwiriza: ikigo gishya',
  },
  'cli.create-user': {
    en: 'Command line: new staff member',
    hi: 'कमांड लाइन: नया स्टाफ़ सदस्य',
    es: 'Línea de comandos: nuevo miembro del personal',
    fr: 'Ligne de commande : nouveau membre du personnel',
    rw: 'Umurongo w’amabwiriza: umukozi mushya',
  },
  'cli.import': {
    en: 'Command line: import from the original system',
    hi: 'कमांड लाइन: पुराने सिस्टम से आयात',
    es: 'Línea de comandos: importación del sistema original',
    fr: 'Ligne de commande : import depuis l’ancien système',
    rw: 'Umurongo w’amabwiriza: kwinjiza ibivuye muri sisitemu ya mbere',
  },
  'cli.rotate-pass-keys': {
    en: 'Command line: new pass key',
    hi: 'कमांड लाइन: नई पास कुंजी',
    es: 'Línea de comandos: nueva clave de pases',
    fr: 'Ligne de commande : nouvelle clé des laissez-passer',
    rw: 'Umurongo w’amabwiriza: urufunguzo rushya rw’amakarita',
  },
  'coffee.demo-simulator': {
    en: 'Demo machine simulator',
    hi: 'डेमो मशीन सिम्युलेटर',
    es: 'Simulador de máquinas de demostración',
    fr: 'Simulateur de machines de démonstration',
    rw: 'Igerageza ry’imashini z’icyitegererezo',
  },
  'coffee.device': {
    en: 'Coffee machine',
    hi: 'कॉफ़ी मशीन',
    es: 'Máquina de café',
    fr: 'Machine à café',
    rw: 'Imashini ikora ikawa',
  },
  'coffee.watch-fleet': {
    en: 'Fleet watch',
    hi: 'मशीनों की निगरानी',
    es: 'Vigilancia de la flota',
    fr: 'Surveillance du parc',
    rw: 'Igenzura ry’imashini',
  },
  'conversations.process-messages': {
    en: 'Chat bot',
    hi: 'चैट बॉट',
    es: 'Bot de chat',
    fr: 'Bot de discussion',
    rw: 'Boti y’ibiganiro',
  },
  'conversations.resend-unconfirmed': {
    en: 'Chat messages sent again',
    hi: 'चैट संदेश दोबारा भेजे गए',
    es: 'Mensajes de chat reenviados',
    fr: 'Messages de discussion renvoyés',
    rw: 'Ubutumwa bwongeye koherezwa',
  },
  'exhibition.statement-run': {
    en: 'Statements run',
    hi: 'स्टेटमेंट भेजने का काम',
    es: 'Envío de estados de cuenta',
    fr: 'Envoi des relevés',
    rw: 'Kohereza raporo za konti',
  },
  'exhibition.badge-link': {
    en: 'A visitor opening the badge link of their SMS',
    hi: 'SMS के बैज लिंक से खोलने वाला आगंतुक',
    es: 'Un visitante que abre el enlace de credencial de su SMS',
    fr: 'Un visiteur ouvrant le lien de badge de son SMS',
    rw: 'Umushyitsi ufunguye ihuza rya badge riri muri SMS ye',
  },
  'exhibition.statement-link': {
    en: 'A customer opening the statement link of their SMS',
    hi: 'SMS के स्टेटमेंट लिंक से खोलने वाला ग्राहक',
    es: 'Un cliente que abre el enlace del estado de cuenta de su SMS',
    fr: 'Un client ouvrant le lien du relevé de son SMS',
    rw: 'Umukiriya ufunguye ihuza rya raporo ya konti riri muri SMS ye',
  },
  'mess.pass-link': {
    en: 'A student opening the meal pass link of their SMS',
    hi: 'SMS के भोजन पास लिंक से खोलने वाला छात्र',
    es: 'Un estudiante que abre el enlace del pase de comida de su SMS',
    fr: 'Un étudiant ouvrant le lien du ticket repas de son SMS',
    rw: 'Umunyeshuri ufunguye ihuza ry’ikarita y’ifunguro riri muri SMS ye',
  },
  'prepaid.check-token-sms': {
    en: 'Token SMS check (sent again when it never left)',
    hi: 'टोकन SMS की जाँच (न निकला हो तो दोबारा भेजा गया)',
    es: 'Revisión del SMS del token (reenviado si nunca salió)',
    fr: 'Vérification du SMS du code (renvoyé s’il n’est jamais parti)',
    rw: 'Igenzura rya SMS ya tokeni (yongera koherezwa iyo itigeze igenda)',
  },
  'imports.original-system': {
    en: 'The original system, before the import',
    hi: 'पुराना सिस्टम, आयात से पहले',
    es: 'El sistema original, antes de la importación',
    fr: 'L’ancien système, avant l’import',
    rw: 'Sisitemu ya mbere, mbere yo kwinjiza amakuru',
  },
  'imports.run': {
    en: 'Import from the original system (console)',
    hi: 'पुराने सिस्टम से आयात (कंसोल)',
    es: 'Importación del sistema original (consola)',
    fr: 'Import depuis l’ancien système (console)',
    rw: 'Kwinjiza ibivuye muri sisitemu ya mbere (konsole)',
  },
  'mess-bot': {
    en: 'Mess admin bot',
    hi: 'मेस एडमिन बॉट',
    es: 'Bot de administración del comedor',
    fr: 'Bot d’administration de la cantine',
    rw: 'Boti y’ubuyobozi bwa resitora',
  },
  'mess.cards-settle': {
    en: 'Admin bot cards update',
    hi: 'एडमिन बॉट कार्ड अपडेट',
    es: 'Actualización de tarjetas del bot',
    fr: 'Mise à jour des cartes du bot',
    rw: 'Kuvugurura amakarita ya boti',
  },
  'mess.pass-run': {
    en: 'Meal passes run',
    hi: 'मील पास भेजने का काम',
    es: 'Envío de pases de comida',
    fr: 'Envoi des tickets repas',
    rw: 'Kohereza amakarita y’ifunguro',
  },
  'mess.sheets-append': {
    en: 'Spreadsheet backup',
    hi: 'स्प्रेडशीट बैकअप',
    es: 'Copia en la hoja de cálculo',
    fr: 'Copie dans le tableur',
    rw: 'Kubika kopi ku mbonerahamwe',
  },
  // The outbox's dispatcher (issue 75); `notifications.send` names the sending job of older history.
  'notifications.outbox': {
    en: 'Message sending',
    hi: 'संदेश भेजना',
    es: 'Envío de mensajes',
    fr: 'Envoi de messages',
    rw: 'Kohereza ubutumwa',
  },
  'notifications.send': {
    en: 'Message sending',
    hi: 'संदेश भेजना',
    es: 'Envío de mensajes',
    fr: 'Envoi de messages',
    rw: 'Kohereza ubutumwa',
  },
  'payments.check-status': {
    en: 'Payment status check',
    hi: 'भुगतान स्थिति जाँच',
    es: 'Comprobación del estado del pago',
    fr: 'Vérification de l’état du paiement',
    rw: 'Kugenzura uko kwishyura bihagaze',
  },
  'payments.link-duplicate-proofs': {
    en: 'Duplicate proof check',
    hi: 'दोहरे प्रमाण की जाँच',
    es: 'Revisión de comprobantes repetidos',
    fr: 'Vérification des preuves en double',
    rw: 'Kugenzura ibimenyetso byisubiyemo',
  },
  'payments.request-to-pay': {
    en: 'Payment request',
    hi: 'भुगतान अनुरोध',
    es: 'Solicitud de pago',
    fr: 'Demande de paiement',
    rw: 'Gusaba kwishyura',
  },
  'payments.refund-check': {
    en: 'Refund status check',
    hi: 'धनवापसी स्थिति जाँच',
    es: 'Comprobación del estado del reembolso',
    fr: 'Vérification de l’état du remboursement',
    rw: 'Kugenzura uko gusubiza amafaranga bihagaze',
  },
  'payments.refund-send': {
    en: 'Refund sending',
    hi: 'धनवापसी भेजना',
    es: 'Envío del reembolso',
    fr: 'Envoi du remboursement',
    rw: 'Kohereza amafaranga asubizwa',
  },
  'prepaid.check-alerts': {
    en: 'Balance alerts check',
    hi: 'बैलेंस अलर्ट जाँच',
    es: 'Revisión de avisos de saldo',
    fr: 'Vérification des alertes de solde',
    rw: 'Kugenzura imenyesha ry’amafaranga asigaye',
  },
  'prepaid.check-tokens': {
    en: 'Token check',
    hi: 'टोकन जाँच',
    es: 'Revisión de tokens',
    fr: 'Vérification des jetons',
    rw: 'Kugenzura tokeni',
  },
  'prepaid.token-sms-follow-up': {
    en: 'Token SMS follow-up',
    hi: 'टोकन SMS की जाँच',
    es: 'Seguimiento del SMS del token',
    fr: 'Suivi du SMS du jeton',
    rw: 'Gukurikirana SMS ya tokeni',
  },
  'prepaid.flag-unused-tokens': {
    en: 'Unused tokens check',
    hi: 'अप्रयुक्त टोकन जाँच',
    es: 'Revisión de tokens sin usar',
    fr: 'Vérification des jetons inutilisés',
    rw: 'Kugenzura tokeni zitakoreshejwe',
  },
  'prepaid.meter': {
    en: 'Electricity meter',
    hi: 'बिजली मीटर',
    es: 'Medidor de electricidad',
    fr: 'Compteur d’électricité',
    rw: 'Mubazi y’amashanyarazi',
  },
  'prepaid.portal': {
    en: 'Customer portal',
    hi: 'ग्राहक पोर्टल',
    es: 'Portal de clientes',
    fr: 'Portail client',
    rw: 'Urubuga rw’abakiriya',
  },
  'prepaid.send-statements': {
    en: 'Monthly statements',
    hi: 'मासिक स्टेटमेंट',
    es: 'Estados de cuenta mensuales',
    fr: 'Relevés mensuels',
    rw: 'Raporo z’ukwezi',
  },
  'raffle.refund-called-off': {
    en: 'Refunds of a called-off raffle',
    hi: 'रद्द रैफ़ल की धनवापसी',
    es: 'Reembolsos de una rifa cancelada',
    fr: 'Remboursements d’une tombola annulée',
    rw: 'Gusubiza amafaranga ya tombola yahagaritswe',
  },
  'raffle.draw-page': {
    en: 'Public draw page',
    hi: 'सार्वजनिक ड्रॉ पेज',
    es: 'Página pública del sorteo',
    fr: 'Page publique du tirage',
    rw: 'Urupapuro rusange rwa tombola',
  },
  'raffle.expire-hold': {
    en: 'Ticket hold expiry',
    hi: 'टिकट होल्ड की समाप्ति',
    es: 'Vencimiento de una reserva',
    fr: 'Expiration d’une réservation',
    rw: 'Irangira ry’itike zafashwe',
  },
  'raffle.notify-winners': {
    en: 'Winner notices',
    hi: 'विजेताओं को सूचना',
    es: 'Aviso a los ganadores',
    fr: 'Avis aux gagnants',
    rw: 'Kumenyesha abatsinze',
  },
  'raffle.remind-hold': {
    en: 'Ticket hold reminder',
    hi: 'टिकट होल्ड अनुस्मारक',
    es: 'Recordatorio de una reserva',
    fr: 'Rappel d’une réservation',
    rw: 'Kwibutsa itike zafashwe',
  },
  'raffle.sweep-holds': {
    en: 'Expired holds sweep',
    hi: 'समाप्त होल्ड की सफ़ाई',
    es: 'Limpieza de reservas vencidas',
    fr: 'Nettoyage des réservations expirées',
    rw: 'Gusiba itike zafashwe zarangiye',
  },
  'retention.cleanup': {
    en: 'Data retention cleanup',
    hi: 'डेटा प्रतिधारण सफ़ाई',
    es: 'Limpieza por retención de datos',
    fr: 'Nettoyage selon la durée de conservation',
    rw: 'Gusiba amakuru yarengeje igihe cyo kubikwa',
  },
  'sandbox.chats': {
    en: 'Sandbox chats',
    hi: 'सैंडबॉक्स चैट',
    es: 'Chats de prueba',
    fr: 'Discussions de test',
    rw: 'Ibiganiro by’igerageza',
  },
  'seed-demo': {
    en: 'Demo data',
    hi: 'डेमो डेटा',
    es: 'Datos de demostración',
    fr: 'Données de démonstration',
    rw: 'Amakuru y’icyitegererezo',
  },
  'telegram.update': {
    en: 'Telegram message',
    hi: 'Telegram संदेश',
    es: 'Mensaje de Telegram',
    fr: 'Message Telegram',
    rw: 'Ubutumwa bwa Telegram',
  },
  'whatsapp.webhook': {
    en: 'WhatsApp message',
    hi: 'WhatsApp संदेश',
    es: 'Mensaje de WhatsApp',
    fr: 'Message WhatsApp',
    rw: 'Ubutumwa bwa WhatsApp',
  },
  'sms.report': {
    en: 'SMS delivery report',
    hi: 'SMS डिलीवरी रिपोर्ट',
    es: 'Informe de entrega de SMS',
    fr: 'Accusé de remise SMS',
    rw: 'Raporo y’iyakirwa rya SMS',
  },
  'sms.opt-out': {
    en: 'SMS opt-out (STOP)',
    hi: 'SMS बंद करने का अनुरोध (STOP)',
    es: 'Baja de SMS (STOP)',
    fr: 'Désinscription SMS (STOP)',
    rw: 'Guhagarika SMS (STOP)',
  },
  ussd: {
    en: 'USSD session',
    hi: 'USSD सत्र',
    es: 'Sesión USSD',
    fr: 'Session USSD',
    rw: 'Igikorwa cya USSD',
  },
};

/** The i18n key of the words for a background actor's name: `payments.check-status` → `od.audit.system_actors.payments_check_status`. */
export const systemActorKey = (name: string): string =>
  `od.audit.system_actors.${name.replace(/[.-]/g, '_')}`;

const catalog = (language: Locale) => ({
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
export const systemActorsFr = catalog('fr');
export const systemActorsRw = catalog('rw');
