/** The label key of a coffee field in the console catalogs (`coffee.fields.<name>`). */
export const f = (name: string) => `coffee.fields.${name}`;
