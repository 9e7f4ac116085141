/**
 * The day's safety settings (heat level, reminder interval, the safety note dispatch notices carry), with their
 * audit row in one transaction. The interval is 10–120 minutes; blank takes the heat level's default.
 */
import { HEAT_LEVELS, type HeatLevel } from '../../domain/disaster/field-safety';
import type { FieldSafetyRepositories } from '../../domain/disaster/field-safety-store';
import type { UnitOfWork } from '../../domain/unit-of-work';
import { auditOf, type StaffAct } from '../staff-act';

/** The shortest and longest reminder interval, in minutes. */
export const REMINDER_MINUTES_MIN = 10;
export const REMINDER_MINUTES_MAX = 120;
/** The longest safety note. */
export const SAFETY_NOTE_MAX = 500;

/** The form as posted: the heat level ('' for none), the interval ('' for the default) and the note. */
export interface DaySafetyInput {
  heatLevel: string;
  reminderMinutes: string;
  safetyNote: string;
}

export type DaySafetyOutcome = { ok: true } | { ok: false; refused: 'unknown' | 'closed' | 'heatLevel' | 'minutes' | 'note' };

export async function setDaySafety(work: UnitOfWork<FieldSafetyRepositories>, dayId: string, input: DaySafetyInput, by: StaffAct): Promise<DaySafetyOutcome> {
  const level = input.heatLevel.trim();
  if (level && !(HEAT_LEVELS as readonly string[]).includes(level)) return { ok: false, refused: 'heatLevel' };
  const minutesText = input.reminderMinutes.normalize('NFKC').trim();
  const minutes = minutesText ? Number(minutesText) : null;
  if (minutes !== null && (!Number.isInteger(minutes) || minutes < REMINDER_MINUTES_MIN || minutes > REMINDER_MINUTES_MAX)) return { ok: false, refused: 'minutes' };
  const note = input.safetyNote.trim();
  if (note.length > SAFETY_NOTE_MAX) return { ok: false, refused: 'note' };
  return work.run(async ({ safety, audit }): Promise<DaySafetyOutcome> => {
    const day = await safety.daySafety(dayId);
    if (!day) return { ok: false, refused: 'unknown' };
    if (day.centreStatus === 'closed') return { ok: false, refused: 'closed' };
    const next = { heatLevel: (level || null) as HeatLevel | null, reminderMinutes: minutes, safetyNote: note || null };
    await safety.setDaySafety(dayId, next);
    await audit.record(auditOf(by, { action: 'disaster.day.safety', subjectType: 'activityDay', subjectId: dayId, detail: { heatLevel: next.heatLevel, reminderMinutes: next.reminderMinutes, note: next.safetyNote !== null, drill: day.drill } }));
    return { ok: true };
  });
}
