import type { FastifyReply } from 'fastify';

/**
 * Sends content residents sent through LINE (a photo …) as stored: never cached, never sniffed; images shown
 * inline, anything else downloaded, so stored bytes never run as a page.
 */
export function sendStoredContent(reply: FastifyReply, content: { contentType: string; data: Buffer }): FastifyReply {
  const image = /^image\/(jpeg|png|gif|webp)$/.test(content.contentType);
  return reply
    .header('cache-control', 'private, no-store')
    .header('x-content-type-options', 'nosniff')
    .header('content-disposition', image ? 'inline' : 'attachment')
    .type(image ? content.contentType : 'application/octet-stream')
    .send(content.data);
}
