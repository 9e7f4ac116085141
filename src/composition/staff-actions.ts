import { consultationNotice } from '../bot/consultation/notices';
import { deliverNew } from '../bot/pipeline/deliver';
import { flowContext, render, type ProcessorDeps } from '../bot/pipeline/plan-webhook-event';
import type { Db } from '../infra/prisma/database';
import { PrismaStaffStore } from '../infra/prisma/prisma-staff-store';
import { threadRepositories } from '../infra/prisma/prisma-staff-threads';
import { PrismaUnitOfWork } from '../infra/prisma/prisma-unit-of-work';
import type { ThreadActionDeps } from '../usecases/threads/thread-deps';

/**
 * Staff actions on threads wired to the database (a unit of work over the threads) and to the bot's own parts: its
 * renderer (the resident's language), its step context (for the survey) and its delivery (push with the stored
 * retry key, outcome recorded on the outbound row).
 */
export function threadActionDeps(bot: ProcessorDeps, db: Db): ThreadActionDeps {
  return {
    work: new PrismaUnitOfWork(db, threadRepositories),
    staff: new PrismaStaffStore(db),
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
    consultationNotices: { notify: bot.profile.consultation.notify, notice: (kind, c) => consultationNotice(bot.translator, bot.council, kind, c) },
  };
}
