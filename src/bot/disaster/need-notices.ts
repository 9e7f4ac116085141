/**
 * The household's notices about a need (ニーズ), worded in every language the bot speaks (namespace
 * `disasterNeedNotice`): each status change that concerns them (received, surveying, scheduled with the date, team
 * on the way, postponed, continuing, done, or impossible / cancelled with the reason and where to turn), a report
 * linked to an existing need (its reference and status), and the follow-up some days after 完了 with three buttons
 * whose postbacks the LINE side answers: `dn=more&n=<needId>` (まだ手伝いが必要), `dn=fine&n=<needId>` (もう大丈夫)
 * and `dn=talk&n=<needId>` (相談したい). Not marked for a drill here: the use case does that.
 */
import { jstMidnightOf } from '../../domain/japan-time';
import type { NeedNoticeKind } from '../../domain/disaster/needs';
import type { NeedNotices, NeedNoticeSubject } from '../../usecases/disaster/needs-deps';
import { inEveryLanguage, type Translator } from '../render/i18n';

/** The follow-up's three answers, in the order the buttons show them. */
export const FOLLOW_UP_ANSWERS = ['more', 'fine', 'talk'] as const;

/** The postback data of a follow-up answer (coordinated with the LINE side). */
export function followUpAnswer(answer: (typeof FOLLOW_UP_ANSWERS)[number], needId: string): string {
  return `dn=${answer}&n=${needId}`;
}

type Worded = { ja: string } & Record<string, string>;

/** The writer of the household's notices, worded per language by `translator`. */
export function needNotices(translator: Translator): NeedNotices {
  const worded = (key: string, params: Record<string, string | number>): Worded => inEveryLanguage(translator, `disasterNeedNotice:${key}`, params) as Worded;
  const params = (s: NeedNoticeSubject) => ({ centre: s.centreName, ref: s.referenceNo, date: s.date ? jstMidnightOf(s.date) : 0, reason: s.reason ?? '', referral: s.referral ?? '' });
  const title = (key: string, s: NeedNoticeSubject) => `${translator.t('ja', `disasterNeedNotice:title.${key}`)}:${s.referenceNo}`;
  return {
    status(kind: NeedNoticeKind, s) {
      return { title: title(kind, s), content: worded(`notice.${kind}`, params(s)) };
    },
    linked(s) {
      const content = inEveryLanguage(translator, 'disasterNeedNotice:notice.linked', (l) => ({ ...params(s), status: translator.t(l, `disasterNeedNotice:status.${s.status}`) })) as Worded;
      return { title: title('linked', s), content };
    },
    followUp(needId, s) {
      const actions = FOLLOW_UP_ANSWERS.map((a) => ({ data: followUpAnswer(a, needId), label: worded(`button.${a}`, {}) }));
      return { title: title('followUp', s), content: { ...worded('notice.followUp', params(s)), actions } };
    },
  };
}
