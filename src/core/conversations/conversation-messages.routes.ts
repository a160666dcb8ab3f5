import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { routeOptions } from '../../platform/http/index.ts';
import { contentDisposition, FILE_CONTENT_SECURITY_POLICY } from '../files/index.ts';
import { idempotencyKeyOf, idempotent } from '../idempotency/index.ts';
import { idParams, messageSchema, messagesQuery, staffMessageBody } from './conversations.contract.ts';
import type { ConversationsRuntime } from './conversations.runtime.ts';
import type { Output } from './flow.types.ts';
import { listMessages, messageAttachment } from './list-conversations.ts';
import { deliverStaffMessage, queueStaffMessage } from './send-staff-message.ts';

/** A conversation's messages: every one in and out, the files they carried, and staff writing to the person. */
export const conversationMessageRoutes: FastifyPluginAsyncZod<{ runtime: ConversationsRuntime }> = async (
  app,
  { runtime },
) => {
  const op = routeOptions(['conversations']);
  const read = { permission: 'conversations.conversation.read' };
  const handoff = { permission: 'conversations.conversation.handoff' };

  app.get(
    '/api/conversations/:id/messages',
    op(read, 'Every message in and out, in order', {
      params: idParams,
      querystring: messagesQuery,
      response: { 200: z.array(messageSchema) },
    }),
    async (req) => listMessages(req.ctx, req.params.id, req.query),
  );

  app.get(
    '/api/conversations/:id/messages/:messageId/attachment',
    op(read, 'The file a message carried (image or document)', {
      params: idParams.extend({ messageId: z.string().uuid() }),
    }),
    async (req, reply) => {
      const file = await messageAttachment(req.ctx, req.params.id, req.params.messageId);
      return (
        reply
          .type(file.mime)
          .header('x-content-type-options', 'nosniff')
          // A document a person sent (a PDF may carry JavaScript) downloads; only images show in place.
          .header('content-disposition', contentDisposition(file.fileName, file.mime))
          .header('content-security-policy', FILE_CONTENT_SECURITY_POLICY)
          .send(file.bytes)
      );
    },
  );

  app.post(
    '/api/conversations/:id/messages',
    op(
      { ...handoff, refuses: [409, 502] },
      'Write to the person as staff (WhatsApp: templates only after 24 hours; accepts Idempotency-Key: a retry is sent once and answers the message as it stands)',
      { params: idParams, body: staffMessageBody, response: { 201: messageSchema } },
    ),
    async (req, reply) => {
      const body = req.body;
      const output: Output =
        'text' in body ? { kind: 'text', text: body.text } : { kind: 'template', ...body.template };
      // The message is stored with its key in one transaction, sent after the commit: a retry finds
      // it and answers it as it stands, never sending it twice (a sending that died is the sweep's).
      const queued = await idempotent(
        req.ctx,
        {
          scope: 'conversations.staff-message',
          key: idempotencyKeyOf(req.headers),
          request: { conversationId: req.params.id, body },
        },
        async (tx) => ({
          status: 201,
          body: { messageId: await queueStaffMessage(tx, runtime, req.params.id, output) },
        }),
      );
      const message = await deliverStaffMessage(req.ctx, runtime, req.params.id, queued.body.messageId, {
        send: !queued.replayed,
      });
      return reply.status(201).send(message);
    },
  );
};
