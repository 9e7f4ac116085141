/**
 * The views of safety in the field and the daily figures: the day's safety settings, the teams not back (未帰着の班),
 * the centre-wide urgent notice form, and the figures page with its CSV.
 */
import type { DailyFigures } from '../../domain/disaster/daily-figures';
import { HEAT_LEVELS, reminderMinutesFor, type HeatLevel, type HeatReminderMinutes } from '../../domain/disaster/field-safety';
import type { DaySafety, OverdueTeam } from '../../domain/disaster/field-safety-store';
import { csvFile } from '../shared/csv';
import { jaDateTime, jaDay } from '../shared/ja-dates';
import { URGENT_KINDS, type UrgentKind } from '../../usecases/disaster/field-safety-deps';

/** The heat levels as the form names them. */
export const HEAT_LABELS: Readonly<Record<HeatLevel, string>> = { safe: 'ほぼ安全', caution: '注意', warning: '警戒', severe: '厳重警戒', danger: '危険' };

/** The urgent notice's kinds as the form names them. */
export const URGENT_LABELS: Readonly<Record<UrgentKind, string>> = { aftershock: '余震', evacuation: '避難', weather: '気象', other: 'その他' };

/** A team not back, as the pages list it. */
export interface OverdueRow {
  team: string;
  need: string;
  leader: string;
  phone: string;
  since: string;
}

export function overdueRows(teams: readonly OverdueTeam[]): OverdueRow[] {
  return teams.map((t) => ({ team: `${jaDay(t.date)} 第${t.number}班`, need: t.needReferenceNo, leader: t.leaderName ?? '(リーダー未設定)', phone: t.leaderPhone ?? '(電話番号なし)', since: jaDateTime(t.dispatchedAt) }));
}

/** The day page's safety section. */
export interface DaySafetyView {
  action: string;
  error: string | null;
  levels: Array<{ code: string; label: string; selected: boolean }>;
  reminderMinutes: string;
  defaultMinutes: number;
  safetyNote: string;
  rule: string | null;
}

export function daySafetyView(action: string, s: DaySafety, table: Readonly<HeatReminderMinutes>, error: string | null = null, posted?: { heatLevel: string; reminderMinutes: string; safetyNote: string }, rule: string | null = null): DaySafetyView {
  const level = posted ? posted.heatLevel : (s.heatLevel ?? '');
  return {
    action,
    error,
    levels: [{ code: '', label: '指定なし', selected: level === '' }, ...HEAT_LEVELS.map((l) => ({ code: l, label: HEAT_LABELS[l], selected: level === l }))],
    reminderMinutes: posted ? posted.reminderMinutes : s.reminderMinutes === null ? '' : String(s.reminderMinutes),
    defaultMinutes: reminderMinutesFor(s.heatLevel ?? 'safe', table),
    safetyNote: posted ? posted.safetyNote : (s.safetyNote ?? ''),
    rule,
  };
}

export interface UrgentView {
  heading: string;
  drill: boolean;
  centreId: string | null;
  recipients: number;
  error: string | null;
  status: string | null;
  kinds: Array<{ code: string; label: string; checked: boolean; template: string }>;
  /** As posted: `ja`, `easy`, `en` and the more languages' `text_<language>`. */
  values: Record<string, string>;
  backHref: string;
}

export function urgentKinds(selected: string, templates: (k: UrgentKind) => string): UrgentView['kinds'] {
  return URGENT_KINDS.map((k) => ({ code: k, label: URGENT_LABELS[k], checked: selected === k, template: templates(k) }));
}

export interface FiguresView {
  heading: string;
  drill: boolean;
  centreId: string;
  date: string;
  dateLabel: string;
  status: string | null;
  overdue: OverdueRow[];
  big: Array<{ label: string; value: string }>;
  rows: Array<{ label: string; value: string }>;
  csvHref: string;
  announce: { preview: string; override: boolean; error: string | null } | null;
  mayAnnounce: boolean;
  backHref: string;
}

/** The figures' lines: label and value, in the CSV's column order. */
export function figureCells(f: DailyFigures): Array<[string, string]> {
  return [
    ['受付したボランティア(人)', String(f.volunteers.today)],
    ['受付したボランティア 累計(人)', String(f.volunteers.cumulative)],
    ['延べ人数(人日)', String(f.personDays.today)],
    ['延べ人数 累計(人日)', String(f.personDays.cumulative)],
    ['派遣した班', String(f.teamsSent.today)],
    ['派遣した班 累計', String(f.teamsSent.cumulative)],
    ['受け付けたニーズ', String(f.needs.receivedToday)],
    ['受け付けたニーズ 累計', String(f.needs.receivedCumulative)],
    ['完了したニーズ(この日)', String(f.needs.doneToday)],
    ['完了(いま)', String(f.needs.done)],
    ['継続(いま)', String(f.needs.continuing)],
    ['活動中(いま)', String(f.needs.active)],
    ['待っているニーズ(いま)', String(f.needs.waiting)],
    ['長く調整中のニーズ(いま)', String(f.needs.stale)],
    ['訪問した世帯 累計', String(f.householdsServed)],
    ['受付から初回訪問までの中央値(時間)', f.medianWaitHours === null ? '' : f.medianWaitHours.toFixed(1)],
    ['無断欠席(人)', String(f.noShows)],
    ['けが', String(f.injuries)],
    ['ヒヤリハット', String(f.nearMisses)],
  ];
}

/** The figures CSV: a row per date, 訓練 or 実際の災害 in every row. */
export function figuresCsv(days: readonly DailyFigures[]): string {
  const header = ['日付', '種類', ...figureCells(EMPTY).map(([l]) => l)];
  return csvFile(header, days.map((f) => [f.date, f.drill ? '訓練' : '実際の災害', ...figureCells(f).map(([, v]) => v)]));
}

const EMPTY: DailyFigures = {
  date: '',
  drill: false,
  volunteers: { today: 0, cumulative: 0 },
  personDays: { today: 0, cumulative: 0 },
  teamsSent: { today: 0, cumulative: 0 },
  needs: { receivedToday: 0, receivedCumulative: 0, doneToday: 0, done: 0, continuing: 0, active: 0, waiting: 0, stale: 0 },
  householdsServed: 0,
  medianWaitHours: null,
  noShows: 0,
  injuries: 0,
  nearMisses: 0,
};

/** The views this part adds. */
export interface SafetyViews {
  disasterUrgent: UrgentView;
  disasterFigures: FiguresView;
}
