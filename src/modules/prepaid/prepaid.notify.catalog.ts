import type { NamespaceCatalogs } from '../../core/i18n/index.ts';

/**
 * The messages prepaid sends outside a conversation (token, sign-in code, alerts, meter requests,
 * statements), in English, Spanish, French and Kinyarwanda. French and Kinyarwanda use the words
 * of the customer portal (web/portal/src/i18n.ts) and of Rwandan prepaid receipts: "mubazi" for the
 * meter, "tokeni" / "code" for the token, "amafaranga" for the amount, kWh as printed.
 */
export const prepaidNotifyCatalog: NamespaceCatalogs = {
  en: {
    token: {
      subject: 'Token for meter {{meter}}',
      body: 'Meter {{meter}}: paid {{amount}}, {{units}} kWh. Token: {{token}}',
      validUntil: 'Valid until {{until}}.',
    },
    code: {
      subject: 'Your sign-in code',
      body: 'Your code for meter {{meter}}: {{code}}. It works for 10 minutes. Never share it.',
    },
    alert: {
      low_balance: {
        subject: 'Low balance on meter {{meter}}',
        body: 'Meter {{meter}} is running low: {{balance}} kWh left{{days}}. Buy units before it cuts off.',
        days: ', about {{days}} day(s) at your recent use',
        estimatedBody:
          'Meter {{meter}} is running low: about {{balance}} kWh left by our estimate (the units sold to it less what its readings show it used){{days}}. Buy units before it cuts off.',
      },
      unusual_consumption: {
        subject: 'Unusual use on meter {{meter}}',
        body: 'Meter {{meter}} used {{lastDay}} kWh in the last day, against {{usual}} kWh on a usual day. Check for a fault or an appliance left on.',
      },
    },
    request: {
      subject: 'Your request for meter {{meter}}',
      approved: 'Meter {{meter}} is now on your account: you can buy units for it.{{note}}',
      refused: 'We could not add meter {{meter}} to your account: {{note}}',
    },
    statement: {
      subject: 'Electricity statement {{month}}',
      body: 'Your electricity statement for {{month}} is attached: {{count}} purchase(s), {{units}} kWh for {{amount}}.',
    },
  },
  es: {
    token: {
      subject: 'Token del medidor {{meter}}',
      body: 'Medidor {{meter}}: pagado {{amount}}, {{units}} kWh. Token: {{token}}',
      validUntil: 'Válido hasta el {{until}}.',
    },
    code: {
      subject: 'Su código de acceso',
      body: 'Su código para el medidor {{meter}}: {{code}}. Vale 10 minutos. No lo comparta.',
    },
    alert: {
      low_balance: {
        subject: 'Saldo bajo en el medidor {{meter}}',
        body: 'Al medidor {{meter}} le queda poco: {{balance}} kWh{{days}}. Compre unidades antes del corte.',
        days: ', unos {{days}} día(s) a su consumo reciente',
        estimatedBody:
          'Al medidor {{meter}} le queda poco: unos {{balance}} kWh según nuestra estimación (las unidades vendidas menos lo que sus lecturas muestran consumido){{days}}. Compre unidades antes del corte.',
      },
      unusual_consumption: {
        subject: 'Consumo inusual en el medidor {{meter}}',
        body: 'El medidor {{meter}} consumió {{lastDay}} kWh el último día, frente a {{usual}} kWh en un día normal. Revise si hay una avería o un aparato encendido.',
      },
    },
    request: {
      subject: 'Su solicitud del medidor {{meter}}',
      approved: 'El medidor {{meter}} ya está en su cuenta: puede comprar unidades para él.{{note}}',
      refused: 'No pudimos añadir el medidor {{meter}} a su cuenta: {{note}}',
    },
    statement: {
      subject: 'Estado de cuenta de electricidad {{month}}',
      body: 'Adjuntamos su estado de cuenta de electricidad de {{month}}: {{count}} compra(s), {{units}} kWh por {{amount}}.',
    },
  },
  fr: {
    token: {
      subject: 'Code du compteur {{meter}}',
      body: 'Compteur {{meter}} : payé {{amount}}, {{units}} kWh. Code (token) : {{token}}',
      validUntil: 'Valable jusqu’au {{until}}.',
    },
    code: {
      subject: 'Votre code de connexion',
      body: 'Votre code pour le compteur {{meter}} : {{code}}. Il est valable 10 minutes. Ne le partagez jamais.',
    },
    alert: {
      low_balance: {
        subject: 'Solde faible sur le compteur {{meter}}',
        body: 'Le compteur {{meter}} est presque vide : {{balance}} kWh restants{{days}}. Achetez des unités avant la coupure.',
        days: ', environ {{days}} jour(s) à votre consommation récente',
        estimatedBody:
          'Le compteur {{meter}} est presque vide : environ {{balance}} kWh restants selon notre estimation (les unités vendues moins la consommation que montrent ses relevés){{days}}. Achetez des unités avant la coupure.',
      },
      unusual_consumption: {
        subject: 'Consommation inhabituelle sur le compteur {{meter}}',
        body: 'Le compteur {{meter}} a consommé {{lastDay}} kWh le dernier jour, contre {{usual}} kWh un jour normal. Vérifiez s’il y a une panne ou un appareil resté allumé.',
      },
    },
    request: {
      subject: 'Votre demande pour le compteur {{meter}}',
      approved:
        'Le compteur {{meter}} est maintenant sur votre compte : vous pouvez acheter des unités pour lui.{{note}}',
      refused: 'Nous n’avons pas pu ajouter le compteur {{meter}} à votre compte : {{note}}',
    },
    statement: {
      subject: 'Relevé d’électricité {{month}}',
      body: 'Votre relevé d’électricité de {{month}} est en pièce jointe : {{count}} achat(s), {{units}} kWh pour {{amount}}.',
    },
  },
  rw: {
    token: {
      subject: 'Tokeni ya mubazi {{meter}}',
      body: 'Mubazi {{meter}}: amafaranga wishyuye {{amount}}, {{units}} kWh. Tokeni (umubare w’ifatabuguzi): {{token}}',
      validUntil: 'Izakora kugeza {{until}}.',
    },
    code: {
      subject: 'Kode yawe yo kwinjira',
      body: 'Kode yawe ya mubazi {{meter}}: {{code}}. Imara iminota 10. Ntuzayihe undi muntu.',
    },
    alert: {
      low_balance: {
        subject: 'Umuriro ugiye gushira kuri mubazi {{meter}}',
        body: 'Mubazi {{meter}} igiye gushiramo: hasigaye {{balance}} kWh{{days}}. Gura umuriro mbere y’uko ucika.',
        days: ', nk’iminsi {{days}} ukurikije uko ukoresha',
        estimatedBody:
          'Mubazi {{meter}} igiye gushiramo: dukurikije igereranya ryacu hasigaye nka {{balance}} kWh (umuriro wayiguriwe ukuyemo uwo ibipimo byayo byerekana ko yakoresheje){{days}}. Gura umuriro mbere y’uko ucika.',
      },
      unusual_consumption: {
        subject: 'Ikoreshwa ridasanzwe kuri mubazi {{meter}}',
        body: 'Mubazi {{meter}} yakoresheje {{lastDay}} kWh ku munsi ushize, mu gihe ubusanzwe ikoresha {{usual}} kWh. Reba niba nta kibazo cyangwa igikoresho cyasigaye gicanye.',
      },
    },
    request: {
      subject: 'Ubusabe bwawe bwa mubazi {{meter}}',
      approved: 'Mubazi {{meter}} ubu iri kuri konti yawe: ushobora kuyigurira umuriro.{{note}}',
      refused: 'Ntitwashoboye kongera mubazi {{meter}} kuri konti yawe: {{note}}',
    },
    statement: {
      subject: 'Raporo y’amashanyarazi {{month}}',
      body: 'Raporo yawe y’amashanyarazi ya {{month}} iri ku mugereka: ibyo waguze {{count}}, {{units}} kWh ku {{amount}}.',
    },
  },
};
