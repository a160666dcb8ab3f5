import { describe, expect, it } from 'vitest';
import { cameraProblem } from './camera-problem.ts';

const refusal = (name: string) => Object.assign(new Error('Permission denied'), { name });

describe('camera problems', () => {
  it('names why the camera would not start from the browser refusal, not its English message', () => {
    expect(cameraProblem(refusal('NotAllowedError'))).toBe('denied');
    expect(cameraProblem(refusal('NotFoundError'))).toBe('missing');
    expect(cameraProblem(refusal('NotReadableError'))).toBe('busy');
    expect(cameraProblem(refusal('CameraApiMissing'))).toBe('insecure');
    expect(cameraProblem(new Error('something else'))).toBe('failed');
  });
});
