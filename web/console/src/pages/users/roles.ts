export const ROLES = ['owner', 'admin', 'ops', 'viewer', 'scanner'] as const;

/** Role choices for selects, labelled through i18n (`od.roles.*`). */
export const roleChoices = ROLES.map((r) => ({ id: r, name: `od.roles.${r}` }));
