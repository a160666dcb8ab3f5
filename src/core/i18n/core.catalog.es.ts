import type { Catalog } from './locale.ts';

/** Spanish core messages; same keys as `coreEn`, plus the `_many` plural form Spanish uses. */
export const coreEs = {
  errors: {
    validation: 'Algunos campos no son válidos.',
    bad_request: 'No pudimos entender la solicitud.',
    not_found: 'No encontramos lo que buscas.',
    unauthorized: 'Inicia sesión para continuar.',
    forbidden: 'No tienes permiso para hacer esto.',
    rate_limited: 'Demasiados intentos. Espera un momento y vuelve a intentarlo.',
    conflict: 'Otra persona modificó esto mientras tanto. Recarga e inténtalo de nuevo.',
    payload_too_large: 'El archivo o la solicitud es demasiado grande.',
    unavailable: 'El servicio no está disponible en este momento. Inténtalo en un rato.',
    internal: 'Algo salió mal de nuestro lado. Inténtalo de nuevo más tarde.',
  },
  validation: {
    required: 'Este campo es obligatorio.',
    invalid_type: 'Este valor no es del tipo esperado.',
    invalid_format: 'Este valor no tiene el formato esperado.',
    too_short: 'Debe tener al menos {{minimum}} caracteres.',
    too_long: 'Debe tener como máximo {{maximum}} caracteres.',
    too_small: 'Debe ser al menos {{minimum}}.',
    too_big: 'Debe ser como máximo {{maximum}}.',
    invalid_email: 'Escribe un correo electrónico válido.',
    invalid_phone: 'Escribe un número de teléfono válido.',
    invalid_date: 'Escribe una fecha válida.',
    invalid_option: 'Elige una de las opciones disponibles.',
  },
  money: {
    currency_mismatch: 'No se pueden combinar importes en monedas distintas ({{left}} y {{right}}).',
    invalid_currency: 'Moneda desconocida: {{currency}}.',
    invalid_amount: 'Escribe un importe como 12.50.',
    too_many_decimals: 'Demasiados decimales para {{currency}}.',
    amount_out_of_range: 'El importe es demasiado grande.',
    invalid_factor: 'El multiplicador no es válido.',
    invalid_ratios: 'El reparto no es válido.',
  },
  codes: {
    invalid_character:
      '«{{character}}» no puede aparecer en un código. Los códigos usan los dígitos del 2 al 9 y letras, salvo I, L y O.',
    invalid_length: 'Este código no tiene el número correcto de caracteres.',
    check_mismatch: 'Este código tiene un error de escritura. Revísalo e inténtalo de nuevo.',
    unique_code_attempts_exhausted: 'No se pudo crear un código nuevo. Inténtalo de nuevo.',
  },
  passes: {
    refused: {
      malformed: 'Esto no es un pase de Opsdesk.',
      truncated: 'El pase no se leyó completo. Escanéalo de nuevo.',
      unsupported_version: 'Este pase es de una versión más reciente. Actualiza el escáner.',
      unknown_key: 'Este pase lo firmó un emisor desconocido.',
      bad_signature: 'Este pase es falso o fue alterado.',
      expired: 'Este pase ha caducado.',
      revoked: 'Este pase fue reemplazado por uno más reciente.',
      not_yet_valid: 'Este pase todavía no es válido. Revisa la hora del escáner.',
    },
    errors: {
      invalid_subject: 'El titular del pase no es válido.',
      invalid_claims: 'Los datos del pase no son válidos.',
      invalid_key: 'La clave de firma no es válida.',
      no_signing_key: 'No hay ninguna clave activa para emitir pases.',
      key_id_collision: 'Ya existe una clave con ese identificador.',
    },
  },
  time: {
    left_one: 'queda {{duration}}',
    left_many: 'quedan {{duration}}',
    left_other: 'quedan {{duration}}',
    up: 'Se acabó el tiempo.',
  },
  common: {
    yes: 'Sí',
    no: 'No',
    cancel: 'Cancelar',
    confirm: 'Confirmar',
    back: 'Volver',
  },
} as const satisfies Catalog;
