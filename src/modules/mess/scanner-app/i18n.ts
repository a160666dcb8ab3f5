/** Every string the scanner shows, in English and Hindi. Reasons are keyed `reason.<code>`. */
import { interpolate } from '../../../../web/kit/i18n.ts';
export const LANGUAGES = ['en', 'hi'] as const;
export type Language = (typeof LANGUAGES)[number];

const en = {
  'app.title': 'Mess scanner',
  'login.heading': 'Sign in to scan',
  'login.email': 'E-mail',
  'login.password': 'Password',
  'login.org': 'Organization (optional)',
  'login.submit': 'Sign in',
  'login.failed': 'Wrong e-mail or password.',
  'login.offline': 'You are offline. Sign in once while online; after that the scanner works offline.',
  'login.error': 'Could not sign in: {detail}',
  'status.online': 'Online',
  'status.offline': 'Offline',
  'status.queued': '{count} waiting to send',
  'status.allSent': 'All scans sent',
  'status.syncing': 'Sending…',
  'status.signInAgain': 'Sign in again to send saved scans',
  'banner.offline': 'Offline: scans are saved on this phone and sent when the connection returns.',
  'banner.noSnapshot': 'No student list on this phone yet: connect once to download it.',
  'snapshot.age': 'Student list from {time}',
  'meal.serving': 'Serving now: {meal}, until {end}',
  'meal.closed': 'Mess closed for {meal}',
  'meal.nextToday': 'No meal now · next: {meal} at {start}',
  'meal.nextDay': 'No meal now · next: {meal}, {day} at {start}',
  'meal.none': 'No meal times on this phone: connect to download them',
  'scan.cameraStart': 'Start camera',
  'scan.cameraStop': 'Stop camera',
  'scan.cameraDenied': 'Camera not available: {detail}. Type the roll number instead.',
  'camera.denied': 'camera permission was refused',
  'camera.missing': 'no camera found',
  'camera.busy': 'the camera is in use by another app',
  'camera.insecure': 'the page needs HTTPS for the camera',
  'camera.failed': 'the camera could not start',
  'scan.hint': 'Point the camera at the student’s QR pass',
  'typed.label': 'Roll number',
  'typed.submit': 'Check',
  'typed.placeholder': 'e.g. 21CS042',
  'result.allowed': 'ALLOWED',
  'result.denied': 'DENIED',
  'result.unknownStudent': 'Unknown student',
  'result.checkedHere': 'Checked on this phone',
  'result.checking': 'Checking with the server…',
  'result.confirmed': 'Confirmed by the server',
  'result.queued': 'Saved on this phone, will be sent later',
  'result.pending': 'Could not check on this phone; the server will decide',
  'result.serverChanged': 'Server says: {decision}, {reason}',
  'result.conflict': 'Served on another counter too (conflict recorded)',
  'result.conflictServer': 'The server says {decision}: {reason} (conflict recorded for staff)',
  'result.refused.in_future': 'Not recorded: dated in the future. Check this phone’s clock.',
  'result.refused.before_pass_issued':
    'Not recorded: dated before the pass was issued. Check this phone’s clock.',
  'result.refused.unreadable':
    'Not recorded: the scan could not be read (too long to be a pass or roll number). Scan the pass again.',
  'result.refused.other': 'Not recorded by the server ({code})',
  'result.meal': 'Meal: {meal}',
  'result.room': 'Room {room}',
  'recent.heading': 'Recent scans',
  'recent.empty': 'No scans yet',
  'recent.queued': 'waiting',
  'recent.sent': 'sent',
  'recent.conflict': 'conflict',
  'recent.refused': 'not recorded',
  'menu.sound': 'Sound and vibration',
  'menu.signOut': 'Sign out',
  'menu.signOutPending':
    '{count} scans are not sent yet. They stay on this phone and are sent after the next sign-in. Sign out?',
  'menu.language': 'हिन्दी',
  'menu.device': 'Device {id}',
  'reason.ok': 'Enjoy the meal',
  'reason.malformed': 'Not a mess pass',
  'reason.truncated': 'Pass damaged or partly read: scan again',
  'reason.unsupported_version': 'Pass from a newer version: update the scanner',
  'reason.unknown_key': 'Pass signed by an unknown key',
  'reason.bad_signature': 'Forged or altered pass',
  'reason.expired': 'Pass expired',
  'reason.revoked': 'Old pass: a newer pass was issued',
  'reason.not_yet_valid': 'Pass not valid yet (check the phone’s clock)',
  'reason.unknown_student': 'Student not found',
  'reason.no_code': 'Nothing was scanned or typed',
  'reason.suspended': 'Student suspended: send to the mess office',
  'reason.not_approved': 'Student not approved',
  'reason.no_billing_cycle': 'No billing cycle covers today',
  'reason.payment_due': 'Mess fee not paid for this cycle',
  'reason.mess_cut': 'Student is on mess cut (leave) today',
  'reason.mess_closed': 'Mess closed for this meal',
  'reason.outside_meal_window': 'No meal is being served now',
  'reason.already_served': 'Already served this meal',
  'reason.no_snapshot': 'No student list on this phone',
  'reason.legacy_pass': 'A pass of the old system: the server checks it',
  'reason.unknown': 'Refused ({code})',
} as const;

export type MessageKey = keyof typeof en;

const hi: Record<MessageKey, string> = {
  'app.title': 'मेस स्कैनर',
  'login.heading': 'स्कैन करने के लिए साइन इन करें',
  'login.email': 'ई-मेल',
  'login.password': 'पासवर्ड',
  'login.org': 'संस्था (वैकल्पिक)',
  'login.submit': 'साइन इन',
  'login.failed': 'ई-मेल या पासवर्ड गलत है।',
  'login.offline': 'आप ऑफ़लाइन हैं। एक बार ऑनलाइन साइन इन करें; उसके बाद स्कैनर ऑफ़लाइन भी चलेगा।',
  'login.error': 'साइन इन नहीं हो सका: {detail}',
  'status.online': 'ऑनलाइन',
  'status.offline': 'ऑफ़लाइन',
  'status.queued': '{count} भेजने बाकी',
  'status.allSent': 'सभी स्कैन भेज दिए गए',
  'status.syncing': 'भेजा जा रहा है…',
  'status.signInAgain': 'सहेजे गए स्कैन भेजने के लिए फिर से साइन इन करें',
  'banner.offline': 'ऑफ़लाइन: स्कैन इस फ़ोन में सहेजे जा रहे हैं और कनेक्शन लौटने पर भेजे जाएंगे।',
  'banner.noSnapshot': 'इस फ़ोन में अभी छात्र सूची नहीं है: उसे डाउनलोड करने के लिए एक बार कनेक्ट करें।',
  'snapshot.age': 'छात्र सूची {time} की',
  'meal.serving': 'अभी परोसा जा रहा है: {meal}, {end} तक',
  'meal.closed': '{meal} के लिए मेस बंद है',
  'meal.nextToday': 'अभी कोई भोजन नहीं · अगला: {meal} {start} बजे',
  'meal.nextDay': 'अभी कोई भोजन नहीं · अगला: {meal}, {day} {start} बजे',
  'meal.none': 'इस फ़ोन में भोजन के समय नहीं हैं: उन्हें डाउनलोड करने के लिए कनेक्ट करें',
  'scan.cameraStart': 'कैमरा चालू करें',
  'scan.cameraStop': 'कैमरा बंद करें',
  'scan.cameraDenied': 'कैमरा उपलब्ध नहीं: {detail}। रोल नंबर टाइप करें।',
  'camera.denied': 'कैमरे की अनुमति नहीं दी गई',
  'camera.missing': 'कोई कैमरा नहीं मिला',
  'camera.busy': 'कैमरा किसी दूसरे ऐप में चल रहा है',
  'camera.insecure': 'कैमरे के लिए पेज HTTPS पर होना चाहिए',
  'camera.failed': 'कैमरा शुरू नहीं हो सका',
  'scan.hint': 'कैमरा छात्र के QR पास की ओर करें',
  'typed.label': 'रोल नंबर',
  'typed.submit': 'जाँचें',
  'typed.placeholder': 'जैसे 21CS042',
  'result.allowed': 'अनुमति है',
  'result.denied': 'अनुमति नहीं',
  'result.unknownStudent': 'अज्ञात छात्र',
  'result.checkedHere': 'इस फ़ोन पर जाँचा गया',
  'result.checking': 'सर्वर से जाँच हो रही है…',
  'result.confirmed': 'सर्वर ने पुष्टि की',
  'result.queued': 'इस फ़ोन में सहेजा गया, बाद में भेजा जाएगा',
  'result.pending': 'इस फ़ोन पर जाँच नहीं हो सकी; सर्वर तय करेगा',
  'result.serverChanged': 'सर्वर के अनुसार: {decision}, {reason}',
  'result.conflict': 'दूसरे काउंटर पर भी परोसा गया (टकराव दर्ज)',
  'result.conflictServer': 'सर्वर के अनुसार {decision}: {reason} (स्टाफ़ के लिए टकराव दर्ज)',
  'result.refused.in_future': 'दर्ज नहीं हुआ: समय भविष्य का है। इस फ़ोन की घड़ी जाँचें।',
  'result.refused.before_pass_issued': 'दर्ज नहीं हुआ: समय पास जारी होने से पहले का है। इस फ़ोन की घड़ी जाँचें।',
  'result.refused.unreadable':
    'दर्ज नहीं हुआ: स्कैन पढ़ा नहीं जा सका (पास या रोल नंबर होने के लिए बहुत लंबा)। पास फिर से स्कैन करें।',
  'result.refused.other': 'सर्वर ने दर्ज नहीं किया ({code})',
  'result.meal': 'भोजन: {meal}',
  'result.room': 'कमरा {room}',
  'recent.heading': 'हाल के स्कैन',
  'recent.empty': 'अभी कोई स्कैन नहीं',
  'recent.queued': 'बाकी',
  'recent.sent': 'भेजा गया',
  'recent.conflict': 'टकराव',
  'recent.refused': 'दर्ज नहीं',
  'menu.sound': 'आवाज़ और कंपन',
  'menu.signOut': 'साइन आउट',
  'menu.signOutPending':
    '{count} स्कैन अभी नहीं भेजे गए। वे इस फ़ोन में रहेंगे और अगले साइन इन के बाद भेजे जाएंगे। साइन आउट करें?',
  'menu.language': 'English',
  'menu.device': 'डिवाइस {id}',
  'reason.ok': 'भोजन का आनंद लें',
  'reason.malformed': 'यह मेस पास नहीं है',
  'reason.truncated': 'पास खराब है या आधा पढ़ा गया: फिर से स्कैन करें',
  'reason.unsupported_version': 'नए संस्करण का पास: स्कैनर अपडेट करें',
  'reason.unknown_key': 'अज्ञात कुंजी से हस्ताक्षरित पास',
  'reason.bad_signature': 'नकली या बदला हुआ पास',
  'reason.expired': 'पास की अवधि समाप्त',
  'reason.revoked': 'पुराना पास: नया पास जारी हो चुका है',
  'reason.not_yet_valid': 'पास अभी मान्य नहीं (फ़ोन की घड़ी जाँचें)',
  'reason.unknown_student': 'छात्र नहीं मिला',
  'reason.no_code': 'कुछ भी स्कैन या टाइप नहीं हुआ',
  'reason.suspended': 'छात्र निलंबित है: मेस कार्यालय भेजें',
  'reason.not_approved': 'छात्र स्वीकृत नहीं है',
  'reason.no_billing_cycle': 'आज किसी बिलिंग चक्र में नहीं आता',
  'reason.payment_due': 'इस चक्र का मेस शुल्क जमा नहीं',
  'reason.mess_cut': 'छात्र आज मेस कट (छुट्टी) पर है',
  'reason.mess_closed': 'इस भोजन के लिए मेस बंद है',
  'reason.outside_meal_window': 'अभी कोई भोजन नहीं परोसा जा रहा',
  'reason.already_served': 'यह भोजन पहले ही परोसा जा चुका है',
  'reason.no_snapshot': 'इस फ़ोन में छात्र सूची नहीं है',
  'reason.legacy_pass': 'पुरानी प्रणाली का पास: सर्वर इसे जाँचता है',
  'reason.unknown': 'अस्वीकृत ({code})',
};

const catalogs: Record<Language, Record<MessageKey, string>> = { en, hi };

/**
 * The scanner's words in one language. The page holds one and takes another when staff switch
 * language, so no module keeps the language as a state of its own.
 */
export interface Words {
  readonly language: Language;
  /** The language's locale for dates and times (`hi-IN`, `en-IN`). */
  readonly locale: string;
  /** A message, with `{name}` placeholders filled. */
  t(key: MessageKey, params?: Record<string, string | number>): string;
  /**
   * A decision reason in words: `null` (allowed), the rule denials, and pass refusals (`pass_revoked`
   * reads as `revoked`). Unknown codes still say something readable.
   */
  reasonText(code: string | null): string;
}

export function wordsIn(language: Language): Words {
  const t = (key: MessageKey, params: Record<string, string | number> = {}) =>
    interpolate(catalogs[language][key] ?? en[key], params);
  return {
    language,
    locale: language === 'hi' ? 'hi-IN' : 'en-IN',
    t,
    reasonText(code) {
      if (code === null) return t('reason.ok');
      const key = `reason.${code.replace(/^pass_/, '')}` as MessageKey;
      if (key in en) return t(key);
      return t('reason.unknown', { code: code.replace(/_/g, ' ') });
    },
  };
}

/** The catalogs, for the completeness test. */
export const CATALOGS = catalogs;
