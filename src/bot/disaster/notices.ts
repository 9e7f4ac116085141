import type { BroadcastContent } from '../../domain/broadcast';
import { markedForDrill } from '../../domain/disaster/centre';
import type { Notice } from '../../domain/notice';
import type { Translator } from '../render/i18n';

/**
 * The correction sent when a member was told their place was taken but the place was no longer offered when it was
 * written (released at its deadline in the same moment): worded in every language, marked 【訓練】 in a drill.
 */
export function placeLostNotice(translator: Translator, date: string, drill: boolean): Notice {
  const content: Partial<BroadcastContent> = {};
  for (const lang of translator.languages) content[lang] = translator.t(lang, 'disaster:notice.placeLost', { date: Date.parse(`${date}T00:00:00+09:00`) });
  return markedForDrill({ title: translator.t('ja', 'disaster:noticeTitle.placeLost'), content: content as BroadcastContent }, drill);
}
