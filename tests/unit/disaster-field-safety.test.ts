// Under test: which leaders get a break and water reminder now (remindersDue) and the heat level with its default interval. Pure; nothing is faked.
import { describe, expect, it } from 'vitest';
import { heatLevel, reminderMinutesFor, remindersDue } from '../../src/domain/disaster/field-safety';

const at = (minutes: number) => new Date(Date.UTC(2026, 7, 10, 0, minutes));

describe('remindersDue', () => {
  const teams = [
    { id: 'fresh', dispatchedAt: at(16), lastReminderAt: null },
    { id: 'first', dispatchedAt: at(0), lastReminderAt: null },
    { id: 'recent', dispatchedAt: at(0), lastReminderAt: at(15) },
    { id: 'again', dispatchedAt: at(0), lastReminderAt: at(10) },
  ];

  it('reminds a full interval after dispatch or the last reminder, and none before', () => {
    expect(remindersDue(teams, 20, at(30))).toEqual(['first', 'again']);
    expect(remindersDue(teams, 20, at(19))).toEqual([]);
  });

  it('never twice within the interval: once recorded, the next run sends nothing', () => {
    const after = teams.map((t) => ({ ...t, lastReminderAt: remindersDue(teams, 20, at(30)).includes(t.id) ? at(30) : t.lastReminderAt }));
    expect(remindersDue(after, 20, at(31))).toEqual([]);
    expect(remindersDue(after, 20, at(35))).toEqual(['recent']);
    expect(remindersDue(after, 20, at(36))).toEqual(['fresh', 'recent']);
  });

  it('refuses an interval that is not positive', () => {
    expect(() => remindersDue(teams, 0, at(30))).toThrow(RangeError);
  });
});

describe('heatLevel and reminderMinutesFor', () => {
  it('reads the WBGT bands and shortens the interval as it gets hotter', () => {
    expect([20.9, 21, 25, 28, 31, Number.NaN].map(heatLevel)).toEqual(['safe', 'caution', 'warning', 'severe', 'danger', 'danger']);
    expect(['safe', 'warning', 'severe', 'danger'].map((l) => reminderMinutesFor(l as never))).toEqual([30, 20, 15, 10]);
  });
});
