/**
 * The console's needs intake form (ニーズ受付票) as posted, and the triage forms' fields. The parser gives the
 * intake or its first problem in Japanese, with the values as typed so the form can be shown again.
 */
import { parsePhone } from '../../domain/consultation';
import { isCalendarDate } from '../../domain/japan-time';
import {
  DAMAGE_KINDS,
  HOUSEHOLDS,
  NEED_CHANNELS,
  REQUESTER_RELATIONS,
  SURVEY_DECISIONS,
  WORK_KINDS,
  type NeedChannel,
  type SurveyDecision,
} from '../../domain/disaster/needs';
import type { ScreeningRule } from '../../domain/disaster/screening';
import type { NeedIntake } from '../../usecases/disaster/record-need';
import { lines, many, one } from '../shared/form-fields';
import type { NamedCode } from '../shared/names';

const TEXT_MAX = 200;
const NOTES_MAX = 2000;
const DATES_MAX = 5;

/** The channels staff enter (LINE needs arrive by themselves). */
export const STAFF_CHANNELS = NEED_CHANNELS.filter((c): c is Exclude<NeedChannel, 'line'> => c !== 'line');

/** The longest intake form: the notes, a handful of short texts and the ticks. */
export const NEEDS_FORM_MAX_CHARS = NOTES_MAX + TEXT_MAX * 8 + 600;

/** The form's values as typed (strings, and lists for the ticks). */
export type NeedFormValues = Record<string, string | string[]>;

/** The posted form's values as typed, to show the form again. */
export function needFormValues(body: Record<string, unknown>): NeedFormValues {
  const values: NeedFormValues = {};
  for (const key of ['channel', 'relation', 'reporterName', 'reporterPhone', 'householdName', 'address', 'latitude', 'longitude', 'districtCode', 'workOther', 'contactMethod', 'phone', 'surveyDecision']) values[key] = one(body[key]);
  values.notes = lines(body.notes);
  for (const key of ['damage', 'work', 'households', 'preferredDates', 'cannotDo']) values[key] = many(body[key]);
  return values;
}

type Result = { ok: true; value: NeedIntake } | { ok: false; error: string };

const within = <T extends string>(list: readonly T[], v: string): v is T => (list as readonly string[]).includes(v);

/** Parses the intake form; `rules` are the profile's screening rules (their codes are the "cannot do" ticks). */
export function parseNeedForm(body: Record<string, unknown>, districts: readonly NamedCode[], rules: readonly ScreeningRule[]): Result {
  const v = needFormValues(body);
  const s = (k: string) => v[k] as string;
  const l = (k: string) => v[k] as string[];
  const text = (k: string) => s(k).slice(0, TEXT_MAX) || null;
  if (!within(STAFF_CHANNELS, s('channel'))) return { ok: false, error: '受付方法(電話・窓口・訪問・民生委員から)を選んでください' };
  if (!within(REQUESTER_RELATIONS, s('relation'))) return { ok: false, error: '依頼した人(本人・家族・近所の人など)を選んでください' };
  if (s('relation') !== 'self' && !s('reporterName')) return { ok: false, error: '代わりに依頼した人の名前を入力してください' };
  if (s('reporterPhone') && !parsePhone(s('reporterPhone'))) return { ok: false, error: '依頼した人の電話番号を確かめてください' };
  const lat = s('latitude') === '' ? null : Number(s('latitude').normalize('NFKC'));
  const lng = s('longitude') === '' ? null : Number(s('longitude').normalize('NFKC'));
  if ((lat === null) !== (lng === null)) return { ok: false, error: '地図の位置は、緯度と経度の両方を入力してください(わからなければ両方空けてください)' };
  if (lat !== null && (!Number.isFinite(lat) || lat < 20 || lat > 46 || !Number.isFinite(lng) || lng! < 122 || lng! > 154)) return { ok: false, error: '緯度・経度を確かめてください(日本の中の位置で、例: 35.6812、139.7671)' };
  if (s('districtCode') && !districts.some((d) => d.code === s('districtCode'))) return { ok: false, error: '地区を一覧から選んでください' };
  const damage = l('damage').filter((x) => within(DAMAGE_KINDS, x));
  const work = l('work').filter((x) => within(WORK_KINDS, x));
  if (!work.length) return { ok: false, error: '依頼内容を1つ以上選んでください' };
  if (work.includes('other') && !s('workOther')) return { ok: false, error: '依頼内容の「その他」の内容を入力してください' };
  const preferredDates = l('preferredDates');
  if (preferredDates.some((d) => !isCalendarDate(d)) || preferredDates.length > DATES_MAX) return { ok: false, error: '希望日を確かめてください' };
  const contactMethod = s('contactMethod');
  if (contactMethod !== 'phone' && contactMethod !== 'line') return { ok: false, error: '連絡方法を選んでください' };
  if (s('phone') && !parsePhone(s('phone'))) return { ok: false, error: '連絡先の電話番号を確かめてください' };
  if (contactMethod === 'phone' && !s('phone')) return { ok: false, error: '連絡方法が電話のときは、電話番号を入力してください' };
  const survey = s('surveyDecision');
  if (survey && !within(SURVEY_DECISIONS, survey)) return { ok: false, error: '現地調査を選び直してください' };
  if (s('notes').length > NOTES_MAX) return { ok: false, error: `備考は${NOTES_MAX}文字までにしてください` };
  return {
    ok: true,
    value: {
      fields: {
        householdName: text('householdName'),
        address: text('address'),
        latitude: lat,
        longitude: lng,
        districtCode: s('districtCode') || null,
        damage,
        work,
        workOther: work.includes('other') ? text('workOther') : null,
        households: l('households').filter((x) => within(HOUSEHOLDS, x)),
        preferredDates: [...preferredDates].sort(),
        contactMethod,
        phone: s('phone') ? parsePhone(s('phone')) : null,
        notes: s('notes') || null,
      },
      report: { channel: s('channel') as Exclude<NeedChannel, 'line'>, relation: s('relation') as NeedIntake['report']['relation'], reporterName: text('reporterName'), reporterPhone: s('reporterPhone') ? parsePhone(s('reporterPhone')) : null },
      surveyDecision: (survey || null) as SurveyDecision | null,
      cannotDo: l('cannotDo').filter((c) => rules.some((r) => r.code === c)),
    },
  };
}
