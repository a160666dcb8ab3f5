import { fileURLToPath } from 'node:url';
import { defineModule } from '../../core/modules/index.ts';
import { CYCLE_FEE } from './fee-payments.ts';
import { feePurposeLabels, feePurposesOfPayer } from './fee-purpose.ts';
import { messImport } from './import/mess.import.ts';
import { LEGACY_QR_SECRET } from './legacy-passes.ts';
import { MessErrors } from './mess.errors.ts';
import { messFlow } from './mess.flow.ts';
import { messHooks, messRefunds } from './mess.hooks.ts';
import { messJobs } from './mess.jobs.ts';
import { messTemplates } from './mess.notifications.ts';
import { messResources } from './mess.resources.ts';
import { messRetention } from './mess.retention.ts';
import { messRoutes } from './mess.routes.ts';
import { type MessConfig, type MessRuntime, messConfigSchema, startMess } from './mess.runtime.ts';
import { messDemo, seedMess } from './mess.seed.ts';

/** The hostel mess: Telegram registration, signed meal passes, scans, mess cuts, dues, reports, Sheets backup. */
export const messModule = defineModule<MessRuntime, MessConfig>({
  name: 'mess',
  migrations: fileURLToPath(new URL('./migrations', import.meta.url)),
  permissions: [
    { key: 'mess.student.read', description: 'See students, their dues and the pass sheet' },
    { key: 'mess.student.create', description: 'Register and import students', roles: ['ops'] },
    {
      key: 'mess.student.approve',
      description: 'Approve, deny, suspend students; issue passes',
      roles: ['ops'],
    },
    { key: 'mess.scan.read', description: 'See the scan log and conflicts' },
    {
      key: 'mess.scan.create',
      description: 'Scan meal passes (scanner snapshot and scans)',
      roles: ['scanner', 'ops'],
    },
    { key: 'mess.conflict.resolve', description: 'Resolve scan conflicts', roles: ['ops'] },
    { key: 'mess.cut.read', description: 'See mess cuts' },
    { key: 'mess.cut.create', description: 'Book mess cuts for students', roles: ['ops'] },
    { key: 'mess.payment.create', description: 'Record cash received for mess fees', roles: ['ops'] },
    {
      key: 'mess.payment.refund',
      description: 'Pay students back credit or an over-payment (within the refund limit of one’s role)',
      roles: ['ops'],
    },
    { key: 'mess.report.read', description: 'See mess reports and the headcount forecast' },
    { key: 'mess.setup.read', description: 'See mess settings' },
    { key: 'mess.setup.update', description: 'Change mess settings, meals, closures and cycles' },
    {
      key: 'mess.warden.invite',
      description: 'Create one-time links that make a Telegram account a mess warden',
    },
  ],
  errors: [MessErrors],
  secretSettings: [LEGACY_QR_SECRET],
  config: messConfigSchema,
  templates: messTemplates,
  start: startMess,
  routes: messRoutes,
  jobs: messJobs,
  purposeLabel: { [CYCLE_FEE]: (ctx, _rt, ids) => feePurposeLabels(ctx, ids) },
  purposePayerSearch: { [CYCLE_FEE]: (ctx, _rt, word) => feePurposesOfPayer(ctx, word) },
  resources: (rt) => messResources(rt),
  flows: (rt) => [messFlow(rt)],
  hooks: messHooks,
  refunds: messRefunds,
  retention: messRetention,
  imports: messImport,
  seed: seedMess,
  demo: messDemo,
  webApps: [
    {
      app: 'scanner',
      pages: [{ label: 'scanner', path: '/scanner/', about: 'mess counter; sign in as the scanner user' }],
    },
  ],
});
