/**
 * The i18n key that words a purpose type: `raffle.order` → `raffle.purposeType.order`, in the
 * console catalog of the module that owns it (the console humanizes a key it lacks).
 */
export function purposeTypeLabel(type: string): string {
  const dot = type.indexOf('.');
  return dot < 0
    ? `payments.purposeType.${type}`
    : `${type.slice(0, dot)}.purposeType.${type.slice(dot + 1)}`;
}
