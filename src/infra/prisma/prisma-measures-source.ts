import type { BusinessHours } from '../../domain/council-profile';
import type { MeasuresSource } from '../../domain/measures';
import { THREAD_OWNERS } from '../../domain/thread';
import type { Db } from './database';

/** Threads opened since a date and survey answers, for the console's measures. */
export function prismaMeasuresSource(db: Db, businessHours: BusinessHours): MeasuresSource {
  return {
    businessHours,
    async load(since) {
      // Threads opened since the date, and older ones still open: two index ranges (`[openedAt]`, then the open
      // owners of `[owner, closedAt]`) rather than one OR that reads every thread.
      const select = { openedAt: true, waitingSince: true, firstStaffReplyAt: true, closedAt: true } as const;
      const [recent, older] = await Promise.all([
        db.conversation.findMany({ where: { openedAt: { gte: since } }, select }),
        db.conversation.findMany({ where: { owner: { in: THREAD_OWNERS.filter((o) => o !== 'closed') }, openedAt: { lt: since } }, select }),
      ]);
      const threads = [...recent, ...older];
      const surveys = await db.surveyResponse.findMany({ where: { createdAt: { gte: since } }, orderBy: { createdAt: 'desc' }, select: { score: true, comment: true, createdAt: true } });
      return { threads, surveys: surveys.map((s) => ({ score: s.score, comment: s.comment, at: s.createdAt })) };
    },
  };
}
