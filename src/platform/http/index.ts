export type { FastifyPluginAsyncZod as RoutePlugin } from 'fastify-type-provider-zod';
export { answerErrorsAsDrf, DRF_PAGE_SIZE, drfPage, drfPageQuery, drfPageSchema } from './drf-envelope.ts';
export { type FailedAuthLimit, failedAuthLimit } from './failed-auth-limit.ts';
export { bearerOf, type MachineApi, machineApi } from './machine-api.ts';
export type { Metrics } from './metrics.ts';
export { patchBodyOf } from './patch-body.ts';
export { type Problem, type ProblemField, problemSchema } from './problem.schema.ts';
export { PROBLEM_CONTENT_TYPE, sendProblem, setRetryAfter, toProblem } from './problem.ts';
export { REFUSAL_STATUSES, type RefusalStatus } from './problem-answers.rules.ts';
export { deploymentBaseUrl, publicBaseUrl } from './public-url.ts';
export { ignoreUnknownQueryParams, strictQueryCompiler, unknownQueryParam } from './query-params.ts';
export { type RouteAccess, routeOptions } from './route-options.ts';
export { WITHOUT_DEFAULT_COMPILERS } from './schema-compilers.ts';
export { type FileAnswer, sendFile } from './send-file.ts';
export {
  createHttpServer,
  type HttpServer,
  type HttpServerOptions,
  type OperationDescription,
} from './server.ts';
