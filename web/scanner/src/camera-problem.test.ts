import { describe, expect, it } from 'vitest';
import { boothCatalogs } from './booth/i18n.ts';
import { cameraProblem } from './camera-problem.ts';
import { CATALOGS } from './i18n.ts';

const refusal = (name: string) => Object.assign(new Error('Permission denied'), { name });

describe('camera problems', () => {
  it('names why the camera would not start from the browser refusal, not its English message', () => {
    expect(cameraProblem(refusal('NotAllowedError'))).toBe('denied');
    expect(cameraProblem(refusal('NotFoundError'))).toBe('missing');
    expect(cameraProblem(refusal('NotReadableError'))).toBe('busy');
    expect(cameraProblem(refusal('CameraApiMissing'))).toBe('insecure');
    expect(cameraProblem(new Error('something else'))).toBe('failed');
  });

  it('words every problem in each scanner language', () => {
    for (const problem of ['denied', 'missing', 'busy', 'insecure', 'failed'])
      for (const catalog of [...Object.values(CATALOGS), ...Object.values(boothCatalogs)])
        expect((catalog as Record<string, string>)[`camera.${problem}`], problem).toBeTruthy();
  });
});
