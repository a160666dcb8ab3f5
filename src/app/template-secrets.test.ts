import { describe, expect, it } from 'vitest';
import { ALWAYS_ENABLED } from './core-areas.ts';
import { AVAILABLE_MODULES } from './modules.ts';

/** Field names that usually carry something only the recipient may read. */
const LOOKS_SECRET = /code|token|pass|otp|pin|secret|link|invite|reset|key|password/i;

/**
 * Fields that look secret but are not, each with why: staff see them anyway, or they grant nothing.
 * A new template field that looks secret fails this test until its template declares it in
 * `secrets` (sealed, masked, sent only to the person) or it is listed here with a reason.
 */
const NOT_SECRET: Record<string, Record<string, string>> = {
  'exhibition.welcome': {
    code: 'the customer ID printed on the badge; staff see it on every customer list',
    rawCode: 'the same customer ID, unformatted',
  },
  'exhibition.welcome_sms': { code: 'the customer ID, as in exhibition.welcome' },
  'exhibition.statement_sms': { code: 'the customer ID, as in exhibition.statement' },
  'exhibition.statement': { code: 'the customer ID, as on every customer list' },
  'prepaid.token': {
    token:
      'the OpenPAYGO token the customer paid for; staff read it on the purchase list (prepaid.purchases) to help over the phone, and it only loads units into its own meter',
  },
  'prepaid.token_sms': {
    token:
      'the same token as prepaid.token, by SMS to the paying phone: staff read it on the purchase list too',
  },
};

const templates = [...ALWAYS_ENABLED, ...AVAILABLE_MODULES].flatMap((area) => area.templates ?? []);

describe('one-time secrets in message templates', () => {
  it('has every template decide on each field that looks like a secret', () => {
    const undecided: string[] = [];
    for (const template of templates) {
      const shape = (template.data as { shape?: Record<string, unknown> } | undefined)?.shape ?? {};
      for (const field of Object.keys(shape)) {
        if (!LOOKS_SECRET.test(field)) continue;
        if (template.secrets?.includes(field) || NOT_SECRET[template.key]?.[field]) continue;
        undecided.push(`${template.key}.${field}`);
      }
    }
    expect(undecided, 'declare these in the template’s `secrets`, or say here why they are not').toEqual([]);
  });

  it('seals the customer portal’s sign-in code and the exhibition and meal passes, the one-time secrets found in the sweep', () => {
    const declared = Object.fromEntries(
      templates.filter((t) => t.secrets?.length).map((t) => [t.key, [...(t.secrets ?? [])]]),
    );
    expect(declared).toEqual({
      'prepaid.portal_code': ['code'],
      'exhibition.welcome': ['pass'],
      // The badge link of a visitor without e-mail: it opens a working pass (issue 65).
      'exhibition.welcome_sms': ['link'],
      // The statement link of the same: it opens the customer's statement without signing in.
      'exhibition.statement_sms': ['link'],
      // The meal pass the approval and a key rotation send as a QR (issue 30 item 6).
      'mess.approved': ['pass'],
      'mess.pass_renewed': ['pass'],
      // The approval by SMS with the meal pass link (issue 65): it opens the QR the counter scans.
      'mess.approved_link_sms': ['link'],
    });
  });
});
