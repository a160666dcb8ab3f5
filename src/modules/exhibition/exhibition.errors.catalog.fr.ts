import type { ErrorMessages } from '../../platform/errors/index.ts';
import type { ExhibitionErrors } from './exhibition.errors.ts';

/** What desk and booth staff read for each exhibition error code, in French. */
export const exhibitionErrorMessagesFr: ErrorMessages<typeof ExhibitionErrors> = {
  exhibition_not_found: 'Nous n’avons pas trouvé cette exposition.',
  booth_not_found: 'Nous n’avons pas trouvé ce stand.',
  customer_not_found: 'Aucun client n’a ce code.',
  bill_not_found: 'Nous n’avons pas trouvé cette facture.',
  bill_not_voided:
    'Cette facture demande encore tout ce qui a été payé : annulez-la ou réduisez-la pour rendre de l’argent.',
  bill_nothing_to_refund: 'Il ne reste rien à rembourser de l’argent pris pour cette facture.',
  bill_refund_too_much: 'C’est plus que ce qui peut être rendu pour cette facture : sa page indique combien.',
  bill_reduce_invalid:
    'Réduisez une facture active à un montant plus petit et supérieur à zéro ; pour tout rendre, annulez-la.',
  bill_refund_options_invalid:
    'Le remboursement d’une facture l’annule ou la réduit à un montant plus petit.',
  tab_nothing_due:
    'Il ne reste rien à payer sur ce compte (une demande de mobile money attend peut-être encore le payeur).',
  exhibition_invalid: 'Les paramètres de l’exposition ne sont pas valides.',
  booth_name_taken: 'Cette exposition a déjà un stand de ce nom.',
  customer_duplicate: 'Un client avec cet e-mail ou ce téléphone est déjà inscrit.',
  customer_code_taken: 'Un autre client a déjà ce code.',
  customer_no_email: 'Ce client n’a pas d’adresse e-mail : montrez-lui son QR ou imprimez le relevé.',
  customer_no_phone:
    'Ce client n’a pas de numéro de téléphone : envoyez le relevé par e-mail ou imprimez-le.',
  statement_link_invalid:
    'Ce lien vers le relevé ne fonctionne plus : demandez-en un nouveau à l’accueil de l’exposition.',
  booth_not_assigned: 'Vous ne pouvez facturer qu’aux stands auxquels vous êtes affecté.',
  booth_of_other_exhibition: 'Ce stand appartient à une autre exposition.',
  bill_already_void: 'Cette facture est déjà annulée.',
  pass_invalid: 'Ce code QR n’est pas un laissez-passer client valide de cette organisation.',
  customer_merged: 'Ce client a déjà été fusionné dans un autre.',
  merge_invalid: 'Seuls deux clients différents de la même exposition peuvent être fusionnés.',
  statement_run_not_found: 'Nous n’avons pas trouvé cet envoi de relevés.',
  exhibition_closed: 'Cette exposition est fermée : elle n’accepte plus de factures ni d’inscriptions.',
  mail_text_invalid:
    'Le texte nomme une valeur que cet e-mail n’a pas : utilisez seulement les repères de la liste.',
  booth_staff_not_member: 'Seul un membre du personnel de cette organisation peut travailler à un stand.',
  bill_needs_confirmation:
    'Ce montant dépasse la limite de l’exposition pour une facture : vérifiez-le et confirmez-le pour facturer.',
  bill_not_yours: 'Au stand, vous ne pouvez annuler qu’une facture que vous avez faite vous-même.',
  bill_void_window_passed:
    'Les 2 minutes pour annuler cette facture au stand sont passées. Demandez à l’accueil de l’annuler.',
};
