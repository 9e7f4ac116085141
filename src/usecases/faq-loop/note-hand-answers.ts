/**
 * Questions staff answered by hand: a free question the FAQ could not answer (or whose answer the resident marked
 * unhelpful), followed within `HAND_ANSWER_DAYS` by staff writing to the resident in a thread, is listed in the
 * knowledge loop as answered by staff, with that first text (long numbers and e-mail addresses masked) ready to become the
 * entry's answer. Run by the loop's job; rerunning finds nothing new to mark.
 */
import { DAY_MS } from '../../domain/japan-time';
import { withoutPersonalData } from '../../domain/faq/personal-data';
import type { HandAnswers } from '../../domain/faq-loop/ports';

/** How long after a question a staff text still counts as its answer. */
export const HAND_ANSWER_DAYS = 3;
/** Questions looked at per run. */
const BATCH = 200;

/** Marks the questions staff answered since; returns how many. */
export async function noteHandAnswers(answers: HandAnswers, now: Date): Promise<number> {
  const window = HAND_ANSWER_DAYS * DAY_MS;
  let marked = 0;
  for (const q of await answers.candidates(new Date(now.getTime() - window), BATCH)) {
    const text = await answers.firstStaffText(q.residentId, q.at, new Date(Math.min(now.getTime(), q.at.getTime() + window)));
    if (text?.trim() && (await answers.markAnsweredByStaff(q.id, withoutPersonalData(text.trim())))) marked += 1;
  }
  return marked;
}
