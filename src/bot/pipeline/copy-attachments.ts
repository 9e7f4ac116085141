import type { Logger, Messenger } from '../../domain/ports';
import type { AttachmentStore, StepCommit } from '../../domain/stores';

/** The largest content kept (LINE allows up to 10 MB per image; videos beyond this are left with LINE). */
export const MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024;

/** LINE message ids whose content a commit asked to keep (photos a module asked for, media sent to staff). */
export function attachmentsOf(c: StepCommit): string[] {
  const media = (c.forwarded ?? []).filter((m) => m.lineMessageId && ['image', 'video', 'audio', 'file'].includes(m.kind)).map((m) => m.lineMessageId!);
  return [...(c.modules ?? []).flatMap((w) => w.attachments ?? []), ...media];
}

/**
 * Copies each message's content from LINE into its attachment row, right after the commit, because LINE deletes
 * user content after a while. A failure leaves the row pending (retried at the next start); content LINE no
 * longer has, or that is too large, is marked failed. Never throws.
 */
export async function copyAttachments(deps: { messenger: Messenger; attachments: AttachmentStore; logger: Logger }, lineMessageIds: string[]): Promise<void> {
  for (const id of lineMessageIds) {
    try {
      const content = await deps.messenger.getContent(id);
      if (!content) await deps.attachments.markFailed(id, 'gone from LINE');
      else if (content.data.length > MAX_ATTACHMENT_BYTES) await deps.attachments.markFailed(id, 'too large');
      else await deps.attachments.saveContent(id, content.contentType, content.data);
    } catch (e) {
      deps.logger.warn({ lineMessageId: id, err: e instanceof Error ? e.message : String(e) }, 'attachment not copied yet; retried at next start');
    }
  }
}
