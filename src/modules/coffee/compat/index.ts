/**
 * Coffee's compatibility layer with the original system (github.com/yulaomao/coffeeNew): its device
 * API for machines on its firmware (`v1-device.routes.ts`, with legacy mode for firmware that sends
 * no token), and its staff API for the scripts and dashboards that read it (`v1-staff.routes.ts`, with its
 * machine and order paths in `v1-staff-devices.routes.ts` and `v1-staff-orders.routes.ts`).
 * Thin: each route translates to a native use case, under the native permissions.
 */
export { legacyModeRoutes } from './legacy-mode.routes.ts';
export { compatV1Routes } from './v1-device.routes.ts';
export { v1StaffRoutes } from './v1-staff.routes.ts';
