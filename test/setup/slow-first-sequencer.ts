import { BaseSequencer, type TestSpecification } from 'vitest/node';

/**
 * Vitest orders files by their last duration, which a fresh clone (CI) has not recorded: it then
 * falls back to file size, and a minute-long file can start last and run alone at the end. The
 * files that start apps in child processes or drive Chromium are the long ones: they go first,
 * in Vitest's own order among themselves; the rest follow as Vitest orders them.
 */
export class SlowFirstSequencer extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await super.sort(files);
    const weight = (spec: TestSpecification) =>
      /\/test\/browser\//.test(spec.moduleId) ? 0 : /\/test\/(cli|scale|built)\//.test(spec.moduleId) ? 1 : 2;
    return sorted
      .map((spec, i) => ({ spec, i, w: weight(spec) }))
      .sort((a, b) => a.w - b.w || a.i - b.i)
      .map((x) => x.spec);
  }
}
