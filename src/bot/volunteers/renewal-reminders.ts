import { renewalReminderYear, type VolunteerStore } from '../../domain/volunteer';
import type { Clock, Logger } from '../../domain/ports';
import type { Translator } from '../render/i18n';

/**
 * Queues the insurance renewal reminder when the fiscal year is about to end (from 30 days before, so a
 * service that was down on the day still sends it; once per year). Runs before each broadcast run; the
 * broadcast engine sends it, in each volunteer's language, after the quiet hours.
 */
export async function queueRenewalReminders(deps: { volunteers: VolunteerStore; translator: Translator; clock: Clock; logger: Logger; phone: string }): Promise<void> {
  const now = deps.clock.now();
  const fiscalYear = renewalReminderYear(now);
  if (fiscalYear === null) return;
  const content: Record<string, string> = {};
  for (const lang of deps.translator.languages) content[lang] = deps.translator.t(lang, 'volunteer:notice.renewal', { year: fiscalYear + 1, phone: deps.phone });
  const notice = { title: `${deps.translator.t('ja', 'volunteer:noticeTitle.renewal')}:${fiscalYear + 1}年度`, content: { ja: content.ja ?? '', ...content } };
  const count = await deps.volunteers.queueRenewalReminder(fiscalYear, notice, now);
  if (count) deps.logger.info({ fiscalYear, count }, 'insurance renewal reminder queued');
}
