export { type LiveCaller, type LiveRouteOptions, liveRoutes } from './live.routes.ts';
export { createLiveChannel, LIVE_CHANNEL, type LiveChannel, type LiveEvent } from './live-channel.ts';
