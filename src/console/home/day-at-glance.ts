/**
 * The home page's 「今日の状況」 panel: the day's counts, each linking to the page where it is handled — shown only
 * when the signed-in member may open that page. Pure; counts only.
 */
import type { DayAtGlance } from '../../domain/day-at-glance';

/** One count of the panel. */
export interface GlanceFigure {
  /** Stable name, for the page's ids and tests. */
  key: string;
  label: string;
  value: string;
  href: string;
  /** Something waits for staff (shown stronger). */
  attention: boolean;
}

/** The panel's figures whose pages `mayOpen` allows, in the order staff check them. */
export function glanceFigures(g: DayAtGlance, mayOpen: (href: string) => boolean): GlanceFigure[] {
  const count = (key: string, label: string, n: number, href: string): GlanceFigure => ({ key, label, value: `${n}件`, href, attention: n > 0 });
  const all: GlanceFigure[] = [
    count('urgent', '急ぎの会話', g.urgentThreads, '/console/inbox'),
    count('waiting', '対応待ちの会話', g.waitingThreads, '/console/inbox'),
    count('alerts', '未確認の安全アラート', g.unacknowledgedAlerts, '/console/inbox'),
    count('events', '今日の行事', g.eventsToday, '/console/events'),
    count('salons', '今日のサロン', g.salonSessionsToday, '/console/salons'),
    count('offers', '受付中の寄付・寄贈の申し出', g.donationOffersWaiting, '/console/donations'),
    count('requests', '受付中のボランティア依頼', g.volunteerRequestsWaiting, '/console/volunteer-requests'),
    {
      key: 'pushes',
      label: '今月のプッシュ通数(予定を含む)/上限',
      value: `${g.pushes.used + g.pushes.scheduled} / ${g.pushes.budget}通`,
      href: '/console/broadcasts',
      attention: g.pushes.used + g.pushes.scheduled > g.pushes.budget * 0.8,
    },
  ];
  return all.filter((f) => mayOpen(f.href));
}
