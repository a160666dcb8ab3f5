export type { FastifyPluginAsyncZod as RoutePlugin } from 'fastify-type-provider-zod';
export type { Metrics } from './metrics.ts';
export { PROBLEM_CONTENT_TYPE, type Problem, sendProblem, toProblem } from './problem.ts';
export { createHttpServer, type HttpServer, type HttpServerOptions } from './server.ts';
