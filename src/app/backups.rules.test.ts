import { describe, expect, it } from 'vitest';
import { backupName, backupsBeyond, parseS3Url } from './backups.rules.ts';

describe('scheduled backup names and retention', () => {
  it('names a backup by its moment, in an order that sorts by time', () => {
    expect(backupName(new Date('2026-11-22T02:30:05.123Z'))).toBe('opsdesk-2026-11-22T02-30-05-123Z.dump');
    const names = ['2026-12-01T00:00:00Z', '2026-11-30T23:59:59Z', '2027-01-01T00:00:00Z'].map((t) =>
      backupName(new Date(t)),
    );
    expect([...names].sort()).toEqual([names[1], names[0], names[2]]);
  });

  it('keeps the newest ones and removes the oldest first', () => {
    const names = ['2026-11-20', '2026-11-22', '2026-11-21', '2026-11-19'].map((d) =>
      backupName(new Date(`${d}T02:30:00Z`)),
    );
    expect(backupsBeyond(names, 2)).toEqual([
      'opsdesk-2026-11-19T02-30-00-000Z.dump',
      'opsdesk-2026-11-20T02-30-00-000Z.dump',
    ]);
    expect(backupsBeyond(names, 4)).toEqual([]);
    expect(backupsBeyond(names, 10)).toEqual([]);
  });

  it('never removes a file it did not name (a hand-made copy, another program’s file)', () => {
    const names = [
      'before-upgrade.dump',
      'opsdesk-backup-2026-11-01.dump',
      'notes.txt',
      backupName(new Date()),
    ];
    expect(backupsBeyond(names, 1)).toEqual([]);
  });

  it('refuses a retention that would keep nothing', () => {
    expect(() => backupsBeyond([], 0)).toThrow(/keep must be a whole number ≥ 1/);
    expect(() => backupsBeyond([], 1.5)).toThrow(RangeError);
  });

  it('reads an s3:// destination', () => {
    expect(parseS3Url('s3://backups')).toEqual({ bucket: 'backups', prefix: '' });
    expect(parseS3Url('s3://backups/opsdesk/north/')).toEqual({
      bucket: 'backups',
      prefix: 'opsdesk/north/',
    });
    expect(() => parseS3Url('https://backups')).toThrow(/expected s3:\/\/<bucket>/);
  });
});
