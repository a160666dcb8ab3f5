import type { ResourceDefinition } from '../../core/resources/index.ts';
import type { CoffeeRuntime } from './coffee.runtime.ts';

/** Console lists of the fleet (generated list, filters, export); see the console/ folder for words. */
export function coffeeResources(_rt: CoffeeRuntime): ResourceDefinition[] {
  return [];
}
