import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

/*
 * The server's memory settings (issue 43, item 6). Without them V8 sizes its heap for the machine (a
 * quarter of 24 GiB here) and collects lazily: the embedded server under the memory bench's mixed
 * load sat at 792 MB after 10 minutes and peaked at 941; with a 512 MB old space and 4 MB
 * semi-spaces it stays near 410-455 MB, flat, at the same throughput. Each alone was not enough
 * (532 MB, and 526 MB still growing). glibc's malloc kept an arena per thread (about 120 MB in
 * 64 MB maps); two arenas take another ~35 MB off. Every way the server is started sets all three.
 */
const read = (path: string) => readFileSync(new URL(`../${path}`, import.meta.url), 'utf8');
const heapFlags = (command: string) => command.match(/--max-[\w-]+=\d+|MALLOC_ARENA_MAX=\d+/g) ?? [];
const START = JSON.parse(read('package.json')).scripts.start as string;

describe('the server heap settings', () => {
  it('are given by npm start', () => {
    expect(heapFlags(START)).toEqual([
      'MALLOC_ARENA_MAX=2',
      '--max-old-space-size=512',
      '--max-semi-space-size=4',
    ]);
  });

  it.each([
    ['the image', read('Dockerfile').match(/^ *MALLOC_ARENA_MAX=\d+|^ENTRYPOINT .*$/gm)],
    ['the web unit', read('deploy/opsdesk-web@.service').match(/^(Environment|ExecStart)=.*$/gm)],
    ['the worker unit', read('deploy/opsdesk-worker.service').match(/^(Environment|ExecStart)=.*$/gm)],
    [
      "CI's start of the build",
      read('.ci/run').match(/^MALLOC_ARENA_MAX=.*\n.*dist\/src\/app\/cli\.js start.*$/m),
    ],
  ])('are the same in %s', (_where, lines) => {
    expect(lines).not.toBeNull();
    expect(heapFlags(lines!.join(' ').replaceAll('", "', ' '))).toEqual(heapFlags(START));
  });
});
