// Under test: the day's figures of one centre (dailyFigures) from plain rows, drill rows kept apart. Pure; nothing is faked.
import { describe, expect, it } from 'vitest';
import { dailyFigures, type FigureNeed } from '../../src/domain/disaster/daily-figures';

// Japan time: 2026-08-10 runs from 2026-08-09T15:00Z to 2026-08-10T15:00Z.
const jst = (day: number, hour: number) => new Date(Date.UTC(2026, 7, day, hour - 9));
const need = (id: string, o: Partial<FigureNeed> = {}): FigureNeed => ({
  id,
  householdId: null,
  status: 'received',
  statusSince: jst(10, 9),
  createdAt: jst(10, 9),
  firstVisitAt: null,
  drill: false,
  ...o,
});
const f = { date: '2026-08-10', drill: false, now: jst(10, 18), staleHours: 24 };
const empty = { checkIns: [], teams: [], needs: [], reports: [], applications: [] };

describe('dailyFigures', () => {
  it('counts volunteers and person-days today and cumulative, once per volunteer per day', () => {
    const checkIns = [
      { volunteerId: 'a', at: jst(9, 8), drill: false },
      { volunteerId: 'a', at: jst(10, 0), drill: false },
      { volunteerId: 'a', at: jst(10, 13), drill: false },
      { volunteerId: 'b', at: jst(10, 23), drill: false },
      { volunteerId: 'c', at: jst(9, 8), drill: false },
      { volunteerId: 'late', at: jst(11, 0), drill: false },
      { volunteerId: 'drill', at: jst(10, 8), drill: true },
    ];
    const r = dailyFigures({ ...empty, checkIns }, f);
    expect(r.volunteers).toEqual({ today: 2, cumulative: 3 });
    expect(r.personDays).toEqual({ today: 2, cumulative: 4 });
  });

  it('counts teams sent and the needs received, done, continuing, active, waiting and stale', () => {
    const teams = [{ dispatchedAt: jst(9, 10), drill: false }, { dispatchedAt: jst(10, 10), drill: false }, { dispatchedAt: jst(10, 11), drill: true }];
    const needs = [
      need('old', { createdAt: jst(8, 9), status: 'done', statusSince: jst(9, 16) }),
      need('d', { status: 'done', statusSince: jst(10, 16) }),
      need('c', { status: 'continuing' }),
      need('act', { status: 'active' }),
      need('stale', { status: 'coordinating', createdAt: jst(8, 9), statusSince: jst(9, 10) }),
      need('sch', { status: 'scheduled' }),
      need('x', { status: 'cancelled' }),
      need('tomorrow', { createdAt: jst(11, 9) }),
      need('drill', { drill: true }),
    ];
    const r = dailyFigures({ ...empty, teams, needs }, f);
    expect(r.teamsSent).toEqual({ today: 1, cumulative: 2 });
    expect(r.needs).toEqual({ receivedToday: 5, receivedCumulative: 7, doneToday: 1, done: 2, continuing: 1, active: 1, waiting: 3, stale: 1 });
  });

  it('counts households once and takes the median wait of the needs first visited that day', () => {
    const needs = [
      need('a', { householdId: 'H1', createdAt: jst(10, 6), firstVisitAt: jst(10, 8) }),
      need('b', { householdId: 'H1', createdAt: jst(10, 6), firstVisitAt: jst(10, 12) }),
      need('c', { createdAt: jst(9, 8), firstVisitAt: jst(9, 9) }),
      need('d', { createdAt: jst(10, 6), firstVisitAt: jst(10, 16) }),
      need('e', { createdAt: jst(10, 6), firstVisitAt: jst(11, 9) }),
    ];
    const r = dailyFigures({ ...empty, needs }, f);
    expect(r.householdsServed).toBe(3);
    expect(r.medianWaitHours).toBe(6);
    expect(dailyFigures(empty, f).medianWaitHours).toBeNull();
  });

  it('counts no-shows, injuries and near misses of the day', () => {
    const applications = [
      { volunteerId: 'came', date: '2026-08-10', status: 'reconfirmed' as const, drill: false },
      { volunteerId: 'absent', date: '2026-08-10', status: 'chosen' as const, drill: false },
      { volunteerId: 'waiting', date: '2026-08-10', status: 'waitlisted' as const, drill: false },
      { volunteerId: 'other', date: '2026-08-11', status: 'chosen' as const, drill: false },
    ];
    const checkIns = [{ volunteerId: 'came', at: jst(10, 8), drill: false }];
    const reports = [
      { at: jst(10, 15), injuries: '指の切り傷', nearMiss: null, drill: false },
      { at: jst(10, 16), injuries: ' ', nearMiss: '釘の踏み抜き寸前', drill: false },
      { at: jst(9, 16), injuries: '腰痛', drill: false },
      { at: jst(10, 16), injuries: '訓練', drill: true },
    ];
    const r = dailyFigures({ ...empty, applications, checkIns, reports }, f);
    expect(r).toMatchObject({ noShows: 1, injuries: 1, nearMisses: 1 });
  });

  it('drill figures count drill rows only', () => {
    const checkIns = [{ volunteerId: 'a', at: jst(10, 8), drill: false }, { volunteerId: 'b', at: jst(10, 8), drill: true }];
    const needs = [need('real'), need('drill', { drill: true, status: 'done', statusSince: jst(10, 12) })];
    const r = dailyFigures({ ...empty, checkIns, needs }, { ...f, drill: true });
    expect(r).toMatchObject({ drill: true, volunteers: { today: 1, cumulative: 1 }, needs: { receivedToday: 1, done: 1, waiting: 0 } });
  });
});
