import type { ErrorMessages } from '../../platform/errors/index.ts';
import type { MessErrors } from './mess.errors.ts';

/** What staff in the console read for each mess error code, in French (placeholders as in English). */
export const messErrorMessagesFr: ErrorMessages<typeof MessErrors> = {
  student_not_found: 'Nous n’avons pas trouvé cet étudiant.',
  no_credit: 'Cet étudiant n’a pas autant de crédit à rembourser.',
  refund_above_over_payment:
    'Au plus {{overPaid}} de ces frais peuvent être rendus : ce que l’étudiant a payé en trop depuis {{cycle}}, et qui reste en trop. Si l’étudiant est dû davantage, enregistrez d’abord une suspension de repas.',
  roll_number_taken: 'Ce numéro matricule est déjà inscrit.',
  already_registered: 'Ce compte Telegram est déjà inscrit.',
  status_unchanged: 'L’étudiant a déjà ce statut.',
  transition_refused: 'Ce changement de statut n’est pas autorisé.',
  not_approved: 'L’inscription n’est pas encore approuvée.',
  cycle_not_found: 'Nous n’avons pas trouvé ce cycle de facturation.',
  no_current_cycle: 'Aucun cycle de facturation ne couvre aujourd’hui.',
  cycle_range_invalid: 'Le cycle se termine ({{to}}) avant de commencer ({{from}}).',
  cycle_overlap: 'Ces jours chevauchent le cycle {{cycle}} (du {{from}} au {{to}}).',
  cycle_billed:
    'Des étudiants ont déjà payé pour {{cycle}} : ses jours, frais, remise et devise restent tels que facturés. Seul le nom peut changer.',
  conflict_not_found: 'Nous n’avons pas trouvé ce conflit de scan.',
  conflict_resolved: 'Ce conflit de scan est déjà résolu.',
  meal_not_found: 'Ce repas n’existe pas.',
  meal_invalid: 'Les horaires du repas ne sont pas valides.',
  cut_range_invalid: 'La date de fin est antérieure à la date de début.',
  cut_backdated: 'Une suspension de repas ne peut pas commencer dans le passé.',
  cut_same_day: 'Une suspension de repas ne peut pas commencer aujourd’hui.',
  cut_after_cutoff: 'Trop tard pour demain : l’heure limite était {{cutoff}}.',
  cut_too_long: 'Cette suspension de repas est trop longue : {{maxDays}} jours au plus.',
  cut_cap_exceeded: 'Cela ferait {{days}} jours de suspension sur ce cycle ; la limite est {{maxDays}}.',
  cut_not_found: 'Cette suspension de repas n’existe pas.',
  cut_locked:
    'La cuisine a déjà prévu les repas du {{from}} au {{to}} : les suspensions à partir du {{earliest}} peuvent encore être annulées.',
  pass_run_not_found: 'Nous n’avons pas trouvé cette régénération de tickets.',
  cash_in_future:
    'Les espèces auraient été reçues le {{receivedOn}}, un jour à venir : nous sommes le {{today}}.',
  scan_time_impossible:
    'Non enregistré : {{count}} scans sont datés dans le futur ou d’avant l’émission de leur ticket. Vérifiez l’horloge du téléphone qui scanne.',
  nothing_due:
    'Rien n’est dû pour {{cycle}} : vos frais sont payés. Demandez au bureau de la cantine d’enregistrer une avance.',
  sheet_not_proven:
    'Nous n’avons pas trouvé votre code de vérification dans ce tableur. Ajoutez une feuille nommée {{sheet}}, tapez {{code}} dans la cellule {{cell}}, puis enregistrez à nouveau l’ID du tableur.',
  sheets_not_configured:
    'Google Sheets n’est pas configuré sur ce système : aucun tableur de sauvegarde ne peut être utilisé.',
};
