import { createHash } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { PlatformErrors } from '../../platform/errors/index.ts';
import { routeOptions } from '../../platform/http/index.ts';
import { sendCreated } from '../idempotency/index.ts';
import { contentDisposition, describeSize, FILE_CONTENT_SECURITY_POLICY } from './content-type.rules.ts';
import type { FileStore } from './file-store.ts';
import { contentQuery, fileSchema, idParams, storedFileSchema } from './files.contract.ts';
import { FilesErrors } from './files.errors.ts';
import { getFile, openFile } from './open-file.ts';
import { storeFile } from './store-file.ts';

/** What `POST /api/files` accepts; modules with their own rules call `storeFile` from their routes. */
export const UPLOAD_MAX_BYTES = 10 * 1024 * 1024;
export const UPLOAD_ALLOWED_TYPES = ['image/png', 'image/jpeg', 'image/webp', 'application/pdf'] as const;

export interface FilesRouteOptions {
  store: FileStore;
}

/** `/api/files`: upload (multipart), metadata, and the bytes. */
export const filesRoutes: FastifyPluginAsyncZod<FilesRouteOptions> = async (app, { store }) => {
  const op = routeOptions(['files']);

  app.post(
    '/api/files',
    op(
      { permission: 'files.file.create', refuses: [400, 409, 413, 415, 422] },
      'Upload a file (multipart: field "file", optional field "purpose"; accepts Idempotency-Key)',
      { consumes: ['multipart/form-data'], response: { 201: storedFileSchema } },
    ),
    async (req, reply) => {
      const upload = await readUpload(req);
      const sha256 = createHash('sha256').update(upload.bytes).digest('hex');
      return sendCreated(
        req,
        reply,
        { scope: 'files.upload', request: { sha256, name: upload.originalName, purpose: upload.purpose } },
        (tx) =>
          storeFile(tx, store, { ...upload, allowedTypes: UPLOAD_ALLOWED_TYPES, maxBytes: UPLOAD_MAX_BYTES }),
      );
    },
  );

  app.get(
    '/api/files/:id',
    op('files.file.read', 'What is known about a file', { params: idParams, response: { 200: fileSchema } }),
    async (req) => getFile(req.ctx, req.params.id),
  );

  app.get(
    '/api/files/:id/content',
    op({ permission: 'files.file.read', refuses: [410] }, 'The bytes of a file, with its sniffed type', {
      params: idParams,
      querystring: contentQuery,
    }),
    async (req, reply) => {
      const { file, content } = await openFile(req.ctx, store, req.params.id);
      return reply
        .type(file.contentType)
        .header('content-length', file.sizeBytes)
        .header(
          'content-disposition',
          contentDisposition(file.originalName, file.contentType, req.query.download),
        )
        .header('x-content-type-options', 'nosniff')
        .header('content-security-policy', FILE_CONTENT_SECURITY_POLICY)
        .header('cache-control', 'private, max-age=300')
        .send(content);
    },
  );
};

/** Reads the one `file` part (and `purpose`) of a multipart upload, refusing it past the size limit. */
async function readUpload(
  req: FastifyRequest,
): Promise<{ bytes: Buffer; originalName: string; purpose: string }> {
  if (!req.isMultipart()) {
    throw PlatformErrors.unsupported_media_type(
      {},
      { message: 'Send multipart/form-data with a "file" field' },
    );
  }
  let file: { bytes: Buffer; originalName: string } | undefined;
  let purpose = 'general';
  try {
    for await (const part of req.parts({ limits: { fileSize: UPLOAD_MAX_BYTES, files: 1 } })) {
      if (part.type === 'file') {
        if (part.fieldname === 'file') file = { bytes: await part.toBuffer(), originalName: part.filename };
        else part.file.resume();
      } else if (part.fieldname === 'purpose' && typeof part.value === 'string') {
        purpose = part.value.trim();
      }
    }
  } catch (err) {
    if ((err as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE') {
      throw FilesErrors.file_too_large(
        { maxBytes: UPLOAD_MAX_BYTES },
        { message: `The file is larger than the limit of ${describeSize(UPLOAD_MAX_BYTES)}` },
      );
    }
    throw err;
  }
  if (!file) {
    throw PlatformErrors.validation_failed(
      {},
      {
        message: 'file: a multipart field named "file" is required',
        fields: [{ field: 'file', message: 'is required', code: 'invalid_type', expected: 'a file part' }],
      },
    );
  }
  return { ...file, purpose };
}
