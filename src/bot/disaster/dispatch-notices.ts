/**
 * The dispatch notices (派遣のお知らせ) a team's members receive when a coordinator forms it, worded in every
 * language the bot speaks (namespace `disasterDispatch`): the need's reference, the site's address and a LINE
 * location message when the need has a pin, the work, the equipment, the leader, the day's safety rules, and a
 * 「緊急」 button (`dt=sos&t=<teamId>`). The leader's notice also lists the members with their phones and the
 * requester's contact, and carries a 「帰着・活動報告」 button (`dt=report&t=<teamId>`); nobody else's does. Not
 * marked for a drill here: the use case does that.
 */
import { HEAT_LEVELS } from '../../domain/disaster/field-safety';
import type { Language } from '../../domain/language';
import type { Notice } from '../../domain/notice';
import type { DispatchNotices, DispatchSubject, LeaderDetails } from '../../usecases/disaster/teams-deps';
import { inEveryLanguage, type Translator } from '../render/i18n';

/** The postback data of a team's buttons (coordinated with the LINE side that answers them). */
export const sosPostback = (teamId: string) => `dt=sos&t=${teamId}`;
export const reportPostback = (teamId: string) => `dt=report&t=${teamId}`;

/** LINE's limit on a location message's title and address. */
const LOCATION_CHARS = 100;

const cut = (s: string, n: number) => (s.length <= n ? s : `${s.slice(0, n - 1)}…`);

/** The writer of the dispatch notices, worded per language by `translator`. */
export function dispatchNotices(translator: Translator): DispatchNotices {
  const t = (l: Language, key: string, params?: Record<string, string | number>) => translator.t(l, `disasterDispatch:${key}`, params);
  const common = (s: DispatchSubject) => (l: Language) => ({
    centre: s.centreName,
    number: s.number,
    ref: s.referenceNo,
    address: s.address?.trim() || t(l, 'noAddress'),
    work: [...s.work.filter((w) => w !== 'other').map((w) => translator.t(l, `disasterNeed:work.${w}`)), ...(s.work.includes('other') || s.workOther ? [t(l, 'workOther', { text: s.workOther ?? '' })] : [])].join('、') || t(l, 'noEquipment'),
    equipment: s.equipment.length ? s.equipment.map((e) => `${e.name}×${e.count}`).join('、') : t(l, 'noEquipment'),
    leader: s.leaderName,
    safety: s.safetyNote?.trim() || ((HEAT_LEVELS as readonly string[]).includes(s.heatLevel ?? '') ? translator.t(l, `disasterSafety:heat.${s.heatLevel}`) : t(l, 'safety.default')),
  });
  const location = (s: DispatchSubject) =>
    s.latitude != null && s.longitude != null
      ? { location: { title: cut(translator.t('ja', 'disasterDispatch:locationTitle', { ref: s.referenceNo }), LOCATION_CHARS), address: cut(s.address?.trim() || s.referenceNo, LOCATION_CHARS), latitude: s.latitude, longitude: s.longitude } }
      : {};
  const button = (key: string, data: string) => ({ data, label: inEveryLanguage(translator, `disasterDispatch:button.${key}`) });
  const title = (key: string, s: DispatchSubject) => `${translator.t('ja', `disasterDispatch:title.${key}`)}:第${s.number}班 ${s.referenceNo}`;
  return {
    member(s): Notice {
      return { title: title('member', s), content: { ...inEveryLanguage(translator, 'disasterDispatch:notice.member', common(s)), ...location(s), actions: [button('sos', sosPostback(s.teamId))] } };
    },
    leader(s, d: LeaderDetails): Notice {
      const params = (l: Language) => ({
        ...common(s)(l),
        members: d.members
          .map((m) => (m.kind === 'group' ? t(l, 'memberLineGroup', { name: m.name, group: m.groupName ?? '', size: m.size, phone: m.phone || t(l, 'noPhone') }) : t(l, 'memberLine', { name: m.name, phone: m.phone || t(l, 'noPhone') })))
          .join('\n'),
        requester: d.requester.name?.trim() || t(l, 'noName'),
        phone: d.requester.phone?.trim() || t(l, 'noPhone'),
      });
      return {
        title: title('leader', s),
        content: { ...inEveryLanguage(translator, 'disasterDispatch:notice.leader', params), ...location(s), actions: [button('report', reportPostback(s.teamId)), button('sos', sosPostback(s.teamId))] },
      };
    },
  };
}
