import { describe, expect, it } from 'vitest';
import packageJson from '../package.json' with { type: 'json' };
import { nodeSatisfies, unsupportedNodeNote } from './node-version.js';

describe("npm start's Node check", () => {
  const range = packageJson.engines.node;

  it('accepts the versions CI runs the suite on', () => {
    expect(nodeSatisfies('v22.12.0', range)).toBe(true);
    expect(nodeSatisfies('v22.23.3', range)).toBe(true);
    expect(nodeSatisfies('v24.0.0', range)).toBe(true);
    expect(unsupportedNodeNote('v24.11.1', range)).toBeUndefined();
  });

  it('names the version found and the versions supported in one line for any other', () => {
    for (const version of ['v20.20.2', 'v22.11.0', 'v23.5.0', 'v26.1.0']) {
      expect(nodeSatisfies(version, range)).toBe(false);
    }
    const note = unsupportedNodeNote('v20.20.2', range);
    expect(note).toBe(
      'Node.js 20.20.2 is not supported: Opsdesk is tested on Node.js 22.12 or 24 (a newer release of the same major line).',
    );
    expect(note).not.toContain('\n');
  });
});
