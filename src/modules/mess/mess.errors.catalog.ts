import type { ErrorMessages } from '../../platform/errors/index.ts';
import { messErrorMessagesFr } from './mess.errors.catalog.fr.ts';
import { messErrorMessagesRw } from './mess.errors.catalog.rw.ts';
import type { MessErrors } from './mess.errors.ts';

type Messages = ErrorMessages<typeof MessErrors>;

/**
 * What a student in the bot or staff in the console read for each mess error code, in English and
 * Hindi (bot and console) and Spanish (console); the type makes a new code without a message a compile error. Placeholders name details
 * every throw of that code carries (`mess-cuts.rules.ts`).
 */
export const messErrorMessages: { en: Messages; hi: Messages; es: Messages; fr: Messages; rw: Messages } = {
  en: {
    student_not_found: 'We could not find this student.',
    no_credit: 'This student does not have that much credit to pay back.',
    refund_above_over_payment:
      'At most {{overPaid}} of this fee can go back: what the student paid beyond their dues from {{cycle}} on, and still holds. Book a mess cut first if the student is owed more.',
    roll_number_taken: 'This roll number is already registered.',
    already_registered: 'This Telegram account is already registered.',
    status_unchanged: 'The student already has this status.',
    transition_refused: 'This status change is not allowed.',
    not_approved: 'The registration is not approved yet.',
    cycle_not_found: 'We could not find this billing cycle.',
    no_current_cycle: 'No billing cycle covers today.',
    cycle_range_invalid: 'The cycle ends ({{to}}) before it starts ({{from}}).',
    cycle_overlap: 'These days overlap the cycle {{cycle}} ({{from}} to {{to}}).',
    cycle_billed:
      'Students already paid toward {{cycle}}: its days, fee, rebate and currency stay as billed. Only the name can change.',
    conflict_not_found: 'We could not find this scan conflict.',
    conflict_resolved: 'This scan conflict is already resolved.',
    meal_not_found: 'There is no such meal.',
    meal_invalid: 'The meal times are not valid.',
    cut_range_invalid: 'The end date is before the start date.',
    cut_backdated: 'A mess cut cannot start in the past.',
    cut_same_day: 'A mess cut cannot start today.',
    cut_after_cutoff: 'Too late for tomorrow: the cutoff was {{cutoff}}.',
    cut_too_long: 'That mess cut is too long: at most {{maxDays}} days.',
    cut_cap_exceeded: 'That would make {{days}} cut days this cycle; the limit is {{maxDays}}.',
    cut_not_found: 'There is no such mess cut.',
    cut_locked:
      'The kitchen has already planned for {{from}} to {{to}}: cuts from {{earliest}} on can still be cancelled.',
    pass_run_not_found: 'We could not find this pass regeneration.',
    cash_in_future: 'The cash was received on {{receivedOn}}, a day still to come: today is {{today}}.',
    scan_time_impossible:
      'Not recorded: {{count}} scans are dated in the future or before their pass was issued. Check the scanning phone’s clock.',
    nothing_due: 'Nothing is due for {{cycle}}: your fee is paid. Ask the mess office to record an advance.',
    sheet_not_proven:
      'We could not find your verification code in this spreadsheet. Add a sheet named {{sheet}}, type {{code}} in cell {{cell}}, then save the spreadsheet ID again.',
    sheets_not_configured:
      'Google Sheets is not set up on this system, so no backup spreadsheet can be used.',
  },
  hi: {
    student_not_found: 'यह छात्र नहीं मिला।',
    no_credit: 'इस छात्र के पास वापस करने के लिए इतना क्रेडिट नहीं है।',
    refund_above_over_payment:
      'इस शुल्क में से अधिकतम {{overPaid}} ही वापस हो सकते हैं: {{cycle}} से अब तक बकाया से ज़्यादा जितना दिया गया और अब भी जमा है। छात्र को और लौटाना हो तो पहले मेस कट दर्ज करें।',
    roll_number_taken: 'यह रोल नंबर पहले से पंजीकृत है।',
    already_registered: 'यह टेलीग्राम खाता पहले से पंजीकृत है।',
    status_unchanged: 'छात्र की स्थिति पहले से यही है।',
    transition_refused: 'स्थिति में यह बदलाव संभव नहीं है।',
    not_approved: 'पंजीकरण अभी स्वीकृत नहीं हुआ है।',
    cycle_not_found: 'यह बिलिंग चक्र नहीं मिला।',
    no_current_cycle: 'आज के लिए कोई बिलिंग चक्र नहीं है।',
    cycle_range_invalid: 'चक्र शुरू होने ({{from}}) से पहले समाप्त ({{to}}) हो रहा है।',
    cycle_overlap: 'ये दिन चक्र {{cycle}} ({{from}} से {{to}}) से टकराते हैं।',
    cycle_billed:
      '{{cycle}} के लिए छात्र भुगतान कर चुके हैं: इसके दिन, शुल्क, छूट और मुद्रा वैसे ही रहेंगे। केवल नाम बदला जा सकता है।',
    conflict_not_found: 'यह स्कैन विवाद नहीं मिला।',
    conflict_resolved: 'यह स्कैन विवाद पहले ही सुलझ चुका है।',
    meal_not_found: 'ऐसा कोई भोजन नहीं है।',
    meal_invalid: 'भोजन का समय मान्य नहीं है।',
    cut_range_invalid: 'अंतिम तारीख शुरुआत से पहले है।',
    cut_backdated: 'मेस कट पिछली तारीख से शुरू नहीं हो सकता।',
    cut_same_day: 'मेस कट आज से शुरू नहीं हो सकता।',
    cut_after_cutoff: 'कल के लिए देर हो गई: समय-सीमा {{cutoff}} थी।',
    cut_too_long: 'यह मेस कट बहुत लंबा है: अधिकतम {{maxDays}} दिन।',
    cut_cap_exceeded: 'इस चक्र में {{days}} कट दिन हो जाएँगे; सीमा {{maxDays}} है।',
    cut_not_found: 'ऐसा कोई मेस कट नहीं है।',
    cut_locked:
      'रसोई {{from}} से {{to}} तक की योजना बना चुकी है: {{earliest}} से आगे के कट अभी भी रद्द किए जा सकते हैं।',
    pass_run_not_found: 'पास दोबारा बनाने का यह काम नहीं मिला।',
    cash_in_future: 'नकद {{receivedOn}} को मिला, जो अभी आने वाला दिन है: आज {{today}} है।',
    scan_time_impossible:
      'दर्ज नहीं हुआ: {{count}} स्कैन का समय भविष्य का है या पास जारी होने से पहले का। स्कैन करने वाले फ़ोन की घड़ी जाँचें।',
    nothing_due: '{{cycle}} का कुछ भी बकाया नहीं: आपका शुल्क जमा है। अग्रिम दर्ज कराने के लिए मेस कार्यालय से कहें।',
    sheet_not_proven:
      'इस स्प्रेडशीट में आपका सत्यापन कोड नहीं मिला। {{sheet}} नाम की शीट जोड़ें, सेल {{cell}} में {{code}} लिखें, फिर स्प्रेडशीट ID दोबारा सहेजें।',
    sheets_not_configured: 'इस सिस्टम पर Google Sheets सेट नहीं है, इसलिए कोई बैकअप स्प्रेडशीट इस्तेमाल नहीं हो सकती।',
  },
  es: {
    student_not_found: 'No encontramos a este estudiante.',
    no_credit: 'Este estudiante no tiene tanto crédito para devolver.',
    refund_above_over_payment:
      'De esta cuota solo pueden devolverse {{overPaid}}: lo que el estudiante pagó de más desde {{cycle}} y sigue a su favor. Si se le debe más al estudiante, registre antes una ausencia del comedor.',
    roll_number_taken: 'Esta matrícula ya está registrada.',
    already_registered: 'Esta cuenta de Telegram ya está registrada.',
    status_unchanged: 'El estudiante ya tiene este estado.',
    transition_refused: 'Este cambio de estado no está permitido.',
    not_approved: 'El registro aún no está aprobado.',
    cycle_not_found: 'No encontramos este ciclo de cobro.',
    no_current_cycle: 'Ningún ciclo de cobro cubre el día de hoy.',
    cycle_range_invalid: 'El ciclo termina ({{to}}) antes de empezar ({{from}}).',
    cycle_overlap: 'Estos días se solapan con el ciclo {{cycle}} ({{from}} a {{to}}).',
    cycle_billed:
      'Hay estudiantes que ya pagaron el ciclo {{cycle}}: sus días, cuota, descuento y moneda quedan como se cobraron. Solo puede cambiar el nombre.',
    conflict_not_found: 'No encontramos este conflicto de escaneo.',
    conflict_resolved: 'Este conflicto de escaneo ya está resuelto.',
    meal_not_found: 'No existe esa comida.',
    meal_invalid: 'Los horarios de la comida no son válidos.',
    cut_range_invalid: 'La fecha de fin es anterior a la de inicio.',
    cut_backdated: 'Una ausencia no puede empezar en el pasado.',
    cut_same_day: 'Una ausencia no puede empezar hoy.',
    cut_after_cutoff: 'Demasiado tarde para mañana: la hora límite era {{cutoff}}.',
    cut_too_long: 'Esa ausencia es demasiado larga: como máximo {{maxDays}} días.',
    cut_cap_exceeded: 'Serían {{days}} días de ausencia en este ciclo; el límite es {{maxDays}}.',
    cut_not_found: 'No existe esa ausencia.',
    cut_locked:
      'La cocina ya planificó del {{from}} al {{to}}: las ausencias desde el {{earliest}} aún se pueden cancelar.',
    pass_run_not_found: 'No encontramos esta regeneración de pases.',
    cash_in_future: 'El efectivo se recibió el {{receivedOn}}, un día que aún no llega: hoy es {{today}}.',
    scan_time_impossible:
      'No se registró: {{count}} escaneos tienen una hora futura o anterior a la emisión de su pase. Revise el reloj del teléfono que escanea.',
    nothing_due:
      'No hay nada pendiente en {{cycle}}: su cuota está pagada. Pida a la oficina del comedor que registre un anticipo.',
    sheet_not_proven:
      'No encontramos su código de verificación en esta hoja de cálculo. Agregue una hoja llamada {{sheet}}, escriba {{code}} en la celda {{cell}} y vuelva a guardar el ID de la hoja de cálculo.',
    sheets_not_configured:
      'Google Sheets no está configurado en este sistema, así que no se puede usar ninguna hoja de respaldo.',
  },
  fr: messErrorMessagesFr,
  rw: messErrorMessagesRw,
};
