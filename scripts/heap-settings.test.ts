import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

/*
 * The server's heap settings (issue 43, item 6). Without them V8 sizes its heap for the machine (a
 * quarter of 24 GiB here) and collects lazily: the embedded server under the memory bench's mixed
 * load sat at 792 MB after 10 minutes and peaked at 941; with a 512 MB old space and 4 MB
 * semi-spaces it stays near 410 MB, flat, at the same throughput. Each alone was not enough
 * (532 MB, and 526 MB still growing). Every way the server is started gives node the same two.
 */
const read = (path: string) => readFileSync(new URL(`../${path}`, import.meta.url), 'utf8');
const heapFlags = (command: string) => command.match(/--max-[\w-]+=\d+/g) ?? [];
const START = JSON.parse(read('package.json')).scripts.start as string;

describe('the server heap settings', () => {
  it('are given by npm start', () => {
    expect(heapFlags(START)).toEqual(['--max-old-space-size=512', '--max-semi-space-size=4']);
  });

  it.each([
    ['the image', read('Dockerfile').match(/^ENTRYPOINT .*$/m)?.[0]],
    ['the web unit', read('deploy/opsdesk-web@.service').match(/^ExecStart=.*$/m)?.[0]],
    ['the worker unit', read('deploy/opsdesk-worker.service').match(/^ExecStart=.*$/m)?.[0]],
  ])('are the same in %s', (_where, command) => {
    expect(command).toBeDefined();
    expect(heapFlags(command!.replaceAll('", "', ' '))).toEqual(heapFlags(START));
  });
});
