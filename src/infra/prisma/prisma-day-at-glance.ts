/**
 * The console home's counts on Prisma: each an indexed count (threads by (owner, urgent, …), alerts by
 * (acknowledgedAt, createdAt), events by (status, startsAt), offers by (status, createdAt), requests by (status,
 * date)); today's salon sessions from the schedules and today's staff changes; pushes as the broadcasts page counts them.
 */
import type { DayAtGlance, DayAtGlanceSource } from '../../domain/day-at-glance';
import { DAY_MS, jstDate, jstMidnight, jstMonthStart } from '../../domain/japan-time';
import { upcomingSessions, withChanges, type SalonSchedule } from '../../domain/salon-schedule';
import type { Db } from './database';
import { PrismaBroadcastAdmin } from './prisma-broadcast-admin';
import { salonChangeFrom } from './prisma-salon-changes';

export function prismaDayAtGlance(db: Db, salons: ReadonlyArray<{ code: string; schedule: SalonSchedule }>, monthlyPushBudget: number): DayAtGlanceSource {
  return {
    async counts(now): Promise<DayAtGlance> {
      const dayStart = new Date(jstMidnight(now));
      const dayEnd = new Date(dayStart.getTime() + DAY_MS);
      const today = jstDate(now);
      const [waitingThreads, urgentThreads, unacknowledgedAlerts, eventsToday, donationOffersWaiting, volunteerRequestsWaiting, changes, pushes] = await Promise.all([
        db.conversation.count({ where: { owner: 'waiting' } }),
        db.conversation.count({ where: { owner: { in: ['waiting', 'staff'] }, urgent: true } }),
        db.safetyAlert.count({ where: { acknowledgedAt: null } }),
        db.councilEvent.count({ where: { status: { not: 'cancelled' }, startsAt: { gte: dayStart, lt: dayEnd } } }),
        db.donationOffer.count({ where: { status: 'received' } }),
        db.volunteerRequest.count({ where: { status: 'received' } }),
        db.salonChange.findMany({ where: { date: today } }),
        new PrismaBroadcastAdmin(db).usage(jstMonthStart(now), jstMonthStart(now, 1)),
      ]);
      const mine = changes.map(salonChangeFrom);
      const salonSessionsToday = salons.reduce(
        (n, s) => n + upcomingSessions(withChanges(s.schedule, mine.filter((c) => c.salon === s.code)), dayStart, 0).filter((x) => x.date === today).length,
        0,
      );
      return { waitingThreads, urgentThreads, unacknowledgedAlerts, eventsToday, salonSessionsToday, donationOffersWaiting, volunteerRequestsWaiting, pushes: { ...pushes, budget: monthlyPushBudget } };
    },
  };
}
