import { languageOptionLabel } from '../../../core/i18n/index.ts';
import { defineResource, type ResourceDefinition } from '../../../core/resources/index.ts';
import {
  ONCALL_CHANNELS as CHANNELS,
  createOnCall,
  newOnCall,
  ONCALL_LANGUAGES,
  onCallChanges,
  updateOnCall,
} from '../oncall.ts';
import { f } from './field-label.ts';

/** The fleet's on-call people: who hears about a new alarm, and on which channel. */
export const onCallResource: ResourceDefinition = defineResource({
  name: 'coffee.oncall',
  label: 'coffee.menu.oncall',
  path: '/api/coffee/console/oncall',
  table: 'coffee_oncall',
  idColumn: 'id',
  permission: { read: 'coffee.alarm.read' },
  auditSubject: 'coffee_oncall',
  titleColumn: 'name',
  columns: [
    { name: 'id', type: 'id', label: f('id'), defaultVisible: false },
    { name: 'name', type: 'text', label: f('name'), sortable: true, searchable: true },
    { name: 'channel', type: 'enum', label: f('channel'), filter: 'enum', options: CHANNELS },
    { name: 'address', type: 'text', label: f('address'), searchable: true },
    {
      name: 'language',
      type: 'enum',
      label: f('language'),
      options: ONCALL_LANGUAGES,
      optionLabel: languageOptionLabel,
    },
    { name: 'active', type: 'boolean', label: f('onCall'), filter: 'boolean' },
    { name: 'createdAt', type: 'datetime', label: f('createdAt'), sortable: true, defaultVisible: false },
  ],
  defaultSort: { column: 'name', order: 'asc' },
  form: {
    fields: [
      { name: 'name', type: 'text', label: f('name'), required: true, maxLength: 200 },
      { name: 'channel', type: 'enum', label: f('channel'), required: true, options: CHANNELS },
      { name: 'address', type: 'text', label: f('address'), required: true, maxLength: 320 },
      { name: 'language', type: 'enum', label: f('language'), options: ONCALL_LANGUAGES },
      { name: 'active', type: 'boolean', label: f('onCall'), on: 'edit' },
    ],
    create: {
      permission: 'coffee.alarm.manage',
      input: newOnCall,
      run: (ctx, input) => createOnCall(ctx, newOnCall.parse(input)),
    },
    update: {
      permission: 'coffee.alarm.manage',
      input: onCallChanges,
      run: (ctx, id, input) => updateOnCall(ctx, id, onCallChanges.parse(input)),
    },
  },
});
