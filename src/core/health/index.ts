export { ALERTED_ROLES, alertStaff } from './alert-staff.ts';
export type { DeclaredChannels } from './channel-accounts.ts';
export { channelFailingTemplate } from './channel-alert.template.ts';
export type { AccountView, ChannelAlertsView, ChannelProblemsView, HealthView } from './health.contract.ts';
export { HEALTH_READ, healthRoutes } from './health.routes.ts';
