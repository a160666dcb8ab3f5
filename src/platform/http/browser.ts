/**
 * The part of platform/http that browser code may read: the problem+json contract every API refusal
 * carries, as types only (the staff API client of web/kit and the console's read them from here).
 */
export type { Problem, ProblemField } from './problem.schema.ts';
