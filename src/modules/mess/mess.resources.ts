import type { ResourceDefinition } from '../../core/resources/index.ts';
import type { MessRuntime } from './mess.runtime.ts';
import { closuresResource } from './resources/closures.resource.ts';
import { conflictsResource } from './resources/conflicts.resource.ts';
import { cutsResource } from './resources/cuts.resource.ts';
import { cyclesResource } from './resources/cycles.resource.ts';
import { mealsResource } from './resources/meals.resource.ts';
import { scansResource } from './resources/scans.resource.ts';
import { studentsResource } from './resources/students.resource.ts';

/**
 * Console lists of the mess, one file each under resources/: students, the scan log, conflicts and
 * cuts, and the mess manager's setup screens (meals, closures, billing cycles).
 */
export function messResources(rt: MessRuntime): ResourceDefinition[] {
  return [
    studentsResource(rt),
    scansResource,
    conflictsResource,
    cutsResource,
    mealsResource,
    closuresResource,
    cyclesResource,
  ];
}
