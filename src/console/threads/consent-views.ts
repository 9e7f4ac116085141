/**
 * What the conversation page shows about consent: the resident's general consent and each topic's (given, declined,
 * withdrawn, not asked, with dates), and per consultation the referrals made or asked and the consents they rest on.
 */
import type { ReferralRecord } from '../../domain/referral';
import { CONSENT_TOPICS, referralTopic, type TopicConsentRecord } from '../../domain/topic-consent';
import { jaDateTime } from '../shared/ja-dates';

/** Topic names as staff read them. */
export const TOPIC_LABELS: Record<(typeof CONSENT_TOPICS)[number], string> = { health: '健康・病気', disability: '障がい', money: 'お金・生活費・貸付', family: '家族の事情' };
const DECISION_LABELS = { granted: '同意あり', declined: '同意なし(断った)', withdrawn: '取り消し' } as const;
const REFERRAL_LABELS = { asked: '本人の回答待ち(LINEで確認中)', referred: '紹介済み', declined: '本人が断った(何も伝えていない)' } as const;

/** A partner as the page lists it. */
export interface PartnerChoice {
  code: string;
  name: string;
  kind: string;
}

export interface ConsentPanelView {
  general: string;
  topics: Array<{ label: string; value: string }>;
  /** Per consultation id: its referrals, and the partners staff may refer it to with the consent each rests on. */
  byConsultation: Record<string, { referrals: Array<{ partner: string; status: string; at: string; by: string; consent: string }>; partners: Array<PartnerChoice & { consent: string }>; topicsNote: string }>;
}

function decision(c: TopicConsentRecord | undefined): string {
  return c ? `${DECISION_LABELS[c.decision]}(${jaDateTime(new Date(c.at))}、版 ${c.version})` : 'まだ聞いていない';
}

/** The panel from what the referral store read. `topicsOf`: the consent topics of a consultation's category. */
export function consentPanel(
  general: { status: string; version: string | null; at: Date | null } | null,
  consents: readonly TopicConsentRecord[],
  consultations: ReadonlyArray<{ id: string; categoryCode: string; description: string }>,
  referrals: readonly ReferralRecord[],
  partners: readonly PartnerChoice[],
  topicsOf: (categoryCode: string) => readonly string[],
  staffName: (staffId: string) => string = (id) => id,
): ConsentPanelView {
  const of = (topic: string) => consents.find((c) => c.topic === topic);
  const partnerName = (code: string) => partners.find((p) => p.code === code)?.name ?? code;
  return {
    general:
      general?.status === 'granted'
        ? `同意あり(${general.at ? jaDateTime(general.at) : '日時不明'}、版 ${general.version ?? '—'})`
        : general?.status === 'declined'
          ? '同意なし(断った・取り消した)'
          : 'まだ同意していない',
    topics: CONSENT_TOPICS.map((t) => ({ label: TOPIC_LABELS[t], value: decision(of(t)) })),
    byConsultation: Object.fromEntries(
      consultations.map((c) => {
        const topics = topicsOf(c.categoryCode);
        const notKept = topics.filter((t) => of(t)?.decision !== 'granted');
        const topicsNote = !topics.length
          ? 'この分野は、特に同意の要る話題に当たりません。'
          : `この分野の話題:${topics.map((t) => TOPIC_LABELS[t as keyof typeof TOPIC_LABELS] ?? t).join('・')}。` +
            (notKept.length ? `同意のない話題(${notKept.map((t) => TOPIC_LABELS[t as keyof typeof TOPIC_LABELS] ?? t).join('・')})があるため、詳しい内容は記録していないか消しています。電話や面談で伺ってください。` : 'すべて同意あり。');
        return [
          c.id,
          {
            referrals: referrals.filter((r) => r.consultationId === c.id).map((r) => ({ partner: partnerName(r.partnerCode), status: REFERRAL_LABELS[r.status], at: jaDateTime(r.answeredAt ?? r.createdAt), by: staffName(r.staffId), consent: r.consentVersion ? `本人の同意(版 ${r.consentVersion})による` : '' })),
            partners: partners.map((p) => {
              const consent = of(referralTopic(p.code));
              return { ...p, consent: consent?.decision === 'granted' ? `紹介の同意あり(${jaDateTime(new Date(consent.at))})` : '紹介の同意なし:本人にLINEで確認します' };
            }),
            topicsNote,
          },
        ];
      }),
    ),
  };
}
