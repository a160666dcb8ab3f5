/**
 * The coffee module in the console: its words (English, Hindi, Spanish), the live fleet page, the
 * recipe package editor, the fleet settings (texts to on-call phones), the machine, rollout and package panels, and the dashboard card. Lists
 * come from the resources the server declares (`coffee.resources.ts`).
 * Browser code: it imports the console kit, never the module's server files.
 */
import { lazy } from 'react';
import { defineConsoleExtension } from '../../../../web/console/src/extensions/index.ts';
import { coffeeErrorMessages } from '../browser.ts';
import { coffeeLabelsEn } from './coffee.labels.en.ts';
import { coffeeLabelsEs } from './coffee.labels.es.ts';
import { coffeeLabelsFr } from './coffee.labels.fr.ts';
import { coffeeLabelsHi } from './coffee.labels.hi.ts';
import { coffeeLabelsRw } from './coffee.labels.rw.ts';

export default defineConsoleExtension({
  name: 'coffee',
  messages: {
    en: coffeeLabelsEn,
    hi: coffeeLabelsHi,
    es: coffeeLabelsEs,
    fr: coffeeLabelsFr,
    rw: coffeeLabelsRw,
  },
  errors: coffeeErrorMessages,
  menu: [
    '/coffee/fleet',
    'coffee.alarms',
    'coffee.devices',
    'coffee.orders',
    'coffee.bins',
    'coffee.batches',
    'coffee.packages',
    'coffee.rollouts',
    '/coffee/registrations',
    'coffee.registrations',
    'coffee.locations',
    'coffee.merchants',
    'coffee.materials',
    'coffee.oncall',
    '/coffee/settings',
  ],
  pages: [
    {
      path: '/coffee/fleet',
      label: 'coffee.menu.fleet',
      permission: 'coffee.device.read',
      component: lazy(() => import('./FleetPage.tsx')),
    },
    {
      path: '/coffee/recipe-editor',
      label: 'coffee.menu.editor',
      permission: 'coffee.recipe.manage',
      component: lazy(() => import('./RecipeEditorPage.tsx')),
    },
    {
      // the Create of Recipe packages: the editor, in place of a generic form
      path: '/coffee.packages/create',
      label: 'coffee.menu.editor',
      permission: 'coffee.recipe.manage',
      hidden: true,
      component: lazy(() => import('./RecipeEditorPage.tsx')),
    },
    {
      path: '/coffee/settings',
      label: 'coffee.menu.settings',
      permission: 'coffee.alarm.read',
      component: lazy(() => import('./CoffeeSettingsPage.tsx')),
    },
    {
      path: '/coffee/registrations',
      label: 'coffee.menu.waiting',
      permission: 'coffee.device.manage',
      component: lazy(() => import('./RegistrationsPage.tsx')),
    },
  ],
  recordPanels: [
    {
      id: 'coffee.machine',
      resource: 'coffee.devices',
      permission: 'coffee.command.read',
      component: lazy(() => import('./MachinePanel.tsx')),
    },
    {
      id: 'coffee.batch-machines',
      resource: 'coffee.batches',
      permission: 'coffee.command.read',
      component: lazy(() => import('./BatchPanel.tsx')),
    },
    {
      id: 'coffee.rollout-review',
      resource: 'coffee.rollouts',
      permission: 'coffee.recipe.read',
      component: lazy(() => import('./RolloutPanel.tsx')),
    },
    {
      id: 'coffee.order-refund',
      resource: 'coffee.orders',
      permission: 'coffee.order.read',
      refunds: ['coffee.order'],
      component: lazy(() => import('./OrderRefundPanel.tsx')),
    },
    {
      id: 'coffee.package-editor',
      resource: 'coffee.packages',
      permission: 'coffee.recipe.manage',
      component: lazy(() => import('./PackagePanel.tsx')),
    },
  ],
  cards: [
    {
      id: 'coffee.fleet',
      title: 'coffee.dashboard.title',
      permission: 'coffee.device.read',
      order: 16,
      width: 12,
      component: lazy(() => import('./FleetCard.tsx')),
    },
  ],
});
