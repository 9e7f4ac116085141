/**
 * `GET /console/measures`: how staff answer residents — time to first reply and to close in business hours,
 * open threads by age, and (for those allowed to see them) survey scores and comments.
 */
import { serviceMeasures, type MeasuresSource } from '../../domain/measures';
import { currentSession, hasPermission } from '../console-guard';
import type { ConsoleRoutes } from '../console-module';
import { sendPage } from '../render';
import { jaDateTime } from '../shared/ja-dates';


export interface MeasuresView {
  days: number;
  firstReply: { count: number; median: string; p90: string };
  toClose: { count: number; median: string; p90: string };
  openByAge: Array<{ label: string; count: number }>;
  survey: { count: number; average: string; byScore: Array<{ score: number; count: number }>; comments: Array<{ at: string; score: number; text: string }> } | null;
}

function minutes(value: number | null): string {
  if (value === null) return '—';
  const h = Math.floor(value / 60);
  const m = Math.round(value % 60);
  return h > 0 ? `${h}時間${m}分` : `${m}分`;
}

const PERIOD_DAYS = 90;

export const measuresRoutes: ConsoleRoutes<{ measures: MeasuresSource }> = async (app, { deps, clock, audit }) => {
  app.get('/console/measures', { config: { permission: 'measures.view' } }, async (request, reply) => {
    const { staff } = currentSession(request);
    const now = clock.now();
    const source = deps.measures;
    const data = await source.load(new Date(now.getTime() - PERIOD_DAYS * 86_400_000));
    const m = serviceMeasures(source.businessHours, data.threads, data.surveys.map((s) => s.score), now);
    const view: MeasuresView = {
      days: PERIOD_DAYS,
      firstReply: { count: m.firstReply.count, median: minutes(m.firstReply.median), p90: minutes(m.firstReply.p90) },
      toClose: { count: m.toClose.count, median: minutes(m.toClose.median), p90: minutes(m.toClose.p90) },
      openByAge: [
        { label: '1日未満', count: m.openByAge.underDay },
        { label: '1〜3日', count: m.openByAge.oneToThreeDays },
        { label: '3〜7日', count: m.openByAge.threeToSevenDays },
        { label: '7日以上', count: m.openByAge.overWeek },
      ],
      survey: hasPermission(request, 'survey.view')
        ? {
            count: m.survey.count,
            average: m.survey.average === null ? '—' : m.survey.average.toFixed(1),
            byScore: ([5, 4, 3, 2, 1] as const).map((score) => ({ score, count: m.survey.byScore[score] })),
            // Free-text comments can name people and teams; counsellors see scores only.
            comments: hasPermission(request, 'conversation.assign') ? data.surveys.filter((s) => s.comment).slice(0, 50).map((s) => ({ at: jaDateTime(s.at), score: s.score, text: s.comment ?? '' })) : [],
          }
        : null,
    };
    if (view.survey && view.survey.comments.length > 0) {
      await audit.record({ staffId: staff.id, action: 'survey.comments.view', subjectType: 'survey', detail: { comments: view.survey.comments.length }, ip: request.ip, at: now });
    }
    return sendPage(request, reply, 'measures', '対応の状況', view);
  });
};
