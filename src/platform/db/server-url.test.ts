import { describe, expect, it } from 'vitest';
import { parseServerUrl } from './server-url.ts';

describe('parseServerUrl', () => {
  it('reads the URL pg_autoctl show uri prints for a pg_auto_failover pair, as it prints it', () => {
    const url = parseServerUrl(
      'postgres://127.0.0.1:55401,127.0.0.1:55402/opsdesk?target_session_attrs=read-write&sslmode=require',
    );
    expect(url.servers).toEqual([
      { host: '127.0.0.1', port: 55401 },
      { host: '127.0.0.1', port: 55402 },
    ]);
    expect(url.target).toBe('read-write');
    // libpq's require: encrypted, the certificate not checked (pg_autoctl's --ssl-self-signed nodes).
    expect(url.settings).toMatchObject({ database: 'opsdesk', ssl: { rejectUnauthorized: false } });
  });

  it('keeps the user, an escaped password and the database for a connection to any server', () => {
    const url = parseServerUrl('postgresql://opsdesk:p%40ss%2Cword@db-a.internal,db-b.internal:6432/shop');
    expect(url.servers).toEqual([
      { host: 'db-a.internal', port: 5432 },
      { host: 'db-b.internal', port: 6432 },
    ]);
    expect(url.target).toBe('any');
    expect(url.settings).toMatchObject({ user: 'opsdesk', password: 'p@ss,word', database: 'shop' });
  });

  it('reads IPv6 servers in brackets', () => {
    expect(
      parseServerUrl('postgres://u@[fd00::1]:5433,[fd00::2]/db?target_session_attrs=primary'),
    ).toMatchObject({
      servers: [
        { host: 'fd00::1', port: 5433 },
        { host: 'fd00::2', port: 5432 },
      ],
      target: 'primary',
    });
  });

  it('refuses a target a writing process cannot use, and a server it cannot read, saying what it expected', () => {
    expect(() => parseServerUrl('postgres://h1,h2/db?target_session_attrs=standby')).toThrow(
      'target_session_attrs "standby": expected one of any, read-write, primary',
    );
    expect(() => parseServerUrl('postgres://h1:port,h2/db')).toThrow(
      'server "h1:port": expected host or host:port',
    );
  });
});
