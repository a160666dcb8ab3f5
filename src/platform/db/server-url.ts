import type { ClientConfig } from 'pg';
import { parse, toClientConfig } from 'pg-connection-string';

/** One server of a URL's host list. */
export interface ServerAddress {
  readonly host: string;
  readonly port: number;
}

/**
 * Which server of the list a connection may settle on, as libpq's `target_session_attrs` says:
 * `any` the first that answers, `read-write` the first that takes writes, `primary` the first not
 * in recovery. The standby-seeking values make no sense for a process that writes.
 */
export type SessionTarget = 'any' | 'read-write' | 'primary';

/** A database URL taken apart: where the servers are, and everything else a connection needs. */
export interface ServerUrl {
  readonly servers: readonly ServerAddress[];
  readonly target: SessionTarget;
  /** User, password, database, TLS and the rest of the query, for a connection to any of them. */
  readonly settings: ClientConfig;
}

const TARGETS: readonly string[] = ['any', 'read-write', 'primary'] satisfies SessionTarget[];
const DEFAULT_PORT = 5432;

/**
 * Reads a libpq connection URL, with a list of servers as libpq and `pg_autoctl show uri` write it:
 * `postgres://user@h1:5432,h2:5433/db?target_session_attrs=read-write`. A host without a port takes
 * 5432; an IPv6 host is written in brackets. `sslmode` means what it means to libpq (`require`
 * encrypts without checking the certificate). Throws, naming what was expected, on what it cannot read.
 */
export function parseServerUrl(url: string): ServerUrl {
  const parts = /^(postgres(?:ql)?:\/\/)([^@/?#]*@)?([^/?#]*)(.*)$/.exec(url);
  if (!parts) throw new Error('DATABASE_URL: expected a postgres:// or postgresql:// URL');
  const [, scheme, userInfo = '', hostList = '', rest = ''] = parts;
  const servers = hostList.split(',').map(readAddress);
  const query = new URLSearchParams(rest.includes('?') ? rest.slice(rest.indexOf('?') + 1) : '');
  const target = query.get('target_session_attrs') ?? 'any';
  if (!TARGETS.includes(target))
    throw new Error(`DATABASE_URL: target_session_attrs "${target}": expected one of ${TARGETS.join(', ')}`);
  query.delete('target_session_attrs');
  if (query.get('sslmode') === 'prefer' && (servers.length > 1 || target !== 'any'))
    throw new Error(
      'DATABASE_URL: sslmode=prefer: expected require, verify-full or disable (node-postgres cannot fall back ' +
        'to plain text as libpq does; pg_autoctl prints prefer for nodes made with --no-ssl)',
    );
  const path = rest.includes('?') ? rest.slice(0, rest.indexOf('?')) : rest;
  const first = servers[0]!;
  const single = `${scheme}${userInfo}${hostPart(first)}${path}${query.size ? `?${query}` : ''}`;
  return {
    servers,
    target: target as SessionTarget,
    settings: toClientConfig(parse(single, { useLibpqCompat: true })),
  };
}

function readAddress(spec: string): ServerAddress {
  const bracketed = /^\[([^\]]+)\](?::(\d+))?$/.exec(spec);
  const plain = /^([^:[\]]+)(?::(\d+))?$/.exec(spec);
  const found = bracketed ?? plain;
  if (!found) throw new Error(`DATABASE_URL: server "${spec}": expected host or host:port`);
  return { host: found[1]!, port: found[2] ? Number(found[2]) : DEFAULT_PORT };
}

const hostPart = (server: ServerAddress) =>
  `${server.host.includes(':') ? `[${server.host}]` : server.host}:${server.port}`;
