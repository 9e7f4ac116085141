import type { BusinessHours } from '../../domain/council-profile';
import type { MeasuresSource } from '../../domain/measures';
import type { Db } from './database';

/** Threads opened since a date and survey answers, for the console's measures. */
export function prismaMeasuresSource(db: Db, businessHours: BusinessHours): MeasuresSource {
  return {
    businessHours,
    async load(since) {
      const threads = await db.conversation.findMany({
        where: { OR: [{ openedAt: { gte: since } }, { owner: { not: 'closed' } }] },
        select: { openedAt: true, waitingSince: true, firstStaffReplyAt: true, closedAt: true },
      });
      const surveys = await db.surveyResponse.findMany({ where: { createdAt: { gte: since } }, orderBy: { createdAt: 'desc' }, select: { score: true, comment: true, createdAt: true } });
      return { threads, surveys: surveys.map((s) => ({ score: s.score, comment: s.comment, at: s.createdAt })) };
    },
  };
}
