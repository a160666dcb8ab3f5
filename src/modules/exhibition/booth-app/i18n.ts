/** The booth page's words, in English and Spanish (the exhibition module's languages). */
import { interpolate } from '../../../../web/kit/i18n.ts';

const en = {
  'app.title': 'Booth billing',
  'login.heading': 'Sign in to bill at your booth',
  'login.email': 'E-mail',
  'login.password': 'Password',
  'login.org': 'Organization (optional)',
  'login.submit': 'Sign in',
  'login.failed': 'E-mail or password is wrong.',
  'login.offline': 'No network: sign in needs the server once.',
  'login.error': 'Could not sign in: {detail}',
  'booth.label': 'Booth',
  'booth.none': 'You are not assigned to a booth yet. Ask the desk to assign you.',
  'booth.today': 'Today',
  'booth.bills.one': '{count} bill',
  'booth.bills.other': '{count} bills',
  'booth.overall': 'All days: {total}',
  'scan.hint': 'Scan the customer’s QR code, or type their code below.',
  'scan.cameraStart': 'Start camera',
  'scan.cameraStop': 'Stop camera',
  'scan.cameraDenied': 'Camera unavailable ({detail}). Type the code instead.',
  'camera.denied': 'camera permission was refused',
  'camera.missing': 'no camera found',
  'camera.busy': 'the camera is in use by another app',
  'camera.insecure': 'the page needs HTTPS for the camera',
  'camera.failed': 'the camera could not start',
  'typed.label': 'Code, name or phone',
  'typed.placeholder': 'K7QX-4M2P, a name or a phone',
  'typed.submit': 'Find',
  'customer.looking': 'Looking up the customer…',
  'customer.noMatch': 'No customer has this code, name or phone.',
  'customer.offlineSearch': 'No network: searching by name needs the server. Scan the QR or type the code.',
  'customer.pick': 'Several customers match; tap the one in front of you:',
  'customer.offline': 'Offline: the customer is confirmed when the network returns.',
  'customer.tab': 'Tab so far',
  'customer.unknown': 'Customer {code}',
  'customer.scanned': 'Scanned QR pass',
  'customer.clear': 'Next customer',
  'bill.amount': 'Amount ({currency})',
  'bill.description': 'What for (optional)',
  'bill.submit': 'Bill {amount}',
  'bill.submitEmpty': 'Bill',
  'bill.sent': 'Billed {amount} to {name}.',
  'bill.queued': '{amount} saved on this phone; it is sent when the network returns.',
  'bill.refused': 'Not billed: {detail}',
  'status.online': 'Online',
  'status.offline': 'Offline',
  'status.queued': '{count} waiting to send',
  'status.signOut': 'Sign out',
  'status.language': 'Español',
  'status.signOutPending': '{count} bills are not sent yet. Sign out anyway? They stay on this phone.',
  'banner.offline': 'No network. Bills are saved on this phone and sent once each when it returns.',
  'banner.login': 'The session ended. Sign in again to send the saved bills.',
  'recent.heading': 'Recent bills',
  'recent.sent': 'sent',
  'recent.queued': 'waiting',
  'recent.refused': 'refused',
  'bill.zero': 'Zero is not an amount: type what the customer pays, like 12.50. Nothing was billed.',
  'bill.negative': 'An amount cannot be negative. To take back a bill, void it. Nothing was billed.',
  'bill.digits':
    'Amounts in {currency} have at most {digits} digits after the point, like {example}. Nothing was billed.',
  'bill.noDecimals': 'Amounts in {currency} have no decimals, like {example}. Nothing was billed.',
  'bill.format': 'Type the amount in digits, like {example}. Nothing was billed.',
  'bill.confirmLarge':
    '{amount} is above this exhibition’s limit of {limit}. Check it with the customer before billing.',
  'bill.confirm': 'Yes, bill {amount}',
  'bill.change': 'Change the amount',
  'bill.void': 'Void this bill',
  'bill.voidHint': 'Mistyped? You can void this bill here for {minutes} minutes after billing.',
  'bill.voidReason': 'Voided at the booth right after billing',
  'bill.voided': 'Voided {amount} for {name}: it is off the tab.',
  'bill.voidRefused': 'Not voided: {detail}',
  'booth.pickOrg':
    'You signed in without choosing an organization, so you are in {org}, where you have no booth. Choose the organization you bill for today:',
  'booth.otherOrg': 'You have no booth in {org}. Choose the organization you bill for today:',
  'booth.noneAnywhere':
    'You are in {org}, and none of your organizations has an exhibition booth yet. Ask the desk to add a booth and assign you to it.',
  'recent.voided': 'voided',
  'pay.open': 'Take payment',
  'pay.loading': 'Reading what the tab owes…',
  'pay.nothing': 'Nothing is due on this tab: every bill is paid.',
  'pay.confirm':
    'The tab owes {amount}. Take it in cash, then tap “Cash received”. Nothing is recorded before.',
  'pay.cash': 'Cash received: {amount}',
  'pay.cancel': 'Not now',
  'pay.close': 'Close',
  'pay.done': 'Took {amount} in cash. Nothing more is due on this tab.',
  'pay.doneLeft': 'Took {amount} in cash. {left} is still due (a bill added meanwhile).',
  'pay.offline': 'No network: the payment is not confirmed. Tap again when it returns; it is taken once.',
  'pay.refused': 'Not taken: {detail}',
} as const;

export type BoothKey = keyof typeof en;

const es: Record<BoothKey, string> = {
  'app.title': 'Cobro en el stand',
  'login.heading': 'Inicie sesión para cobrar en su stand',
  'login.email': 'Correo',
  'login.password': 'Contraseña',
  'login.org': 'Organización (opcional)',
  'login.submit': 'Entrar',
  'login.failed': 'El correo o la contraseña no son correctos.',
  'login.offline': 'Sin red: para entrar se necesita el servidor una vez.',
  'login.error': 'No se pudo entrar: {detail}',
  'booth.label': 'Stand',
  'booth.none': 'Todavía no tiene un stand asignado. Pídalo en el mostrador.',
  'booth.today': 'Hoy',
  'booth.bills.one': '{count} cuenta',
  'booth.bills.other': '{count} cuentas',
  'booth.overall': 'Todos los días: {total}',
  'scan.hint': 'Escanee el código QR del cliente o escriba su código abajo.',
  'scan.cameraStart': 'Encender cámara',
  'scan.cameraStop': 'Apagar cámara',
  'scan.cameraDenied': 'Cámara no disponible ({detail}). Escriba el código.',
  'camera.denied': 'se negó el permiso de la cámara',
  'camera.missing': 'no se encontró ninguna cámara',
  'camera.busy': 'otra aplicación está usando la cámara',
  'camera.insecure': 'la página necesita HTTPS para la cámara',
  'camera.failed': 'la cámara no pudo iniciarse',
  'typed.label': 'Código, nombre o teléfono',
  'typed.placeholder': 'K7QX-4M2P, un nombre o un teléfono',
  'typed.submit': 'Buscar',
  'customer.looking': 'Buscando al cliente…',
  'customer.noMatch': 'Ningún cliente tiene este código, nombre o teléfono.',
  'customer.offlineSearch':
    'Sin red: buscar por nombre necesita el servidor. Escanee el QR o escriba el código.',
  'customer.pick': 'Varios clientes coinciden; toque el que tiene delante:',
  'customer.offline': 'Sin red: el cliente se confirma cuando vuelva la red.',
  'customer.tab': 'Cuenta hasta ahora',
  'customer.unknown': 'Cliente {code}',
  'customer.scanned': 'Pase QR escaneado',
  'customer.clear': 'Siguiente cliente',
  'bill.amount': 'Importe ({currency})',
  'bill.description': 'Concepto (opcional)',
  'bill.submit': 'Cobrar {amount}',
  'bill.submitEmpty': 'Cobrar',
  'bill.sent': '{amount} cobrado a {name}.',
  'bill.queued': '{amount} guardado en este teléfono; se envía cuando vuelva la red.',
  'bill.refused': 'No cobrado: {detail}',
  'status.online': 'En línea',
  'status.offline': 'Sin red',
  'status.queued': '{count} por enviar',
  'status.signOut': 'Salir',
  'status.language': 'English',
  'status.signOutPending': '{count} cuentas aún no se enviaron. ¿Salir igualmente? Quedan en este teléfono.',
  'banner.offline':
    'Sin red. Las cuentas se guardan en este teléfono y se envían una sola vez cuando vuelva.',
  'banner.login': 'La sesión terminó. Entre de nuevo para enviar las cuentas guardadas.',
  'recent.heading': 'Últimas cuentas',
  'recent.sent': 'enviada',
  'recent.queued': 'pendiente',
  'recent.refused': 'rechazada',
  'bill.zero': 'Cero no es un importe: escriba lo que paga el cliente, como 12,50. No se cobró nada.',
  'bill.negative': 'Un importe no puede ser negativo. Para deshacer una cuenta, anúlela. No se cobró nada.',
  'bill.digits':
    'Los importes en {currency} tienen como máximo {digits} decimales, como {example}. No se cobró nada.',
  'bill.noDecimals': 'Los importes en {currency} no llevan decimales, como {example}. No se cobró nada.',
  'bill.format': 'Escriba el importe en cifras, como {example}. No se cobró nada.',
  'bill.confirmLarge':
    '{amount} supera el límite de esta feria ({limit}). Compruébelo con el cliente antes de cobrar.',
  'bill.confirm': 'Sí, cobrar {amount}',
  'bill.change': 'Cambiar el importe',
  'bill.void': 'Anular esta cuenta',
  'bill.voidHint':
    '¿Se equivocó? Puede anular esta cuenta aquí durante {minutes} minutos después de cobrarla.',
  'bill.voidReason': 'Anulada en el stand justo después de cobrarla',
  'bill.voided': 'Anulados {amount} de {name}: ya no están en su cuenta.',
  'bill.voidRefused': 'No anulada: {detail}',
  'booth.pickOrg':
    'Entró sin elegir una organización, así que está en {org}, donde no tiene stand. Elija la organización para la que cobra hoy:',
  'booth.otherOrg': 'No tiene stand en {org}. Elija la organización para la que cobra hoy:',
  'booth.noneAnywhere':
    'Está en {org}, y ninguna de sus organizaciones tiene todavía un stand de exposición. Pida en el mostrador que agreguen un stand y se lo asignen.',
  'recent.voided': 'anulada',
  'pay.open': 'Cobrar la cuenta',
  'pay.loading': 'Leyendo lo que debe la cuenta…',
  'pay.nothing': 'Esta cuenta no debe nada: todas las cuentas están pagadas.',
  'pay.confirm':
    'La cuenta debe {amount}. Cóbrelo en efectivo y toque «Efectivo recibido». Antes no se registra nada.',
  'pay.cash': 'Efectivo recibido: {amount}',
  'pay.cancel': 'Ahora no',
  'pay.close': 'Cerrar',
  'pay.done': 'Cobrados {amount} en efectivo. La cuenta ya no debe nada.',
  'pay.doneLeft': 'Cobrados {amount} en efectivo. Aún se deben {left} (una cuenta añadida mientras tanto).',
  'pay.offline': 'Sin red: el pago no está confirmado. Toque de nuevo cuando vuelva; se cobra una sola vez.',
  'pay.refused': 'No cobrado: {detail}',
};

export type BoothLanguage = 'en' | 'es';
const catalogs: Record<BoothLanguage, Record<BoothKey, string>> = { en, es };

/**
 * The booth page's words in one language. The page holds one and takes another when staff switch
 * language, so no module keeps the language as a state of its own.
 */
export interface BoothWords {
  readonly language: BoothLanguage;
  /** The language's locale for amounts and plurals (`es-ES`, `en-US`). */
  readonly locale: string;
  /** A message with `{name}` placeholders filled in. */
  t(key: BoothKey, vars?: Record<string, string | number>): string;
  /** "1 bill", "3 bills": the count's plural form in the language. */
  billCount(count: number): string;
}

export function boothWordsIn(language: BoothLanguage): BoothWords {
  const locale = language === 'es' ? 'es-ES' : 'en-US';
  const t = (key: BoothKey, vars: Record<string, string | number> = {}) =>
    interpolate(catalogs[language][key], vars);
  return {
    language,
    locale,
    t,
    billCount: (count) =>
      t(`booth.bills.${new Intl.PluralRules(locale).select(count) === 'one' ? 'one' : 'other'}`, { count }),
  };
}

/** Every key in both languages, for the unit test. */
export const boothCatalogs = catalogs;
