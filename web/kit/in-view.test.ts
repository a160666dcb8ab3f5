import { describe, expect, it } from 'vitest';
import { InView } from './in-view.ts';

/** Feeds frames `[code or null, at ms]` and returns the codes reported as new scans. */
const scans = (frames: Array<[string | null, number]>, rearmMs = 1500) => {
  const inView = new InView(rearmMs);
  return frames.filter(([text, at]) => inView.frame(text, at)).map(([text]) => text);
};

describe('a code in view', () => {
  it('is one scan while every frame shows it, however slowly frames are read', () => {
    expect(
      scans([
        ['A', 0],
        ['A', 120],
        ['A', 240],
      ]),
    ).toEqual(['A']);
    // A slow phone: one frame every two seconds, the pass held still.
    expect(
      scans([
        ['A', 0],
        ['A', 2_000],
        ['A', 4_000],
        ['A', 6_000],
      ]),
    ).toEqual(['A']);
  });

  it('is one scan when a few frames miss it for less than the re-arm time', () => {
    expect(
      scans([
        ['A', 0],
        [null, 120],
        [null, 240],
        ['A', 360],
        [null, 1_000],
        ['A', 1_400],
      ]),
    ).toEqual(['A']);
  });

  it('is a new scan once it was missing from the frames for the re-arm time', () => {
    expect(
      scans([
        ['A', 0],
        [null, 120],
        [null, 1_620],
        ['A', 1_740],
      ]),
    ).toEqual(['A', 'A']);
  });

  it('needs two frames without it to count the time missing: one empty frame after a long gap is not enough', () => {
    expect(
      scans([
        ['A', 0],
        [null, 5_000],
        ['A', 5_120],
      ]),
    ).toEqual(['A']);
  });

  it('reports another code at once, and the first again when it comes back', () => {
    expect(
      scans([
        ['A', 0],
        ['B', 120],
        ['A', 240],
      ]),
    ).toEqual(['A', 'B', 'A']);
  });

  it('reports nothing for frames without a code', () => {
    expect(
      scans([
        [null, 0],
        [null, 5_000],
      ]),
    ).toEqual([]);
  });
});
