/** An internal note on a thread (never sent to the resident). False when the note is empty. */
import type { Actor, ThreadActionDeps } from './thread-deps';
import { auditThread, threadState } from './thread-moves';

/** The longest note kept. */
const MAX_NOTE = 4000;

export async function addThreadNote(deps: ThreadActionDeps, actor: Actor, threadId: string, text: string): Promise<boolean> {
  const body = text.trim().slice(0, MAX_NOTE);
  if (!body) return false;
  const now = deps.clock.now();
  await deps.work.run(async ({ threads, audit }) => {
    const t = await threadState(threads, threadId);
    await threads.addNote(threadId, actor.id, body, now);
    await auditThread(audit, { staffId: actor.id, action: 'conversation.note', threadId, residentId: t.residentId, at: now });
  });
  return true;
}
