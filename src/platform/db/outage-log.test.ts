import { describe, expect, it } from 'vitest';
import { outageLog } from './outage-log.ts';

function recordingLog() {
  const lines: { level: string; object: object; message: string }[] = [];
  return {
    lines,
    warn: (object: object, message: string) => lines.push({ level: 'warn', object, message }),
    error: (object: object, message: string) => lines.push({ level: 'error', object, message }),
  };
}

describe('outageLog', () => {
  it('logs a database outage as one warning every ten seconds, counting the failures meanwhile', () => {
    const log = recordingLog();
    let ms = 0;
    const onError = outageLog(log, 'job queue error', () => ms);
    const lost = Object.assign(new Error('no server of h1:5432, h2:5432 is read-write now'), {
      code: 'NO_WRITABLE_SERVER',
    });
    for (let i = 0; i < 30; i++, ms += 300) onError(lost); // 9 s of polls failing
    expect(log.lines).toEqual([
      {
        level: 'warn',
        object: { err: lost.message, failures: 1 },
        message: 'job queue error: the database cannot be reached; retrying',
      },
    ]);
    ms = 10_000;
    onError(lost);
    expect(log.lines[1]?.object).toEqual({ err: lost.message, failures: 30 });
  });

  it('logs any other error as an error, each time', () => {
    const log = recordingLog();
    const onError = outageLog(log, 'job queue error', () => 0);
    const bug = new TypeError('x is undefined');
    onError(bug);
    onError(bug);
    expect(log.lines.map((l) => l.level)).toEqual(['error', 'error']);
  });
});
