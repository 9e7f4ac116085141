import type { BroadcastContent } from '../../domain/broadcast';
import type { DonationKind } from '../../domain/donation';
import type { DonationMove } from '../../domain/donation-admin';
import type { Notice } from '../../domain/notice';
import type { Translator } from '../render/i18n';

/** What a notice to the donor says about their offer. */
export interface DonationNoticeSubject {
  referenceNo: string;
  kind: DonationKind;
  /** What staff wrote to the donor (Japanese, as typed); added under the notice when given. */
  message?: string | null;
  /** The receipt number, when the gift has come in. */
  receiptNo?: string | null;
}

/**
 * Words a notice about a donation offer (accepted, declined, received with its receipt number) in every language
 * the bot speaks (the broadcast engine sends the donor their own), with the staff member's message under it, and a
 * Japanese title for the console's list of sends.
 */
export function donationNotice(translator: Translator, move: DonationMove, s: DonationNoticeSubject): Notice {
  const content: Partial<BroadcastContent> = {};
  const message = s.message?.trim();
  for (const lang of translator.languages) {
    const body = translator.t(lang, `donationNotice:notice.${move}`, { referenceNo: s.referenceNo, kind: translator.t(lang, `donationNotice:kind.${s.kind}`), receiptNo: s.receiptNo ?? '' });
    content[lang] = message ? `${body}\n\n${translator.t(lang, 'donationNotice:message', { message })}` : body;
  }
  return { title: `${translator.t('ja', `donationNotice:title.${move}`)}:${s.referenceNo}`, content: content as BroadcastContent };
}
