import { deliverNew } from './bot/deliver';
import { flowContext, render, type ProcessorDeps } from './bot/process-event';
import type { StaffThreadStore } from './domain/staff-threads';
import type { ThreadActionDeps } from './console/threads/thread-actions';

/**
 * Staff actions wired to the bot's own parts: its renderer (the resident's language), its step context (for the
 * survey) and its delivery (push with the stored retry key, outcome recorded on the outbound row).
 */
export function threadActionDeps(bot: ProcessorDeps, threads: StaffThreadStore): ThreadActionDeps {
  return {
    threads,
    clock: bot.clock,
    ids: bot.ids,
    render: (messages, language) => render(bot, messages, language),
    context: (t, now) =>
      flowContext(
        bot,
        { id: t.residentId, lineUserId: t.lineUserId, language: t.language, languageChosen: true, followed: true, consent: 'pending', districtCode: t.districtCode, topics: [], salons: [], onboardedAt: null },
        now,
      ),
    push: (row) => deliverNew(bot, [{ ...row, method: 'push' }], bot.clock.now()),
  };
}
