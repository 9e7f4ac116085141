/**
 * The centre's public summary (状況のお知らせ) worded in every language the bot speaks (namespace `disasterSafety`):
 * status 開設中, the day's volunteers and teams, needs done / continuing / waiting, the next activity day's places
 * (or that it is not set yet) and what to bring — the profile's text in Japanese, the locale's default otherwise.
 * Not marked for a drill here: the use case does that.
 */
import type { BroadcastContent } from '../../domain/broadcast';
import type { DailyFigures } from '../../domain/disaster/daily-figures';
import { jstMidnightOf } from '../../domain/japan-time';
import { inEveryLanguage, type Translator } from '../render/i18n';

/** What the summary says. */
export interface SummaryFacts {
  centreName: string;
  figures: DailyFigures;
  next: { date: string; capacity: number } | null;
  /** The profile's "what to bring" (Japanese); null: the locale's default. */
  bring: string | null;
}

export function figuresSummary(translator: Translator, s: SummaryFacts): BroadcastContent {
  return inEveryLanguage(translator, 'disasterSafety:summary', (l) => ({
    centre: s.centreName,
    date: jstMidnightOf(s.figures.date),
    volunteers: s.figures.volunteers.today,
    teams: s.figures.teamsSent.today,
    done: s.figures.needs.done,
    continuing: s.figures.needs.continuing,
    waiting: s.figures.needs.waiting,
    tomorrow: s.next ? translator.t(l, 'disasterSafety:tomorrow.recruiting', { next: jstMidnightOf(s.next.date), places: s.next.capacity }) : translator.t(l, 'disasterSafety:tomorrow.none'),
    bring: l === 'ja' && s.bring ? s.bring : translator.t(l, 'disasterSafety:bring'),
  }));
}
