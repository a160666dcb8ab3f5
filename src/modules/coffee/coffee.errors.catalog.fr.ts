import type { ErrorMessages } from '../../platform/errors/index.ts';
import type { CoffeeErrors } from './coffee.errors.ts';

/** What staff read for each coffee error code, in French. */
export const coffeeErrorMessagesFr: ErrorMessages<typeof CoffeeErrors> = {
  device_not_found: 'Nous n’avons pas trouvé cette machine.',
  device_retired: 'Cette machine est retirée : elle n’accepte plus de commandes ni de jetons.',
  device_exists: 'Une machine avec ce numéro de série existe déjà.',
  serial_held_elsewhere:
    'Une autre organisation utilise ce numéro de série en mode hérité (appels sans jeton) : cette machine ne peut pas y passer. Donnez-lui un jeton Opsdesk.',
  device_token_invalid: 'Le jeton de la machine est absent, inconnu ou révoqué.',
  command_not_found: 'Nous n’avons pas trouvé cette commande.',
  command_not_sent: 'Cette commande n’attend pas de résultat.',
  command_unsupported: 'Ce modèle de machine ne peut pas exécuter cette commande.',
  batch_not_found: 'Nous n’avons pas trouvé ce lot.',
  batch_empty: 'Aucune machine ne correspond à ce lot.',
  batch_not_finished: 'Le lot est toujours en cours.',
  alarm_not_found: 'Nous n’avons pas trouvé cette alarme.',
  alarm_closed: 'Cette alarme est déjà clôturée.',
  order_not_found: 'Nous n’avons pas trouvé cette commande.',
  order_not_refundable: 'Cette commande ne peut pas être remboursée.',
  order_refund_above_left:
    'C’est plus que ce qui reste à rembourser de la vente : remboursez au plus ce qui reste.',
  order_refund_currency: 'Le remboursement d’une vente de la machine se fait dans la monnaie de la vente.',
  order_refund_waiting:
    'Un remboursement de cette commande attend déjà l’approbation d’une deuxième personne : approuvez-le ou refusez-le dans Remboursements.',
  material_unknown: 'Code d’ingrédient inconnu.',
  material_exists: 'Un ingrédient avec ce code existe déjà.',
  material_not_found: 'Nous n’avons pas trouvé cet ingrédient.',
  oncall_not_found: 'Nous n’avons pas trouvé cette personne d’astreinte.',
  bin_not_found: 'Nous n’avons pas trouvé ce bac.',
  bin_thresholds_invalid: 'Le niveau critique doit être inférieur ou égal au niveau bas.',
  oncall_exists: 'Une personne d’astreinte utilise déjà cette adresse sur ce canal.',
  package_not_found: 'Nous n’avons pas trouvé ce paquet de recettes.',
  package_conflict: 'Un autre paquet a été créé au même moment. Réessayez.',
  rollout_not_found: 'Nous n’avons pas trouvé ce déploiement.',
  rollout_no_previous: 'Il n’y a pas de version antérieure vers laquelle revenir.',
  rollout_not_aborted: 'Seul un déploiement interrompu, ou en attente à son étape pilote, peut être repris.',
  rollout_not_held: 'Seul un déploiement en attente à son étape pilote peut être poursuivi.',
  merchant_not_found: 'Nous n’avons pas trouvé ce commerçant ou cet emplacement.',
  claim_code_invalid: 'Ce code d’enregistrement est inconnu ou a expiré.',
  claim_code_used: 'Une autre machine s’est déjà enregistrée avec ce code.',
  registration_not_found: 'Nous n’avons pas trouvé cet enregistrement.',
  registration_not_pending: 'Cette machine n’attend pas de décision.',
  registration_rejected: 'Cette machine a été refusée.',
  registration_collected:
    'Cette machine a déjà récupéré son jeton. Émettez-en un nouveau depuis la page de la machine.',
};
