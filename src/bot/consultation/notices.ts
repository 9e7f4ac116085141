import type { ConsultationNoticeKind, ConsultationNoticeSubject } from '../../domain/consultation';
import type { Notice } from '../../domain/notice';
import type { CouncilView } from '../../flows/engine/types';
import { inEveryLanguage, type Translator } from '../render/i18n';

/**
 * Words the notice telling a resident what became of their consultation — taken by staff, referred (to whom and what
 * happens next), closed — in every language the bot speaks (each resident gets their own), with the area's name in
 * that language and a Japanese title for the console's list of sends.
 */
export function consultationNotice(translator: Translator, council: Pick<CouncilView, 'categories' | 'phone'>, kind: ConsultationNoticeKind, c: ConsultationNoticeSubject): Notice {
  const category = council.categories.find((k) => k.code === c.categoryCode);
  const content = inEveryLanguage(translator, `consultation:notice.${kind}`, (lang) => ({ reference: c.referenceNo, category: category?.name[lang] ?? c.categoryCode, target: c.referralTarget ?? '', phone: council.phone }));
  return { title: `${translator.t('ja', `consultation:noticeTitle.${kind}`)}:${c.referenceNo}`, content };
}
