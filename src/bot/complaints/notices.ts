import type { BroadcastContent } from '../../domain/broadcast';
import type { Notice } from '../../domain/notice';
import { inEveryLanguage, type Translator } from '../render/i18n';

/** What the outcome notice says: the reference number, the outcome as staff wrote it, the phone to call. */
export interface ComplaintOutcomeSubject {
  referenceNo: string;
  outcome: string;
  phone: string;
}

/**
 * Words the outcome of a complaint or opinion in every language the bot speaks (the broadcast engine sends the
 * resident their own), the staff member's text as written, with a Japanese title for the console's list of sends.
 */
export function complaintOutcomeNotice(translator: Translator, s: ComplaintOutcomeSubject): Notice {
  const content = inEveryLanguage(translator, 'complaints:notice.outcome', { referenceNo: s.referenceNo, outcome: s.outcome.trim(), phone: s.phone });
  return { title: `${translator.t('ja', 'complaints:notice.title')}:${s.referenceNo}`, content: content as BroadcastContent };
}
