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

/** A partner body as the referral notices need it. */
type PartnerView = NonNullable<CouncilView['partners']>[number];

/**
 * The question to a resident whether their consultation may be passed to `partner` (its name, what they consulted
 * about, their name and contact), with yes/no buttons answered by the consultation module's gate.
 */
export function referralAskNotice(translator: Translator, partner: PartnerView, referenceNo: string, referralId: string): Notice {
  const body = inEveryLanguage(translator, 'consent:referral.ask', (lang) => ({ name: partner.name[lang], ref: referenceNo }));
  const why = inEveryLanguage(translator, 'consent:referral.why', (lang) => ({ name: partner.name[lang] }));
  const content = { ja: '', ...Object.fromEntries(translator.languages.map((l) => [l, `${body[l] ?? body.ja}\n${why[l] ?? why.ja}`])) };
  return {
    title: `${translator.t('ja', 'consent:referral.titleAsk')}:${referenceNo}`,
    content: {
      ...content,
      actions: [
        { data: `ref=${referralId}&a=yes`, label: inEveryLanguage(translator, 'consent:referral.yes') },
        { data: `ref=${referralId}&a=no`, label: inEveryLanguage(translator, 'consent:referral.no') },
      ],
    },
  };
}

/** Tells a resident where they were referred and what happens next (the partner's phone). */
export function referredNotice(translator: Translator, partner: PartnerView, referenceNo: string): Notice {
  const content = inEveryLanguage(translator, 'consent:referral.done', (lang) => ({ name: partner.name[lang], next: partner.next[lang], phone: partner.phone }));
  return { title: `${translator.t('ja', 'consent:referral.titleDone')}:${referenceNo}`, content };
}
