import { createHash, randomBytes } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { createStandinApp, listenOnLoopback, type ReceivedRequest } from './standin-server.ts';

/**
 * A stand-in for an S3-compatible object store: PutObject, GetObject, HeadObject and DeleteObject on
 * path-style URLs (`/<bucket>/<key>`), enough for Opsdesk's file store driven by `@aws-sdk/client-s3`.
 *
 * Where it differs from S3: SigV4 signatures are not verified, only required (an `Authorization:
 * AWS4-HMAC-SHA256 Credential=<key id>/...` header and `x-amz-date`; the key id must match). A hex
 * `x-amz-content-sha256` is checked against the body; `aws-chunked` uploads are decoded, their chunk
 * signatures ignored. `x-amz-checksum-*` headers sent with a put are stored and returned on reads
 * that ask for them (`x-amz-checksum-mode: ENABLED`), without recomputing them. ListObjectsV2
 * (`GET /<bucket>?list-type=2&prefix=…`) answers in S3's XML with `max-keys` pages and continuation
 * tokens; no delimiters. No ranges, no versions, no multipart uploads, no conditional requests.
 */
export interface S3StandinOptions {
  /** Buckets that exist (default `['opsdesk']`); others answer NoSuchBucket. */
  buckets?: string[];
  /** The only access key id accepted (default `standin-key`). */
  accessKeyId?: string;
}

export interface S3StoredObject {
  body: Buffer;
  contentType: string;
  etag: string;
  lastModified: Date;
  checksums: Record<string, string>;
}

export interface S3Standin {
  url: string;
  accessKeyId: string;
  /** Objects by `<bucket>/<key>`. */
  objects: Map<string, S3StoredObject>;
  requests: ReceivedRequest[];
  close(): Promise<void>;
}

class S3Error extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly extra: Record<string, string> = {},
  ) {
    super(message);
  }
}

export async function startS3Standin(options: S3StandinOptions = {}): Promise<S3Standin> {
  const buckets = new Set(options.buckets ?? ['opsdesk']);
  const accessKeyId = options.accessKeyId ?? 'standin-key';
  const objects = new Map<string, S3StoredObject>();
  const { app, requests } = createStandinApp();
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', { parseAs: 'buffer' }, (_req, body, done) => done(null, body));

  const handle = async (req: FastifyRequest, reply: FastifyReply) => {
    try {
      checkAuthorization(req, accessKeyId);
      const { bucket, key } = addressOf(req.url);
      if (!buckets.has(bucket))
        throw new S3Error(404, 'NoSuchBucket', 'The specified bucket does not exist', { BucketName: bucket });
      if (!key && req.method === 'GET' && query(req).get('list-type') === '2') {
        return reply.type('application/xml').send(listObjectsV2(bucket, query(req), objects));
      }
      if (!key)
        throw new S3Error(
          405,
          'MethodNotAllowed',
          'This stand-in serves object requests only; bucket-level requests are refused',
        );
      const id = `${bucket}/${key}`;
      switch (req.method) {
        case 'PUT': {
          const body = decodeBody(req);
          const object: S3StoredObject = {
            body,
            contentType: header(req, 'content-type') ?? 'binary/octet-stream',
            etag: `"${createHash('md5').update(body).digest('hex')}"`,
            lastModified: new Date(),
            checksums: checksumHeaders(req),
          };
          objects.set(id, object);
          return reply
            .status(200)
            .headers({ etag: object.etag, ...object.checksums })
            .send();
        }
        case 'GET':
        case 'HEAD': {
          const object = objects.get(id);
          if (!object) {
            if (req.method === 'HEAD') return reply.status(404).send();
            throw new S3Error(404, 'NoSuchKey', 'The specified key does not exist.', {
              Key: key,
              BucketName: bucket,
            });
          }
          const wantsChecksums = header(req, 'x-amz-checksum-mode')?.toUpperCase() === 'ENABLED';
          reply.status(200).headers({
            'content-type': object.contentType,
            'content-length': object.body.length,
            etag: object.etag,
            'last-modified': object.lastModified.toUTCString(),
            'accept-ranges': 'bytes',
            ...(wantsChecksums ? object.checksums : {}),
          });
          return req.method === 'HEAD' ? reply.send() : reply.send(object.body);
        }
        case 'DELETE':
          objects.delete(id);
          return reply.status(204).send();
        default:
          throw new S3Error(
            405,
            'MethodNotAllowed',
            'The specified method is not allowed against this resource.',
          );
      }
    } catch (err) {
      if (!(err instanceof S3Error)) throw err;
      return sendError(reply, req, err);
    }
  };
  app.route({
    method: ['GET', 'HEAD', 'PUT', 'DELETE', 'POST'],
    url: '/*',
    exposeHeadRoute: false,
    handler: handle,
  });
  const url = await listenOnLoopback(app);
  return { url, accessKeyId, objects, requests, close: () => app.close() };
}

function header(req: FastifyRequest, name: string): string | undefined {
  const v = req.headers[name];
  return Array.isArray(v) ? v[0] : v;
}

/** Requires a SigV4 Authorization header for the configured key id; the signature itself is not checked. */
function checkAuthorization(req: FastifyRequest, accessKeyId: string): void {
  const auth = header(req, 'authorization');
  if (!auth) throw new S3Error(403, 'AccessDenied', 'Access Denied');
  const match =
    /^AWS4-HMAC-SHA256 Credential=([^/]+)\/\d{8}\/[^/]+\/s3\/aws4_request, ?SignedHeaders=[^,]+, ?Signature=[0-9a-f]{64}$/.exec(
      auth,
    );
  if (!match)
    throw new S3Error(400, 'AuthorizationHeaderMalformed', 'The authorization header is malformed.');
  if (match[1] !== accessKeyId) {
    throw new S3Error(
      403,
      'InvalidAccessKeyId',
      'The AWS Access Key Id you provided does not exist in our records.',
    );
  }
  if (!header(req, 'x-amz-date'))
    throw new S3Error(403, 'AccessDenied', 'AWS authentication requires a valid Date or x-amz-date header');
}

const query = (req: FastifyRequest) => new URLSearchParams(req.url.split('?')[1] ?? '');

/** A ListObjectsV2 page: keys under `prefix` in UTF-8 order, `max-keys` (≤ 1000) at a time. */
function listObjectsV2(
  bucket: string,
  params: URLSearchParams,
  objects: Map<string, S3StoredObject>,
): string {
  const prefix = params.get('prefix') ?? '';
  const maxKeys = Math.min(1000, Number(params.get('max-keys') ?? 1000));
  const after = params.get('continuation-token')
    ? Buffer.from(params.get('continuation-token')!, 'base64url').toString()
    : (params.get('start-after') ?? '');
  const keys = [...objects.keys()]
    .filter((id) => id.startsWith(`${bucket}/`))
    .map((id) => id.slice(bucket.length + 1))
    .filter((key) => key.startsWith(prefix) && key > after)
    .sort();
  const page = keys.slice(0, maxKeys);
  const truncated = keys.length > page.length;
  const contents = page
    .map((key) => {
      const object = objects.get(`${bucket}/${key}`)!;
      return `<Contents><Key>${escapeXml(key)}</Key><LastModified>${object.lastModified.toISOString()}</LastModified><ETag>${escapeXml(object.etag)}</ETag><Size>${object.body.length}</Size><StorageClass>STANDARD</StorageClass></Contents>`;
    })
    .join('');
  const next = truncated
    ? `<NextContinuationToken>${Buffer.from(page.at(-1)!).toString('base64url')}</NextContinuationToken>`
    : '';
  return `<?xml version="1.0" encoding="UTF-8"?>\n<ListBucketResult xmlns="http://s3.amazonaws.com/doc/2006-03-01/"><Name>${escapeXml(bucket)}</Name><Prefix>${escapeXml(prefix)}</Prefix><KeyCount>${page.length}</KeyCount><MaxKeys>${maxKeys}</MaxKeys><IsTruncated>${truncated}</IsTruncated>${contents}${next}</ListBucketResult>`;
}

/** `/<bucket>/<key...>` with each segment percent-decoded; the query (`?x-id=PutObject`) is ignored. */
function addressOf(rawUrl: string): { bucket: string; key: string } {
  const path = rawUrl.split('?')[0]!.replace(/^\//, '');
  const [bucket = '', ...rest] = path.split('/');
  return { bucket: decodeURIComponent(bucket), key: rest.map(decodeURIComponent).join('/') };
}

/** The object bytes: the raw body, or the payload of an `aws-chunked` upload; a signed hash must match. */
function decodeBody(req: FastifyRequest): Buffer {
  const raw = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
  const encoding = header(req, 'content-encoding') ?? '';
  const body = encoding
    .split(',')
    .map((s) => s.trim())
    .includes('aws-chunked')
    ? decodeAwsChunked(raw)
    : raw;
  const declared = header(req, 'x-amz-decoded-content-length');
  if (declared !== undefined && Number(declared) !== body.length) {
    throw new S3Error(
      400,
      'IncompleteBody',
      'You did not provide the number of bytes specified by the Content-Length HTTP header.',
    );
  }
  const sha = header(req, 'x-amz-content-sha256');
  if (sha && /^[0-9a-f]{64}$/.test(sha) && createHash('sha256').update(body).digest('hex') !== sha) {
    throw new S3Error(
      400,
      'XAmzContentSHA256Mismatch',
      "The provided 'x-amz-content-sha256' header does not match what was computed.",
    );
  }
  return body;
}

/** `<hex size>[;chunk-signature=...]\r\n<bytes>\r\n` repeated, ending with a 0-size chunk and optional trailers. */
function decodeAwsChunked(raw: Buffer): Buffer {
  const parts: Buffer[] = [];
  let at = 0;
  for (;;) {
    const lineEnd = raw.indexOf('\r\n', at);
    if (lineEnd === -1) throw new S3Error(400, 'InvalidRequest', 'Malformed aws-chunked body');
    const size = Number.parseInt(raw.subarray(at, lineEnd).toString('latin1').split(';')[0]!, 16);
    if (!Number.isFinite(size)) throw new S3Error(400, 'InvalidRequest', 'Malformed aws-chunked chunk size');
    if (size === 0) return Buffer.concat(parts);
    parts.push(raw.subarray(lineEnd + 2, lineEnd + 2 + size));
    at = lineEnd + 2 + size + 2;
  }
}

function checksumHeaders(req: FastifyRequest): Record<string, string> {
  return Object.fromEntries(
    Object.entries(req.headers).filter(
      (e): e is [string, string] =>
        /^x-amz-checksum-(crc32|crc32c|crc64nvme|sha1|sha256)$/.test(e[0]) && typeof e[1] === 'string',
    ),
  );
}

function sendError(reply: FastifyReply, req: FastifyRequest, err: S3Error): FastifyReply {
  const requestId = randomBytes(8).toString('hex').toUpperCase();
  reply.status(err.status).header('x-amz-request-id', requestId);
  if (req.method === 'HEAD') return reply.send();
  const extra = Object.entries(err.extra)
    .map(([k, v]) => `<${k}>${escapeXml(v)}</${k}>`)
    .join('');
  return reply
    .type('application/xml')
    .send(
      `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${err.code}</Code><Message>${escapeXml(err.message)}</Message>${extra}<RequestId>${requestId}</RequestId></Error>`,
    );
}

const escapeXml = (s: string) =>
  s.replace(
    /[<>&'"]/g,
    (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', "'": '&apos;', '"': '&quot;' })[c]!,
  );
