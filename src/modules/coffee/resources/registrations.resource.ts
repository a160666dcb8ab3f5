import { defineResource } from '../../../core/resources/index.ts';
import type { CoffeeRuntime } from '../coffee.runtime.ts';
import { rejectRegistration } from '../device-registrations.ts';
import { f } from './field-label.ts';

/**
 * Claim codes and the machines that registered with them. Accepting one needs a location, so the
 * console's "Machines waiting" page does that (`POST /api/coffee/registrations/{id}/accept`).
 */
export function registrationsResource(rt: CoffeeRuntime) {
  return defineResource({
    name: 'coffee.registrations',
    label: 'coffee.menu.registrations',
    path: '/api/coffee/console/registrations',
    table: 'coffee_registration',
    idColumn: 'id',
    permission: { read: 'coffee.device.read' },
    auditSubject: 'coffee_registration',
    titleColumn: 'serial',
    columns: [
      { name: 'id', type: 'id', label: f('id'), defaultVisible: false },
      { name: 'serial', type: 'text', label: f('serial'), searchable: true, sortable: true },
      { name: 'model', type: 'text', label: f('model') },
      { name: 'firmware', type: 'text', label: f('firmware'), defaultVisible: false },
      {
        name: 'status',
        type: 'enum',
        label: f('status'),
        filter: 'enum',
        options: ['issued', 'pending', 'accepted', 'rejected', 'collected'],
        sortable: true,
      },
      { name: 'note', type: 'text', label: f('note'), searchable: true },
      { name: 'deviceId', type: 'id', label: f('deviceId'), defaultVisible: false },
      { name: 'registeredAt', type: 'datetime', label: f('registeredAt'), sortable: true, filter: 'range' },
      { name: 'expiresAt', type: 'datetime', label: f('expiresAt'), sortable: true },
      { name: 'createdAt', type: 'datetime', label: f('createdAt'), sortable: true, filter: 'range' },
    ],
    defaultSort: { column: 'createdAt', order: 'desc' },
    actions: [
      {
        name: 'reject',
        label: 'coffee.actions.reject',
        bulk: true,
        confirm: true,
        permission: 'coffee.device.manage',
        availableWhen: (r) => r.status === 'pending',
        run: (ctx, id) => rejectRegistration(ctx, rt, id),
      },
    ],
  });
}
