import type { BroadcastContent } from '../../domain/broadcast';
import type { Notice } from '../../domain/notice';
import type { CouncilView } from '../../flows/engine/types';
import { REPORT_HOURS } from '../../flows/volunteer/invitation-answer';
import type { Language } from '../../domain/language';
import { namesMark, uninsuredParams, type NameListFormat } from '../../domain/volunteer';
import { inEveryLanguage, type Translator } from '../render/i18n';

/** The notices about a volunteer request and its invitations. */
export type VolunteerNoticeKind = 'acceptedInstead' | 'filledInstead' | 'filledOthers' | 'matched' | 'invitation' | 'scheduled' | 'done' | 'declined' | 'report';

/** What a notice says about its request. */
export interface RequestSubject {
  kind: string;
  date: string;
  referenceNo: string;
  /** The reason given when the request cannot be met. */
  reason?: string;
}

/**
 * Words a notice about a volunteer request in every language the bot speaks (each recipient gets their own),
 * with a Japanese title for the console's list of sends. `{{names}}` becomes the accepted volunteers' names,
 * filled in when the notice is written as `nameListFormats` says.
 */
export function volunteerNotice(translator: Translator, council: Pick<CouncilView, 'volunteerSkills'>, kind: VolunteerNoticeKind, r: RequestSubject): Notice {
  const skill = council.volunteerSkills.find((s) => s.code === r.kind);
  const content: Partial<BroadcastContent> = {};
  for (const lang of translator.languages) {
    content[lang] = translator.t(lang, `volunteer:notice.${kind}`, { kind: skill?.name[lang] ?? r.kind, date: Date.parse(`${r.date}T00:00:00+09:00`), referenceNo: r.referenceNo, names: namesMark(lang), reason: r.reason ?? '' });
  }
  return { title: `${translator.t('ja', `volunteer:noticeTitle.${kind}`)}:${r.referenceNo}`, content: content as BroadcastContent };
}

/** Stands for a name while a language's way of writing one is read from the locale. */
const NAME = '\u0000';

/** How each language lists people's names — each with its honorific — from `volunteer:notice.nameEach` and `nameSeparator`. */
export function nameListFormats(translator: Translator): Record<Language, NameListFormat> {
  const formats: Partial<Record<Language, NameListFormat>> = {};
  for (const lang of translator.languages) {
    const [before = '', after = ''] = translator.t(lang, 'volunteer:notice.nameEach', { name: NAME }).split(NAME);
    formats[lang] = { before, after, separator: translator.t(lang, 'volunteer:notice.nameSeparator') };
  }
  return formats as Record<Language, NameListFormat>;
}

/**
 * The notice with, in every language, a paragraph telling a volunteer that the insurance they registered does not
 * cover the request's date, and how to take out this year's.
 */
export function withUninsuredWarning(translator: Translator, council: Pick<CouncilView, 'phone'>, notice: Notice, r: Pick<RequestSubject, 'date'>): Notice {
  const content = { ...notice.content };
  for (const lang of translator.languages) content[lang] = `${content[lang] ?? content.ja}\n\n${translator.t(lang, 'volunteer:notice.uninsured', uninsuredParams(r.date, council.phone))}`;
  return { ...notice, content };
}

/**
 * An invitation to one volunteer: the request's details and the accept and decline buttons for this invitation,
 * and — when their insurance does not cover the date (`insured` false) — what to do about it before taking part.
 */
export function invitationNotice(translator: Translator, council: Pick<CouncilView, 'volunteerSkills' | 'phone'>, r: RequestSubject, invitationId: string, insured = true): Notice {
  const worded = volunteerNotice(translator, council, 'invitation', r);
  const base = insured ? worded : withUninsuredWarning(translator, council, worded, r);
  const label = (key: string) => inEveryLanguage(translator, key);
  return {
    ...base,
    content: {
      ...base.content,
      actions: [
        { data: `va=accept&i=${invitationId}`, label: label('volunteer:invitation.accept') },
        { data: `va=decline&i=${invitationId}`, label: label('volunteer:invitation.decline') },
      ],
    },
  };
}

/** After the activity: a volunteer who took part is asked for their hours with one-tap buttons for this invitation. */
export function reportNotice(translator: Translator, council: Pick<CouncilView, 'volunteerSkills'>, r: RequestSubject, invitationId: string): Notice {
  const base = volunteerNotice(translator, council, 'report', r);
  const label = (n: string) => inEveryLanguage(translator, n === '5' ? 'volunteer:invitation.hoursMany' : 'volunteer:invitation.hours', { n });
  return { ...base, content: { ...base.content, actions: REPORT_HOURS.map((n) => ({ data: `vr=${invitationId}&h=${n}`, label: label(n) })) } };
}
