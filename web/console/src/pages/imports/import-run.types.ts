import type { ImportableModulesJson, ImportRunJson } from '../../../../../src/core/imports/index.ts';

// What the import API answers, typed from the server's own contract (no second declaration).

export type ImportRun = ImportRunJson;
export type ImportableModule = ImportableModulesJson['modules'][number];
