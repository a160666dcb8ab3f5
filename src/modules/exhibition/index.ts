import { fileURLToPath } from 'node:url';
import { defineModule } from '../../core/modules/index.ts';
import { BILL_PURPOSE } from './bill-money.ts';
import { billRefunds } from './bill-refund-contract.ts';
import { billIdsOfPayer, billPurposeLabels } from './bill-refunds.ts';
import { ExhibitionErrors } from './exhibition.errors.ts';
import { exhibitionHooks } from './exhibition.hooks.ts';
import { exhibitionJobs } from './exhibition.jobs.ts';
import { exhibitionTemplates } from './exhibition.notifications.ts';
import { exhibitionResources } from './exhibition.resources.ts';
import { exhibitionRetention } from './exhibition.retention.ts';
import { exhibitionRoutes } from './exhibition.routes.ts';
import { type ExhibitionRuntime, startExhibition } from './exhibition.runtime.ts';
import { exhibitionDemo, seedExhibitionDemo } from './exhibition.seed.ts';
import { exhibitionImport } from './import/exhibition.import.ts';

/** A customer desk at exhibitions: codes and QR passes by e-mail, bills at any booth, running totals, statements. */
export const exhibitionModule = defineModule<ExhibitionRuntime>({
  name: 'exhibition',
  migrations: fileURLToPath(new URL('./migrations', import.meta.url)),
  permissions: [
    { key: 'exhibition.exhibition.read', description: 'See exhibitions' },
    { key: 'exhibition.exhibition.manage', description: 'Create exhibitions and booths, assign booth staff' },
    { key: 'exhibition.customer.read', description: 'See customers and their statements' },
    {
      key: 'exhibition.customer.register',
      description: 'Register customers, resend their e-mail, e-mail statements',
      roles: ['ops'],
    },
    {
      key: 'exhibition.customer.find',
      description: 'Find a customer by code, QR or name to bill them',
      roles: ['ops', 'scanner'],
    },
    {
      key: 'exhibition.customer.merge',
      description: 'Merge duplicate customers (bills and tab move to the one kept)',
      roles: ['ops'],
    },
    { key: 'exhibition.bill.read', description: 'See bills and totals' },
    { key: 'exhibition.bill.add', description: 'Add bills to customers', roles: ['ops', 'scanner'] },
    { key: 'exhibition.bill.any_booth', description: 'Bill at any booth (desk staff)', roles: ['ops'] },
    { key: 'exhibition.bill.void', description: 'Void bills with a reason', roles: ['ops'] },
    {
      key: 'exhibition.bill.refund',
      description:
        'Give back money taken for a bill, voiding or reducing it (within the refund limit of one’s role)',
      roles: ['ops'],
    },
    {
      key: 'exhibition.bill.pay',
      description: 'Take payment for a customer’s tab at the desk (cash or mobile money)',
      roles: ['ops'],
    },
  ],
  errors: [ExhibitionErrors],
  // Money taken for a bill is a core payment of purpose `exhibition.bill` (one per bill, taken at the
  // desk); whichever route refunds it, the bill is voided or reduced by its refund contract.
  purposeLabel: { [BILL_PURPOSE]: (ctx, _rt, ids) => billPurposeLabels(ctx, ids) },
  purposePayerSearch: { [BILL_PURPOSE]: (ctx, _rt, word) => billIdsOfPayer(ctx, word) },
  hooks: exhibitionHooks,
  refunds: { [BILL_PURPOSE]: billRefunds },
  templates: exhibitionTemplates,
  start: startExhibition,
  routes: exhibitionRoutes,
  jobs: exhibitionJobs,
  resources: (rt) => exhibitionResources(rt),
  retention: exhibitionRetention,
  seed: seedExhibitionDemo,
  // `opsdesk import exhibition --from …`: customers with their codes and bills from the Django original.
  imports: exhibitionImport,
  demo: exhibitionDemo,
  // The booth page is a second page of the scanner app (same camera, worker and offline shell).
  webApps: [
    {
      app: 'scanner',
      pages: [
        { label: 'booth', path: '/scanner/booth.html', about: 'exhibition booths; booth staff bill there' },
      ],
    },
  ],
});
