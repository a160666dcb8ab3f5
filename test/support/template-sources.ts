import { AVAILABLE_MODULES, migrationSources } from '../../src/app/modules.ts';
import { notesModule } from '../fixtures/notes/notes.module.ts';

/** Modules every test database carries: the shipped ones plus the fixture module that exercises the contract. */
export const TEST_MODULES = [...AVAILABLE_MODULES, notesModule];

export const templateSources = () => migrationSources(TEST_MODULES);
