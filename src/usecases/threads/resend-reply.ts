/**
 * Sending again a staff reply whose push failed, with the same row and retry key (LINE drops a repeat). Null when
 * the reply is not one of the thread's, or its push did not fail (sent, or being sent).
 */
import type { ThreadActionDeps } from './thread-deps';

export async function resendReply(deps: ThreadActionDeps, threadId: string, outboundId: string): Promise<{ delivery: Promise<unknown> } | null> {
  const row = await deps.work.run(async ({ threads }) => {
    const failed = await threads.failedReply(threadId, outboundId);
    if (failed) await threads.retryPush(outboundId);
    return failed;
  });
  return row ? { delivery: deps.push(row) } : null;
}
