import type { Catalog } from './locale.ts';

/** Hindi (Devanagari) core messages; same keys as `coreEn`. */
export const coreHi = {
  errors: {
    validation: 'कुछ जानकारी सही नहीं भरी गई है।',
    bad_request: 'अनुरोध समझ में नहीं आया।',
    not_found: 'आपने जो माँगा, वह नहीं मिला।',
    unauthorized: 'आगे बढ़ने के लिए कृपया साइन इन करें।',
    forbidden: 'आपको यह करने की अनुमति नहीं है।',
    rate_limited: 'बहुत ज़्यादा प्रयास हुए। कृपया थोड़ी देर रुककर फिर से कोशिश करें।',
    conflict: 'इस बीच किसी और ने इसे बदल दिया है। पेज दोबारा खोलकर फिर से कोशिश करें।',
    payload_too_large: 'फ़ाइल या अनुरोध बहुत बड़ा है।',
    unavailable: 'सेवा अभी उपलब्ध नहीं है। कृपया थोड़ी देर बाद कोशिश करें।',
    internal: 'हमारी ओर से कुछ गड़बड़ हो गई। कृपया बाद में फिर से कोशिश करें।',
  },
  validation: {
    required: 'यह जानकारी भरना ज़रूरी है।',
    invalid_type: 'यह मान सही प्रकार का नहीं है।',
    invalid_format: 'यह मान सही प्रारूप में नहीं है।',
    too_short: 'कम से कम {{minimum}} अक्षर होने चाहिए।',
    too_long: 'ज़्यादा से ज़्यादा {{maximum}} अक्षर हो सकते हैं।',
    too_small: 'कम से कम {{minimum}} होना चाहिए।',
    too_big: 'ज़्यादा से ज़्यादा {{maximum}} हो सकता है।',
    invalid_email: 'सही ईमेल पता लिखें।',
    invalid_phone: 'सही फ़ोन नंबर लिखें।',
    invalid_date: 'सही तारीख़ लिखें।',
    invalid_option: 'दिए गए विकल्पों में से एक चुनें।',
  },
  money: {
    currency_mismatch: 'अलग-अलग मुद्राओं ({{left}} और {{right}}) की राशियाँ एक साथ नहीं जोड़ी जा सकतीं।',
    invalid_currency: 'अज्ञात मुद्रा: {{currency}}।',
    invalid_amount: 'राशि इस तरह लिखें: 12.50',
    too_many_decimals: '{{currency}} में इतने दशमलव अंक नहीं हो सकते।',
    amount_out_of_range: 'राशि बहुत बड़ी है।',
    invalid_factor: 'गुणक मान्य नहीं है।',
    invalid_ratios: 'बँटवारे का अनुपात मान्य नहीं है।',
  },
  codes: {
    invalid_character:
      'कोड में “{{character}}” नहीं हो सकता। कोड में 2–9 तक के अंक और I, L, O को छोड़कर अंग्रेज़ी अक्षर होते हैं।',
    invalid_length: 'इस कोड में अक्षरों की संख्या सही नहीं है।',
    check_mismatch: 'इस कोड में टाइप करने में गलती है। कृपया जाँचकर फिर से लिखें।',
    unique_code_attempts_exhausted: 'नया कोड नहीं बन सका। कृपया फिर से कोशिश करें।',
  },
  passes: {
    refused: {
      malformed: 'यह Opsdesk पास नहीं है।',
      truncated: 'पास पूरा नहीं पढ़ा गया। फिर से स्कैन करें।',
      unsupported_version: 'यह पास नए संस्करण से बना है। स्कैनर अपडेट करें।',
      unknown_key: 'यह पास किसी अनजान जारीकर्ता ने हस्ताक्षरित किया है।',
      bad_signature: 'यह पास नकली है या इसमें छेड़छाड़ की गई है।',
      expired: 'इस पास की अवधि समाप्त हो चुकी है।',
      revoked: 'इस पास की जगह नया पास जारी हो चुका है।',
      not_yet_valid: 'यह पास अभी मान्य नहीं है। स्कैनर की घड़ी जाँचें।',
    },
    errors: {
      invalid_subject: 'पास धारक की जानकारी मान्य नहीं है।',
      invalid_claims: 'पास की जानकारी मान्य नहीं है।',
      invalid_key: 'हस्ताक्षर कुंजी मान्य नहीं है।',
      no_signing_key: 'पास जारी करने के लिए कोई सक्रिय कुंजी नहीं है।',
      key_id_collision: 'इस पहचान वाली कुंजी पहले से मौजूद है।',
    },
  },
  time: {
    left_one: '{{duration}} बाकी',
    left_other: '{{duration}} बाकी',
    up: 'समय समाप्त हो गया।',
  },
  common: {
    yes: 'हाँ',
    no: 'नहीं',
    cancel: 'रद्द करें',
    confirm: 'पुष्टि करें',
    back: 'वापस',
  },
} as const satisfies Catalog;
