import type { z } from 'zod';
import type {
  importableModulesSchema,
  importRunSchema,
} from '../../../../../src/core/imports/imports.contract.ts';

// What the import API answers, typed from the server's own contract (no second declaration).

export type ImportRun = z.infer<typeof importRunSchema>;
export type ImportableModule = z.infer<typeof importableModulesSchema>['modules'][number];
