/**
 * The platform extensions' words in Kinyarwanda (dashboard cards, sandbox, chat simulator, payment
 * review, data retention); each extension adds its part as its `rw` messages.
 */
export const platformExtensionsRw = {
  platform: {
    od: {
      dashboard: {
        channels: 'Imiyoboro y’ubutumwa',
        channels_ok:
          'Ubutumwa bwose bwagiye: nta na bumwe bwanze cyangwa bwahagaze ku muyoboro mu masaha 24 ashize.',
        channel_counts: '%{channel}, amasaha 24 ashize — byanze: %{failed}, byahagaze: %{stuck}.',
        channel_last_error: 'Ibyo yoherereje vuba byanze: %{cause}',
        channel_unconfirmed:
          'Ubutumwa bumwe ntibwigeze bwemezwa: wenda umuntu ntiyabubonye (reba ikiganiro). |||| Ubutumwa %{smart_count} ntibwigeze bwemezwa: wenda abantu ntibabubonye (reba ibiganiro byabo).',
        channels_fix: 'Tunganya',
        channel_not_configured:
          '%{channel} ntiratunganywa: ubutumwa bumwe ntibwashoboye koherezwa |||| %{channel} ntiratunganywa: ubutumwa %{smart_count} ntibwashoboye koherezwa',
      },
      channels: { whatsapp: 'WhatsApp', telegram: 'Telegram', email: 'Imeyili' },
    },
  },
  sandbox: {
    od: {
      sandbox: {
        banner:
          'Igerageza: %{services} bikinirwa kuri iyi mashini. Nta mafaranga nyayo yimuka kandi nta butumwa busohoka: subiza ubwishyu kuri telefoni y’igerageza, soma imeyili mu bubiko bw’imeyili zafashwe, uganire muri simulateri y’ibiganiro.',
        services: {
          momo: 'MTN MoMo',
          airtel: 'Airtel Money',
          email: 'Imeyili',
          sms: 'SMS',
          whatsapp: 'WhatsApp',
          telegram: 'Telegram',
        },
        channel: '%{service}: igerageza (bikinirwa kuri iyi mashini)',
        open: 'Fungura',
        phone: {
          menu: 'Telefoni y’igerageza',
          intro:
            'Telefoni y’uwishyura. Gusaba kwishyura byemerwa ubwabyo nyuma y’amasegonda make, keretse ubyanze cyangwa ukabireka bikarenza igihe.',
          empty: 'Nta busabe bwo kwishyura buraza. Gura ikintu ukoresheje MoMo cyangwa Airtel Money.',
          asks: 'Gusaba %{payer} kwishyura',
          refunded: 'Amafaranga yasubijwe uwishyuye: %{amount}',
          status: { pending: 'Bitegereje', approved: 'Byemewe', failed: 'Ntibyishyuwe' },
          approves_in: 'Biremerwa ubwabyo mu masegonda %{smart_count}',
          expires_in: 'Birarenza igihe mu minota %{smart_count} hafi niba nta gisubizo',
          approve: 'Emera',
          decline: 'Anga',
          timeout: 'Reka birenze igihe',
          reasons: {
            declined: 'Uwishyura yabyanze.',
            not_enough_funds: 'Nta mafaranga ahagije ari kuri konti y’uwishyura.',
            timed_out: 'Nta wasubije mu gihe.',
            payer_not_found: 'Iyi nimero nta konti ya mobile money ifite.',
            other: 'Umuyoboro wabyanze.',
          },
        },
        sms: {
          title: 'SMS zakiriwe',
          to_from: 'Kuri %{to}, biturutse kuri %{from}',
          parts: 'igice %{smart_count} |||| ibice %{smart_count}',
          delivered: 'Byageze',
          failed: 'Ntibyageze: %{reason}',
        },
        mail: {
          menu: 'Imeyili zafashwe',
          intro: 'Imeyili yose iyi seriveri yohereza ifatirwa hano aho gusohoka muri mashini.',
          empty: 'Nta meyili iraza.',
          no_subject: '(nta mutwe)',
          from_to: 'Kuva kuri %{from} kugera kuri %{to}',
          text: 'Umwandiko',
          attachments: 'Imigereka',
        },
      },
    },
  },
  simulator: {
    od: {
      simulator: {
        menu: 'Simulateri y’ibiganiro',
        intro:
          'Vugana n’urugendo rw’ikiganiro nk’uko ukoresha WhatsApp cyangwa Telegram yabigenza. Kanda utubuto cyangwa wandike amagambo y’ingenzi.',
        flow: 'Urugendo',
        new_chat: 'Ikiganiro gishya',
        placeholder: 'Andika ubutumwa…',
        send: 'Ohereza',
        photo: 'Ohereza ifoto cyangwa PDF',
        empty: 'Tangira usuhuza: urugendo rusubiriza hano.',
        no_flows:
          'Nta rugendo rw’ikiganiro rwatangijwe. Tangiza igice gifite boti (raffle, mess) muri OPSDESK_MODULES.',
        you: 'Wowe',
        bot: 'Boti',
        played: {
          whatsapp:
            'Uri %{address} kuri WhatsApp y’igerageza: nimero y’ikigo isubiriza hano, kandi ibyo izohereza nyuma na byo bizaza hano.',
          telegram:
            'Uri ukoresha %{address} kuri Telegram y’igerageza: boti y’ikigo isubiriza hano, kandi ibyo izohereza nyuma na byo bizaza hano.',
        },
      },
    },
  },
  payments: {
    od: {
      review: {
        menu: 'Genzura ubwishyu',
        panel: 'Ubwishyu',
        title: 'Ubwishyu bwo kugenzura',
        position: '%{at} kuri %{total}',
        position_empty: 'Nta gitegereje',
        empty: 'Nta gihamya itegereje icyemezo.',
        previous: 'Ibibanza',
        next: 'Ibikurikira',
        amount: 'Amafaranga',
        pays_for: 'Yishyurira',
        payer: 'Byishyuwe na',
        reference: 'Indango',
        submitted: 'Byoherejwe',
        verify: 'Emeza',
        deny: 'Anga',
        reason: 'Impamvu yanzwe (uwishyura arabisoma)',
        verified: 'Ubwishyu bwemejwe',
        denied: 'Gihamya yanzwe',
        no_proof: 'Nta gihamya yoherejwe hamwe n’ubu bwishyu.',
        keys: 'Utubuto: V emeza · D anga · U subiza inyuma · J ibikurikira · K ibibanza',
        verifying: 'Iri yishyura riremezwa mu masegonda %{seconds}…',
        denying: 'Iki cyemezo kiranga mu masegonda %{seconds}…',
        undo: 'Subiza inyuma',
        undone: 'Byasubijwe inyuma: nta cyoherejwe',
        this_proof: 'Iyi gihamya',
        earlier_proof: 'Ubwishyu bwa mbere bufite ifoto cyangwa indango bimwe',
        duplicate_warning:
          'Iyi gihamya isa n’ubwishyu bwabanje (ifoto cyangwa indango bimwe) |||| Iyi gihamya isa n’ubwishyu %{smart_count} bwabanje (ifoto cyangwa indango bimwe)',
      },
    },
    payments: {
      options: {
        submitted: 'Bitegereje kugenzurwa',
        verified: 'Byemejwe',
        denied: 'Byanzwe',
        recorded: 'Byanditswe',
        voided: 'Byateshejwe agaciro',
        pending: 'Bitegereje',
        ambiguous: 'Ntibisobanutse, birimo kugenzurwa',
        succeeded: 'Byishyuwe',
        failed: 'Byanze',
        mismatch: 'Amafaranga ntahura',
        proof: 'Gihamya',
        manual: 'Intoki',
        momo: 'MTN MoMo',
        airtel: 'Airtel Money',
      },
    },
  },
  retention: {
    retention: {
      menu: { settings: 'Igihe amakuru abikwa', runs: 'Isuku yakozwe' },
      page: {
        title: 'Igihe amakuru abikwa',
        intro:
          'Igihe buri bwoko bw’amakuru bubikwa. Amakuru ashaje asibwa buri joro, mu matsinda mato; ibigikenewe byose (itumiza rifunguye, ubwishyu butarangiye, ikibazo cyo gusikana kitarakemuka, amafaranga ategereje gusubizwa, kubikwa ku mpamvu z’amategeko) birasigara.',
        kind: 'Amakuru',
        default: 'Bisanzwe',
        days: 'Bika (iminsi)',
        forever: 'Siga ubusa kugira ngo bibikwe burundu',
        would_go: 'Byasibwa ubu',
        rows: 'Umurongo %{smart_count} |||| Imirongo %{smart_count}',
        jobs: 'Ibikorwa byikora byarangiye: bibikwa iminsi %{days} (OPSDESK_JOBS_KEEP_DAYS, kuri sisitemu yose).',
        legal_hold: 'Kubikwa ku mpamvu z’amategeko: ntugire icyo usiba cyangwa uhisha cy’iki kigo',
        legal_hold_reason: 'Impamvu yo kubika',
        held: 'Birabitswe ku mpamvu z’amategeko: isuku nta cyo isiba.',
        runs: 'Reba isuku yakozwe',
      },
      kinds: {
        raw_payloads: 'Ibyakiriwe uko byakabaye biturutse kuri webhook',
        messages: 'Ubutumwa bw’ibiganiro n’imigereka',
        delivered: 'Imenyesha ryagejejwe',
        chat_messages: 'Ibisubizo bya boti n’ubutumwa bw’abakozi mu biganiro',
        proof_files: 'Gihamya z’ubwishyu bwafashweho icyemezo',
        import_uploads: 'Amadosiye yoherejwe yo kwinjiza ibyo muri sisiteme ya mbere',
        audit_personal: 'Amakuru bwite mu mateka y’ibikorwa (ahishwe, ibyanditswe bigumaho)',
      },
      runs: {
        id: 'Igikorwa',
        startedAt: 'Byatangiye',
        finishedAt: 'Byarangiye',
        trigger: 'Byatangijwe na',
        status: 'Uko bihagaze',
        rowsRemoved: 'Imirongo yasibwe',
        bytesRemoved: 'Bytes zabohowe',
        removed: 'Ibyasibwe, ku bwoko',
        error: 'Ikosa',
      },
      options: {
        schedule: 'Gahunda ya buri joro',
        cli: 'Umurongo w’amabwiriza',
        console: 'Konsole',
        running: 'Birakora',
        done: 'Byarangiye',
        failed: 'Byanze',
        held: 'Kubikwa ku mpamvu z’amategeko',
      },
      audit: {
        settings_changed: 'yahinduye igihe amakuru abikwa',
        hold_placed: 'yashyizeho kubika ku mpamvu z’amategeko',
        hold_released: 'yakuyeho kubika ku mpamvu z’amategeko',
        run_finished: 'isuku yarangiye',
        run_failed: 'isuku yanze',
        run_held: 'isuku yasimbutswe: kubika ku mpamvu z’amategeko',
      },
    },
  },
};
