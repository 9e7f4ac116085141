import { addBusinessMinutes } from './business-hours';
import type { BusinessHours } from './council-profile';
import { jstDate } from './japan-time';

/** For whom the resident consults; a proxy (family, neighbour, 民生委員 …) may consult for someone else. */
export const FOR_WHOM = ['self', 'family', 'neighbour', 'other'] as const;
export type ForWhom = (typeof FOR_WHOM)[number];

/** How staff should get back to the resident. */
export const CONTACT_METHODS = ['line', 'phone', 'visit'] as const;
export type ContactMethod = (typeof CONTACT_METHODS)[number];

/** When the resident can be reached (typed free text is kept as written). */
export const CONTACT_TIMES = ['weekday_am', 'weekday_pm', 'anytime'] as const;

/** How soon the resident needs an answer; it sets the promised reply time. */
export const URGENCIES = ['urgent', 'soon', 'normal'] as const;
export type Urgency = (typeof URGENCIES)[number];

/** A consultation's life in the console. `referred` carries the referral target. */
export const CONSULTATION_STATUSES = ['new', 'in_progress', 'referred', 'closed'] as const;
export type ConsultationStatus = (typeof CONSULTATION_STATUSES)[number];

/** What the intake flow hands to the runner on submission. Plain JSON. */
export interface ConsultationDraft {
  referenceNo: string;
  categoryCode: string;
  teamCode: string;
  forWhom: ForWhom;
  districtCode: string | null;
  contactMethod: ContactMethod;
  phone: string | null;
  contactTime: string | null;
  urgency: Urgency;
  description: string;
  /** LINE message ids of photos sent with the description (their content is copied after the commit). */
  photoMessageIds: string[];
  /** ISO time by which staff promised a first reply. */
  replyDueAt: string;
}

/** Business minutes per urgency within which staff promise a first reply (from the council profile). */
export type ReplyWithin = Record<Urgency, number>;

/** When staff will have replied at the latest: `now` plus the urgency's business minutes, skipping closed hours. */
export function replyDueAt(hours: BusinessHours, within: ReplyWithin, urgency: Urgency, now: Date): Date {
  return addBusinessMinutes(hours, now, within[urgency]);
}

// No 0/O, 1/I/L: the number is read aloud over the phone.
const REFERENCE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';

/**
 * A reference number residents can quote: `S-YYMMDD-XXXX` (JST date, four unambiguous characters from
 * `seed`; `V-` for volunteer requests, `D-` for donation offers, `N-` for a disaster centre's needs, `K-` for complaints and opinions). The
 * database's unique index catches the rare collision.
 */
export function referenceNumber(now: Date, seed: string, prefix: 'S' | 'V' | 'D' | 'N' | 'K' = 'S'): string {
  const date = jstDate(now).replace(/-/g, '').slice(2);
  const chars = [...seed].slice(0, 4).map((c) => REFERENCE_ALPHABET[c.charCodeAt(0) % REFERENCE_ALPHABET.length]);
  while (chars.length < 4) chars.push(REFERENCE_ALPHABET[0]!);
  return `${prefix}-${date}-${chars.join('')}`;
}

/** Digits of a Japanese phone number as typed (full-width, hyphens, spaces), or null when it cannot be one. */
export function parsePhone(typed: string): string | null {
  const s = typed.normalize('NFKC').replace(/[\s\-‐−ー()()]/g, '');
  if (!/^0\d{9,10}$/.test(s)) return null;
  return s;
}

/** How long a closed consultation is still listed in わたしの申し込み (then it is no longer news to the resident). */
export const CLOSED_LISTED_DAYS = 14;

/** One of the resident's consultations as わたしの申し込み lists it. */
export interface MyConsultation {
  referenceNo: string;
  categoryCode: string;
  status: ConsultationStatus;
  /** Where it was referred, as staff typed it; null unless referred. */
  referralTarget: string | null;
}

/** The residents' consultations that are open, or closed since `closedSince`, oldest first, by resident id. */
export interface MyConsultationSource {
  openOf(residentIds: readonly string[], closedSince: Date): Promise<Map<string, MyConsultation[]>>;
}

/** What a resident is told about their consultation's status as staff change it (a personal notice). */
export type ConsultationNoticeKind = 'taken' | 'referred' | 'closed';

/** The council's choice of which changes are told (`consultation.notify` in the profile). */
export type ConsultationNotify = Readonly<Record<ConsultationNoticeKind, boolean>>;

/** A consultation's status with its referral target, before or after a change. */
export interface ConsultationStanding {
  status: ConsultationStatus;
  referralTarget: string | null;
}

/**
 * Pure: the notice a change calls for — taken (now 対応中), referred (or referred elsewhere), closed —, or null when
 * nothing the resident should hear changed (the same status again, back to 新規) or the council keeps it silent.
 */
export function consultationNoticeFor(from: ConsultationStanding, to: ConsultationStanding, notify: ConsultationNotify): ConsultationNoticeKind | null {
  const kind: ConsultationNoticeKind | null =
    to.status === 'in_progress' ? 'taken' : to.status === 'referred' ? 'referred' : to.status === 'closed' ? 'closed' : null;
  if (!kind || !notify[kind]) return null;
  const changed = from.status !== to.status || (to.status === 'referred' && from.referralTarget !== to.referralTarget);
  return changed ? kind : null;
}

/** What a notice about a consultation says of it. */
export interface ConsultationNoticeSubject {
  referenceNo: string;
  categoryCode: string;
  /** Where it was referred (as staff typed it), for a referral. */
  referralTarget: string | null;
}
