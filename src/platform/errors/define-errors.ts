import { AppError, type AppErrorOptions, type ErrorSpec } from './app-error.ts';

/** One declared code: call it to make the error, `is` to recognize it, `code` to name it. */
export interface ErrorKind<C extends string = string> extends ErrorSpec {
  (details?: Record<string, unknown>, options?: AppErrorOptions): AppError<C>;
  readonly code: C;
  is(err: unknown): err is AppError<C>;
}

/** What every error table says about itself: the area that owns it and its codes. */
export interface DeclaredErrors<C extends string = string> {
  readonly area: string;
  readonly kinds: ReadonlyArray<ErrorKind<C>>;
}

type Specs = Record<string, ErrorSpec>;

/** The error codes of one area: a constructor per code, plus the area and the list of all of them. */
export type ErrorTable<A extends string, T extends Specs, P extends string = `${A}.`> = {
  readonly [K in keyof T & string]: ErrorKind<`${P}${K}`>;
} & { readonly area: A; readonly kinds: ReadonlyArray<ErrorKind<`${P}${keyof T & string}`>> };

/** Every code of a table, as a union of literal strings (`'raffle.hold_expired' | …`). */
export type CodeOf<T extends DeclaredErrors> = T['kinds'][number]['code'];

/** A table's codes without their area (`hold_expired`), as pure rules name their refusals. */
export type LocalCodeOf<T extends DeclaredErrors> = Exclude<keyof T, keyof DeclaredErrors> & string;

/** One message per code of a table, keyed by the code without its area (a catalog's `errors.<area>`). */
export type ErrorMessages<T extends DeclaredErrors> = { readonly [K in LocalCodeOf<T>]: string };

const AREA = /^[a-z][a-z0-9]*$/;
const LOCAL_CODE = /^[a-z][a-z0-9_]*$/;
const RESERVED = new Set<string>(['area', 'kinds']);

/**
 * Declares an area's error codes: `defineErrors('raffle', { tickets_unavailable: { status, title } })`
 * returns `RaffleErrors.tickets_unavailable(details)`, an AppError coded `raffle.tickets_unavailable`.
 * Codes carry their area, so two areas cannot mean different things by one code; the app refuses a
 * code declared twice when it starts (`startAreas`).
 */
export function defineErrors<const A extends string, const T extends Specs>(
  area: A,
  specs: T,
): ErrorTable<A, T> {
  if (!AREA.test(area)) throw new Error(`error area ${area} must be lowercase letters and digits`);
  return errorTable(area, `${area}.`, specs);
}

/** Builds a table whose codes start with `prefix` (empty for the HTTP kit's own words). */
export function errorTable<const A extends string, const T extends Specs, const P extends string>(
  area: A,
  prefix: P,
  specs: T,
): ErrorTable<A, T, P> {
  const table: Record<string, unknown> = { area };
  const kinds: ErrorKind[] = [];
  for (const [local, spec] of Object.entries(specs)) {
    if (!LOCAL_CODE.test(local) || RESERVED.has(local))
      throw new Error(`error code ${local} of ${area} must be snake_case and not area or kinds`);
    const kind = errorKind(`${prefix}${local}`, spec);
    table[local] = kind;
    kinds.push(kind);
  }
  table.kinds = Object.freeze(kinds);
  return Object.freeze(table) as ErrorTable<A, T, P>;
}

function errorKind<C extends string>(code: C, spec: ErrorSpec): ErrorKind<C> {
  const make = (details?: Record<string, unknown>, options?: AppErrorOptions) =>
    new AppError(code, spec, details, options);
  return Object.freeze(
    Object.assign(make, {
      code,
      status: spec.status,
      title: spec.title,
      is: (err: unknown): err is AppError<C> => err instanceof AppError && err.code === code,
    }),
  );
}
