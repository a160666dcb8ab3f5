import type { FastifyReply } from 'fastify';

/** A file a route answers with: its content type and the name the browser gives it. */
export interface FileAnswer {
  /** `application/pdf`, `text/csv; charset=utf-8`, … */
  type: string;
  /** Plain ASCII (letters, digits, `.`, `-`, `_`): it is written into the header as it is. */
  name: string;
  /** Shown in the browser (a receipt to print) rather than saved (the default). */
  inline?: boolean;
}

/** Answers with a file's bytes, typed and named for the browser (`Content-Disposition`). */
export function sendFile(reply: FastifyReply, file: FileAnswer, body: unknown): FastifyReply {
  return reply
    .type(file.type)
    .header('content-disposition', `${file.inline ? 'inline' : 'attachment'}; filename="${file.name}"`)
    .send(body);
}
