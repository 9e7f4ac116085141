import type { BroadcastContent } from '../../domain/broadcast';
import { textIn, type EventNoticeKind, type EventText } from '../../domain/event-registration';
import type { Notice } from '../../domain/notice';
import type { Translator } from '../render/i18n';

/** What a notice says about its event. */
export interface NoticeSubject {
  title: EventText;
  startsAt: Date;
  place: string;
}

/**
 * Words a personal notice about an event in every language the bot speaks (the broadcast engine then sends each
 * resident their own), with a Japanese title for the console's list of sends.
 */
export function eventNotice(translator: Translator, kind: EventNoticeKind, e: NoticeSubject): Notice {
  const content: Partial<BroadcastContent> = {};
  for (const lang of translator.languages) {
    content[lang] = translator.t(lang, `events:notice.${kind}`, { title: textIn(e.title, lang), start: e.startsAt.getTime(), place: e.place });
  }
  return { title: `${translator.t('ja', `events:noticeTitle.${kind}`)}:${e.title.ja}`, content: content as BroadcastContent };
}
