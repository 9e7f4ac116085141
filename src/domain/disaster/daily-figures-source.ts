/**
 * The port of the daily figures: one centre's rows as `dailyFigures` reads them, up to the end of a day, and the
 * days around it (the opening, the next activity day) the dashboard and the public summary show.
 */
import type { FigureApplication, FigureCheckIn, FigureNeed, FigureReport, FigureTeam } from './daily-figures';

/** One centre's rows for `dailyFigures`: every row's `drill` is the centre's. */
export interface FigureRows {
  checkIns: FigureCheckIn[];
  teams: FigureTeam[];
  needs: FigureNeed[];
  reports: FigureReport[];
  applications: FigureApplication[];
}

/** Reads of the figures; indexed by the centre, only the columns the figures need. */
export interface DailyFiguresSource {
  /**
   * The centre's rows up to `end` (exclusive): check-ins, teams sent, reports, and every need (a need's status is the
   * board as it stands now); applications of the dates `dates` only (no-shows are counted per date).
   */
  rows(centreId: string, drill: boolean, end: Date, dates: readonly string[]): Promise<FigureRows>;
  /** The first activity day after `date` (YYYY-MM-DD), with its places; null when none is set. */
  nextDay(centreId: string, date: string): Promise<{ date: string; capacity: number } | null>;
}
