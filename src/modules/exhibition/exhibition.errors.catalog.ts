import type { ErrorMessages } from '../../platform/errors/index.ts';
import { exhibitionErrorMessagesFr } from './exhibition.errors.catalog.fr.ts';
import { exhibitionErrorMessagesRw } from './exhibition.errors.catalog.rw.ts';
import type { ExhibitionErrors } from './exhibition.errors.ts';

type Messages = ErrorMessages<typeof ExhibitionErrors>;

/**
 * What desk and booth staff read for each exhibition error code, in English, Hindi (console) and
 * Spanish; the type makes a new code without a message a compile error.
 */
export const exhibitionErrorMessages: {
  en: Messages;
  hi: Messages;
  es: Messages;
  fr: Messages;
  rw: Messages;
} = {
  en: {
    exhibition_not_found: 'We could not find this exhibition.',
    booth_not_found: 'We could not find this booth.',
    customer_not_found: 'No customer has this code.',
    bill_not_found: 'We could not find this bill.',
    bill_not_voided:
      'This bill still asks for all that was paid for it: void it, or reduce it, to give money back.',
    bill_nothing_to_refund: 'No money taken for this bill is left to refund.',
    bill_refund_too_much: 'That is more than may go back for this bill: its page says how much may.',
    bill_reduce_invalid:
      'Reduce an active bill to a smaller amount above zero; to give everything back, void it.',
    bill_refund_options_invalid: 'A bill’s refund either voids the bill or reduces it to a smaller amount.',
    tab_nothing_due:
      'Nothing is left to pay on this tab (a mobile-money request may still be waiting for the payer).',
    exhibition_invalid: 'The exhibition settings are not valid.',
    booth_name_taken: 'This exhibition already has a booth with that name.',
    customer_duplicate: 'A customer with this e-mail or phone is already registered.',
    customer_code_taken: 'Another customer already has this code.',
    customer_no_email: 'This customer has no e-mail address: show them their QR or print the statement.',
    customer_no_phone: 'This customer has no phone number: e-mail the statement or print it.',
    statement_link_invalid: 'This statement link no longer works: ask the exhibition desk for a new one.',
    booth_not_assigned: 'You may bill only at the booths you are assigned to.',
    booth_of_other_exhibition: 'This booth belongs to another exhibition.',
    bill_already_void: 'This bill is already void.',
    pass_invalid: 'This QR code is not a valid customer pass of this organization.',
    customer_merged: 'This customer was already merged into another one.',
    merge_invalid: 'Only two different customers of the same exhibition can be merged.',
    statement_run_not_found: 'We could not find this statement run.',
    exhibition_closed: 'This exhibition is closed: it takes no new bills or registrations.',
    bill_needs_confirmation:
      'This amount is above the exhibition’s limit for a bill: check it and confirm it to bill.',
    bill_not_yours: 'At the booth you can void only a bill you made yourself.',
    bill_void_window_passed:
      'The 2 minutes to void this bill at the booth have passed. Ask the desk to void it.',
    mail_text_invalid: 'The text names a value this e-mail does not have: use only the placeholders listed.',
    booth_staff_not_member: 'Only a staff member of this organization can work at a booth.',
  },
  hi: {
    exhibition_not_found: 'यह प्रदर्शनी नहीं मिली।',
    booth_not_found: 'यह स्टॉल नहीं मिला।',
    customer_not_found: 'इस कोड का कोई ग्राहक नहीं है।',
    bill_not_found: 'यह बिल नहीं मिला।',
    bill_not_voided: 'यह बिल अब भी पूरी चुकाई गई राशि माँगता है: पैसा लौटाने के लिए इसे रद्द करें या घटाएँ।',
    bill_nothing_to_refund: 'इस बिल के लिए लिया गया कोई पैसा वापस करने को नहीं बचा।',
    bill_refund_too_much:
      'इस बिल के लिए इतना पैसा वापस नहीं किया जा सकता: कितना हो सकता है, यह उसके पेज पर लिखा है।',
    bill_reduce_invalid: 'सक्रिय बिल को शून्य से बड़ी, कम राशि तक घटाएँ; पूरा पैसा लौटाने के लिए इसे रद्द करें।',
    bill_refund_options_invalid: 'बिल की वापसी या तो बिल को रद्द करती है या उसे कम राशि तक घटाती है।',
    tab_nothing_due:
      'इस खाते पर चुकाने को कुछ नहीं बचा (मोबाइल मनी का अनुरोध अभी भुगतानकर्ता की प्रतीक्षा में हो सकता है)।',
    exhibition_invalid: 'प्रदर्शनी की सेटिंग्स मान्य नहीं हैं।',
    booth_name_taken: 'इस प्रदर्शनी में इस नाम का स्टॉल पहले से है।',
    customer_duplicate: 'इस ई-मेल या फ़ोन से एक ग्राहक पहले से पंजीकृत है।',
    customer_code_taken: 'यह कोड पहले से किसी दूसरे ग्राहक का है।',
    customer_no_email: 'इस ग्राहक का कोई ई-मेल पता नहीं है: उन्हें उनका QR दिखाएँ या विवरण प्रिंट करें।',
    customer_no_phone: 'इस ग्राहक का कोई फ़ोन नंबर नहीं है: विवरण ई-मेल करें या प्रिंट करें।',
    statement_link_invalid: 'यह विवरण लिंक अब काम नहीं करता: प्रदर्शनी डेस्क से नया लिंक माँगें।',
    booth_not_assigned: 'आप केवल उन्हीं स्टॉल पर बिल बना सकते हैं जो आपको सौंपे गए हैं।',
    booth_of_other_exhibition: 'यह स्टॉल किसी दूसरी प्रदर्शनी का है।',
    bill_already_void: 'यह बिल पहले ही रद्द हो चुका है।',
    pass_invalid: 'यह QR कोड इस संगठन का मान्य ग्राहक पास नहीं है।',
    customer_merged: 'यह ग्राहक पहले ही किसी दूसरे ग्राहक में मिलाया जा चुका है।',
    merge_invalid: 'केवल एक ही प्रदर्शनी के दो अलग-अलग ग्राहकों को मिलाया जा सकता है।',
    statement_run_not_found: 'स्टेटमेंट भेजने का यह दौर नहीं मिला।',
    exhibition_closed: 'यह प्रदर्शनी बंद है: इसमें नए बिल या पंजीकरण नहीं होते।',
    bill_needs_confirmation: 'यह राशि प्रदर्शनी की बिल सीमा से अधिक है: जाँचें और बिल बनाने के लिए पुष्टि करें।',
    bill_not_yours: 'स्टॉल पर आप केवल अपना बनाया हुआ बिल रद्द कर सकते हैं।',
    bill_void_window_passed: 'स्टॉल पर इस बिल को रद्द करने के 2 मिनट बीत चुके हैं। डेस्क से रद्द करवाएँ।',
    mail_text_invalid: 'पाठ में ऐसा मान है जो इस ई-मेल में नहीं है: केवल सूची में दिए गए प्लेसहोल्डर इस्तेमाल करें।',
    booth_staff_not_member: 'केवल इस संगठन का स्टाफ़ सदस्य ही स्टॉल पर काम कर सकता है।',
  },
  es: {
    exhibition_not_found: 'No encontramos esta feria.',
    booth_not_found: 'No encontramos este stand.',
    customer_not_found: 'Ningún cliente tiene este código.',
    bill_not_found: 'No encontramos esta cuenta.',
    bill_not_voided:
      'Esta cuenta aún pide todo lo que se pagó por ella: anúlela o rebájela para devolver dinero.',
    bill_nothing_to_refund: 'No queda nada por reembolsar del dinero cobrado por esta cuenta.',
    bill_refund_too_much:
      'Es más de lo que puede devolverse por esta cuenta: su página dice cuánto se puede.',
    bill_reduce_invalid:
      'Rebaje una cuenta activa a un importe menor y mayor que cero; para devolverlo todo, anúlela.',
    bill_refund_options_invalid: 'El reembolso de una cuenta la anula o la rebaja a un importe menor.',
    tab_nothing_due:
      'No queda nada por pagar en esta cuenta (puede que una solicitud de dinero móvil aún espere al pagador).',
    exhibition_invalid: 'La configuración de la feria no es válida.',
    booth_name_taken: 'Esta feria ya tiene un stand con ese nombre.',
    customer_duplicate: 'Ya hay un cliente registrado con este correo o teléfono.',
    customer_code_taken: 'Otro cliente ya tiene este código.',
    customer_no_email:
      'Este cliente no tiene correo electrónico: muéstrele su QR o imprima el estado de cuenta.',
    customer_no_phone: 'Este cliente no tiene teléfono: envíe el estado de cuenta por correo o imprímalo.',
    statement_link_invalid:
      'Este enlace al estado de cuenta ya no funciona: pida uno nuevo en el mostrador de la feria.',
    booth_not_assigned: 'Solo puede cobrar en los stands que tiene asignados.',
    booth_of_other_exhibition: 'Este stand pertenece a otra feria.',
    bill_already_void: 'Esta cuenta ya está anulada.',
    pass_invalid: 'Este código QR no es un pase de cliente válido de esta organización.',
    customer_merged: 'Este cliente ya se fusionó con otro.',
    merge_invalid: 'Solo se pueden fusionar dos clientes distintos de la misma feria.',
    statement_run_not_found: 'No encontramos este envío de estados de cuenta.',
    exhibition_closed: 'Esta feria está cerrada: no admite cuentas ni registros nuevos.',
    bill_needs_confirmation:
      'Este importe supera el límite de la feria para una cuenta: revíselo y confírmelo para cobrar.',
    bill_not_yours: 'En el stand solo puede anular una cuenta que hizo usted.',
    bill_void_window_passed:
      'Pasaron los 2 minutos para anular esta cuenta en el stand. Pida al mostrador que la anule.',
    mail_text_invalid:
      'El texto nombra un valor que este correo no tiene: use solo los marcadores de la lista.',
    booth_staff_not_member: 'Solo un miembro del personal de esta organización puede atender un stand.',
  },
  fr: exhibitionErrorMessagesFr,
  rw: exhibitionErrorMessagesRw,
};

/** The module's words for the app's translation layer (`errors.exhibition.<code>`). */
export const exhibitionCatalog = {
  en: { errors: { exhibition: exhibitionErrorMessages.en } },
  hi: { errors: { exhibition: exhibitionErrorMessages.hi } },
  es: { errors: { exhibition: exhibitionErrorMessages.es } },
  fr: { errors: { exhibition: exhibitionErrorMessages.fr } },
  rw: { errors: { exhibition: exhibitionErrorMessages.rw } },
};
