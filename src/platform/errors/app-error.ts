/** One offending field of a request, as validation problems list them. */
export interface FieldIssue {
  /** Dotted path of the offending field, e.g. `body.items.0.qty`. */
  field: string;
  /** What was wrong, in words. */
  message: string;
  /** Machine code of the issue (`too_small`, `invalid_type`, ...). */
  code: string;
  /** What was expected, when the validator knows it. */
  expected?: string;
}

/** What a code means over HTTP: its status and a short English title. */
export interface ErrorSpec {
  status: number;
  title: string;
}

export interface AppErrorOptions {
  /** Replaces the title as the message (the problem's `detail`), e.g. to name the offending value. */
  message?: string;
  fields?: FieldIssue[];
}

/**
 * A domain error: a stable code with its HTTP status and title on the instance, and structured
 * details. Made by the constructors `defineErrors` returns, so every code in use was declared by
 * an area and no process-wide table is needed to render it.
 */
export class AppError<C extends string = string> extends Error {
  readonly code: C;
  readonly status: number;
  readonly title: string;
  readonly details: Record<string, unknown>;
  readonly fields: FieldIssue[];

  constructor(
    code: C,
    spec: ErrorSpec,
    details: Record<string, unknown> = {},
    options: AppErrorOptions = {},
  ) {
    super(options.message ?? spec.title);
    this.name = 'AppError';
    this.code = code;
    this.status = spec.status;
    this.title = spec.title;
    this.details = details;
    this.fields = options.fields ?? [];
  }
}

/** True for any declared error (to match one code, use its constructor's `is`). */
export const isAppError = (err: unknown): err is AppError => err instanceof AppError;
