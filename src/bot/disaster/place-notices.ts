/**
 * The disaster centre's notices about a place on an activity date, worded in every language the bot speaks: the
 * draw's result (a place to reconfirm, or a place on the waitlist), a place offered from the waitlist, and a place
 * released because it was not reconfirmed in time. A place to reconfirm carries two buttons whose postbacks the disaster flow answers: `dz=ok&a=<applicationId>` (参加します)
 * and `dz=cancel&a=<applicationId>` (行けなくなりました).
 */
import { jstMidnightOf } from '../../domain/japan-time';
import type { Notice } from '../../domain/notice';
import { inEveryLanguage, type Translator } from '../render/i18n';

/**
 * chosen (drawn: reconfirm by the date's deadline) · waitlisted (drawn: a place in the queue) · backfilled (offered
 * from the waitlist) · released (not reconfirmed in time: the place went to the waitlist).
 */
export type PlaceNoticeKind = 'chosen' | 'waitlisted' | 'backfilled' | 'released';

/** What a place notice says. */
export interface PlaceNoticeSubject {
  centreName: string;
  /** YYYY-MM-DD, Japan time. */
  date: string;
  /** For a place to reconfirm: by when. */
  replyBy?: Date;
  /** For the waitlist: the applicant's number in it (1 = next). */
  position?: number;
}

/** The postback data of a place's two answers (coordinated with the disaster flow). */
export function placeAnswers(applicationId: string): { ok: string; cancel: string } {
  return { ok: `dz=ok&a=${applicationId}`, cancel: `dz=cancel&a=${applicationId}` };
}

/** Stands for the waitlist position while a wording is cached; a control character no text contains. */
const POSITION = '\u0001';
/** Wordings kept per writer: a draw words thousands of notices, all alike but for the position and the buttons. */
const CACHED_WORDINGS = 64;

/**
 * A writer of place notices (not yet marked for a drill: the use case does that). Each notice is worded in every
 * language; a wording is made once per kind, date, deadline and language and reused with the applicant's position
 * put in, so a draw of 10,000 words a handful of texts rather than 30,000.
 */
export function placeNotices(translator: Translator): (kind: PlaceNoticeKind, s: PlaceNoticeSubject, applicationId: string) => Notice {
  const wordings = new Map<string, Array<[string, string]>>();
  const labels = (key: 'ok' | 'cancel') => inEveryLanguage(translator, `disasterNotice:button.${key}`);
  const buttons = { ok: labels('ok'), cancel: labels('cancel') };
  const wording = (kind: PlaceNoticeKind, s: PlaceNoticeSubject): Array<[string, string]> => {
    const key = [kind, s.centreName, s.date, s.replyBy?.getTime() ?? 0].join('\n');
    let content = wordings.get(key);
    if (!content) {
      const params = { centre: s.centreName, date: jstMidnightOf(s.date), replyBy: s.replyBy?.getTime() ?? 0, position: POSITION };
      content = translator.languages.map((lang) => [lang, translator.t(lang, `disasterNotice:notice.${kind}`, params)]);
      if (wordings.size >= CACHED_WORDINGS) wordings.clear();
      wordings.set(key, content);
    }
    return content;
  };
  return (kind, s, applicationId) => {
    const position = String(s.position ?? 0);
    const content = Object.fromEntries(wording(kind, s).map(([lang, text]) => [lang, text.replaceAll(POSITION, position)])) as { ja: string };
    const answers = placeAnswers(applicationId);
    const actions = kind === 'waitlisted' || kind === 'released' ? undefined : [{ data: answers.ok, label: buttons.ok }, { data: answers.cancel, label: buttons.cancel }];
    return { title: `${translator.t('ja', `disasterNotice:title.${kind}`)}:${s.centreName} ${s.date}`, content: { ...content, ...(actions ? { actions } : {}) } };
  };
}
