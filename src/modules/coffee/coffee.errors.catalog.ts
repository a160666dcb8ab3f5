import type { ErrorMessages } from '../../platform/errors/index.ts';
import type { CoffeeErrors } from './coffee.errors.ts';

type Messages = ErrorMessages<typeof CoffeeErrors>;

/**
 * What staff read for each coffee error code, in English and Spanish; the
 * type makes a new code without a message a compile error.
 */
export const coffeeErrorMessages: { en: Messages; es: Messages } = {
  en: {
    device_not_found: 'We could not find this device.',
    device_exists: 'A device with this serial number already exists.',
    device_token_invalid: 'The device token is missing, unknown or revoked.',
    command_not_found: 'We could not find this command.',
    command_not_sent: 'This command is not waiting for a result.',
    command_unsupported: 'This device model cannot run that command.',
    batch_not_found: 'We could not find this batch.',
    batch_empty: 'No device matches this batch.',
    batch_not_finished: 'The batch is still running.',
    alarm_not_found: 'We could not find this alarm.',
    alarm_closed: 'This alarm is already closed.',
    order_not_found: 'We could not find this order.',
    order_not_refundable: 'This order cannot be refunded.',
    material_unknown: 'Unknown material code.',
    material_exists: 'A material with this code already exists.',
    oncall_not_found: 'We could not find this on-call person.',
    bin_not_found: 'We could not find this bin.',
    bin_thresholds_invalid: 'The critical level must be at or below the low level.',
    oncall_exists: 'Someone on call already uses this address on this channel.',
    package_not_found: 'We could not find this recipe package.',
    package_conflict: 'Another package was created at the same time. Try again.',
    rollout_not_found: 'We could not find this rollout.',
    rollout_no_previous: 'There is no earlier version to roll back to.',
    merchant_not_found: 'We could not find this merchant or location.',
  },
  es: {
    device_not_found: 'No encontramos este equipo.',
    device_exists: 'Ya existe un equipo con este número de serie.',
    device_token_invalid: 'El token del equipo falta, es desconocido o fue revocado.',
    command_not_found: 'No encontramos este comando.',
    command_not_sent: 'Este comando no espera un resultado.',
    command_unsupported: 'Este modelo de equipo no puede ejecutar ese comando.',
    batch_not_found: 'No encontramos este lote.',
    batch_empty: 'Ningún equipo coincide con este lote.',
    batch_not_finished: 'El lote sigue en curso.',
    alarm_not_found: 'No encontramos esta alarma.',
    alarm_closed: 'Esta alarma ya está cerrada.',
    order_not_found: 'No encontramos este pedido.',
    order_not_refundable: 'Este pedido no se puede reembolsar.',
    material_unknown: 'Código de material desconocido.',
    material_exists: 'Ya existe un material con este código.',
    oncall_not_found: 'No encontramos a esta persona de guardia.',
    bin_not_found: 'No encontramos este depósito.',
    bin_thresholds_invalid: 'El nivel crítico debe ser igual o menor que el nivel bajo.',
    oncall_exists: 'Alguien de guardia ya usa esta dirección en este canal.',
    package_not_found: 'No encontramos este paquete de recetas.',
    package_conflict: 'Se creó otro paquete al mismo tiempo. Inténtalo de nuevo.',
    rollout_not_found: 'No encontramos este despliegue.',
    rollout_no_previous: 'No hay una versión anterior a la que volver.',
    merchant_not_found: 'No encontramos este comercio o ubicación.',
  },
};

/** The module's words for the app's translation layer (`errors.coffee.<code>`). */
export const coffeeCatalog = {
  en: { errors: { coffee: coffeeErrorMessages.en } },
  es: { errors: { coffee: coffeeErrorMessages.es } },
};
