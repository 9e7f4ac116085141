/**
 * The disaster centre's notices about a place on an activity date, worded in every language the bot speaks: the
 * draw's result (a place to reconfirm, or a place on the waitlist), a place offered from the waitlist, and a place
 * released because it was not reconfirmed in time. A place to reconfirm carries two buttons whose postbacks the disaster flow answers: `dz=ok&a=<applicationId>` (参加します)
 * and `dz=cancel&a=<applicationId>` (行けなくなりました).
 */
import type { BroadcastContent } from '../../domain/broadcast';
import { jstMidnightOf } from '../../domain/japan-time';
import type { Notice } from '../../domain/notice';
import type { Translator } from '../render/i18n';

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

/** Words one applicant's notice (not yet marked for a drill: the use case does that). */
export function placeNotice(translator: Translator, kind: PlaceNoticeKind, s: PlaceNoticeSubject, applicationId: string): Notice {
  const content: Partial<BroadcastContent> = {};
  const params = { centre: s.centreName, date: jstMidnightOf(s.date), replyBy: s.replyBy?.getTime() ?? 0, position: s.position ?? 0 };
  for (const lang of translator.languages) content[lang] = translator.t(lang, `disasterNotice:notice.${kind}`, params);
  const label = (key: 'ok' | 'cancel') => Object.fromEntries(translator.languages.map((l) => [l, translator.t(l, `disasterNotice:button.${key}`)])) as { ja: string };
  const answers = placeAnswers(applicationId);
  const actions = kind === 'waitlisted' || kind === 'released' ? undefined : [{ data: answers.ok, label: label('ok') }, { data: answers.cancel, label: label('cancel') }];
  return { title: `${translator.t('ja', `disasterNotice:title.${kind}`)}:${s.centreName} ${s.date}`, content: { ...(content as BroadcastContent), ...(actions ? { actions } : {}) } };
}
