/**
 * The platform extensions' words in French (dashboard cards, sandbox, chat simulator, payment
 * review, data retention); each extension adds its part as its `fr` messages.
 */
export const platformExtensionsFr = {
  platform: {
    od: {
      dashboard: {
        channels: 'Canaux de messages',
        channels_ok:
          'Tous les messages sont partis : aucun n’a échoué ni n’est bloqué sur un canal ces dernières 24 heures.',
        channel_counts: '%{channel}, dernières 24 heures — en échec : %{failed}, bloqués : %{stuck}.',
        channel_last_error: 'Ses derniers envois ont échoué : %{cause}',
        channel_unconfirmed:
          'Un message n’a jamais été confirmé : la personne ne l’a peut-être pas vu (voir la conversation). |||| %{smart_count} messages n’ont jamais été confirmés : les personnes ne les ont peut-être pas vus (voir leurs conversations).',
        channels_fix: 'Configurer',
        channel_not_configured:
          '%{channel} n’est pas configuré : un message n’a pas pu être envoyé |||| %{channel} n’est pas configuré : %{smart_count} messages n’ont pas pu être envoyés',
      },
      channels: { whatsapp: 'WhatsApp', telegram: 'Telegram', email: 'E-mail' },
    },
  },
  sandbox: {
    od: {
      sandbox: {
        banner:
          'Bac à sable : %{services} sont simulés sur cette machine. Aucun argent réel ne circule et aucun message ne sort : répondez aux paiements sur le téléphone de test, lisez les e-mails dans la boîte des e-mails interceptés, discutez dans le simulateur de discussion.',
        services: {
          momo: 'MTN MoMo',
          airtel: 'Airtel Money',
          email: 'E-mail',
          sms: 'SMS',
          whatsapp: 'WhatsApp',
          telegram: 'Telegram',
        },
        channel: '%{service} : bac à sable (simulé sur cette machine)',
        open: 'Ouvrir',
        phone: {
          menu: 'Téléphone de test',
          intro:
            'Le téléphone du payeur. Une demande de paiement s’approuve d’elle-même au bout de quelques secondes, sauf si vous la refusez ou la laissez expirer.',
          empty:
            'Aucune demande de paiement pour l’instant. Achetez quelque chose avec MoMo ou Airtel Money.',
          asks: 'Demande de paiement à %{payer}',
          refunded: 'Argent rendu au payeur : %{amount}',
          status: { pending: 'En attente', approved: 'Approuvé', failed: 'Non payé' },
          approves_in: 'S’approuve d’elle-même dans %{smart_count} s',
          expires_in: 'Expire dans environ %{smart_count} min sans réponse',
          approve: 'Approuver',
          decline: 'Refuser',
          timeout: 'Laisser expirer',
          reasons: {
            declined: 'Le payeur l’a refusée.',
            not_enough_funds: 'Pas assez d’argent sur le compte du payeur.',
            timed_out: 'Personne n’a répondu à temps.',
            payer_not_found: 'Ce numéro n’a pas de compte mobile money.',
            other: 'Le réseau l’a refusée.',
          },
        },
        sms: {
          title: 'SMS reçus',
          to_from: 'À %{to}, de %{from}',
          parts: '%{smart_count} partie |||| %{smart_count} parties',
          delivered: 'Remis',
          failed: 'Non remis : %{reason}',
        },
        mail: {
          menu: 'E-mails interceptés',
          intro: 'Chaque e-mail envoyé par ce serveur est intercepté ici au lieu de quitter la machine.',
          empty: 'Aucun e-mail pour l’instant.',
          no_subject: '(sans objet)',
          from_to: 'De %{from} à %{to}',
          text: 'Texte',
          attachments: 'Pièces jointes',
        },
      },
    },
  },
  simulator: {
    od: {
      simulator: {
        menu: 'Simulateur de discussion',
        intro:
          'Parlez à un parcours de discussion exactement comme un utilisateur de WhatsApp ou de Telegram. Touchez les boutons ou tapez des mots-clés.',
        flow: 'Parcours',
        new_chat: 'Nouvelle discussion',
        placeholder: 'Écrivez un message…',
        send: 'Envoyer',
        photo: 'Envoyer une photo ou un PDF',
        empty: 'Dites bonjour pour commencer : le parcours répond ici.',
        no_flows:
          'Aucun parcours de discussion n’est activé. Activez un module avec un bot (raffle, mess) dans OPSDESK_MODULES.',
        you: 'Vous',
        bot: 'Bot',
        played: {
          whatsapp:
            'Vous êtes %{address} sur le WhatsApp du bac à sable : le numéro de l’organisation répond ici, et ce qu’il envoie plus tard arrive ici aussi.',
          telegram:
            'Vous êtes l’utilisateur %{address} sur le Telegram du bac à sable : le bot de l’organisation répond ici, et ce qu’il envoie plus tard arrive ici aussi.',
        },
      },
    },
  },
  payments: {
    od: {
      review: {
        menu: 'Vérifier les paiements',
        panel: 'Paiement',
        title: 'Paiements à vérifier',
        position: '%{at} sur %{total}',
        position_empty: 'Rien en attente',
        empty: 'Aucun justificatif n’attend de décision.',
        previous: 'Précédent',
        next: 'Suivant',
        amount: 'Montant',
        pays_for: 'Paie pour',
        payer: 'Payé par',
        reference: 'Référence',
        submitted: 'Envoyé',
        verify: 'Valider',
        deny: 'Refuser',
        reason: 'Motif du refus (le payeur le lit)',
        verified: 'Paiement validé',
        denied: 'Justificatif refusé',
        no_proof: 'Aucun justificatif n’a été envoyé avec ce paiement.',
        keys: 'Touches : V valider · D refuser · U annuler · J suivant · K précédent',
        verifying: 'Validation de ce paiement dans %{seconds} secondes…',
        denying: 'Refus de ce justificatif dans %{seconds} secondes…',
        undo: 'Annuler',
        undone: 'Annulé : rien n’a été envoyé',
        this_proof: 'Ce justificatif',
        earlier_proof: 'Paiement antérieur avec la même image ou la même référence',
        duplicate_warning:
          'Ce justificatif ressemble à un paiement antérieur (même image ou même référence) |||| Ce justificatif ressemble à %{smart_count} paiements antérieurs (même image ou même référence)',
      },
    },
    payments: {
      options: {
        submitted: 'En attente de vérification',
        verified: 'Validé',
        denied: 'Refusé',
        recorded: 'Enregistré',
        voided: 'Annulé',
        pending: 'En attente',
        ambiguous: 'Incertain, vérification en cours',
        succeeded: 'Payé',
        failed: 'Échoué',
        mismatch: 'Montant différent',
        proof: 'Justificatif',
        manual: 'Manuel',
        momo: 'MTN MoMo',
        airtel: 'Airtel Money',
      },
    },
  },
  retention: {
    retention: {
      menu: { settings: 'Conservation des données', runs: 'Nettoyages effectués' },
      page: {
        title: 'Conservation des données',
        intro:
          'Durée de conservation de chaque type de données. Les données plus anciennes partent chaque nuit, par petits lots ; tout ce qui est encore utile (une commande ouverte, un paiement non réglé, un conflit de scan ouvert, un remboursement en attente, une conservation légale) reste.',
        kind: 'Données',
        default: 'Par défaut',
        days: 'Conserver (jours)',
        forever: 'Laisser vide pour conserver indéfiniment',
        would_go: 'Partirait maintenant',
        rows: '%{smart_count} ligne |||| %{smart_count} lignes',
        jobs: 'Tâches de fond terminées : conservées %{days} jours (OPSDESK_JOBS_KEEP_DAYS, pour tout le déploiement).',
        legal_hold: 'Conservation légale : ne rien supprimer ni masquer de cette organisation',
        legal_hold_reason: 'Motif de la conservation',
        held: 'Sous conservation légale : le nettoyage ne supprime rien.',
        runs: 'Voir les nettoyages effectués',
      },
      kinds: {
        raw_payloads: 'Contenus bruts des webhooks',
        messages: 'Messages et pièces jointes des conversations',
        delivered: 'Notifications livrées',
        chat_messages: 'Réponses du bot et messages de l’équipe dans les conversations',
        proof_files: 'Justificatifs des paiements décidés',
        import_uploads: 'Fichiers envoyés pour importer depuis le système d’origine',
        audit_personal: 'Données personnelles du journal d’audit (masquées, entrées conservées)',
      },
      runs: {
        id: 'Exécution',
        startedAt: 'Commencé le',
        finishedAt: 'Terminé le',
        trigger: 'Lancé par',
        status: 'Statut',
        rowsRemoved: 'Lignes supprimées',
        bytesRemoved: 'Octets libérés',
        removed: 'Supprimé, par type',
        error: 'Erreur',
      },
      options: {
        schedule: 'Planification nocturne',
        cli: 'Ligne de commande',
        console: 'Console',
        running: 'En cours',
        done: 'Terminé',
        failed: 'En échec',
        held: 'Conservation légale',
      },
      audit: {
        settings_changed: 'a modifié les durées de conservation',
        hold_placed: 'a placé une conservation légale',
        hold_released: 'a levé une conservation légale',
        run_finished: 'nettoyage terminé',
        run_failed: 'nettoyage en échec',
        run_held: 'nettoyage sauté : conservation légale',
      },
    },
  },
};
