// Under test: the wording of the dispatch notices (src/bot/disaster/dispatch-notices.ts) in every language, with
// the project's real locales: what every member reads, what only the leader reads, the buttons' postbacks and
// label lengths, the location only with a pin, the safety rules' fallbacks. Nothing is faked.
import path from 'node:path';
import { beforeAll, describe, expect, test } from 'vitest';
import { dispatchNotices } from '../../src/bot/disaster/dispatch-notices';
import { createTranslator, type Translator } from '../../src/bot/render/i18n';
import type { DispatchSubject } from '../../src/usecases/disaster/teams-deps';

let translator: Translator;
beforeAll(async () => {
  translator = await createTranslator(path.resolve(import.meta.dirname, '..', '..', 'locales'));
});

const subject = (o: Partial<DispatchSubject> = {}): DispatchSubject => ({
  teamId: 'team-1',
  centreName: 'つなぐ市災害VC',
  number: 3,
  referenceNo: 'N-261124-AB12',
  address: 'つなぐ市海岸町1-2-3',
  latitude: 35.6,
  longitude: 139.7,
  work: ['mud', 'other'],
  workOther: '畳の運び出し',
  equipment: [{ name: 'スコップ', count: 4 }],
  leaderName: '青木 一郎',
  safetyNote: null,
  heatLevel: null,
  ...o,
});
const requester = { name: '佐藤 花子', phone: '0311112222' };
const members = [{ name: '青木 一郎', kind: 'individual' as const, groupName: null, size: 1, phone: '09011112222' }, { name: 'つなぐ高校', kind: 'group' as const, groupName: '野球部', size: 5, phone: null }];

describe('dispatch notices', () => {
  test('every member: the site, the work, the equipment, the leader and the rules, a 緊急 button, never the requester', () => {
    const n = dispatchNotices(translator).member(subject());
    for (const lang of translator.languages) {
      const text = n.content[lang]!;
      for (const part of ['N-261124-AB12', 'つなぐ市海岸町1-2-3', '畳の運び出し', 'スコップ×4', '青木 一郎']) expect(text, lang).toContain(part);
      expect(text).not.toContain('佐藤');
      expect(text).not.toContain('0311112222');
    }
    expect(n.content.ja).toContain('土砂・泥出し');
    expect(n.content.actions).toEqual([{ data: 'dt=sos&t=team-1', label: expect.objectContaining({ ja: '緊急' }) }]);
    expect(n.content.location).toEqual({ title: '活動場所 N-261124-AB12', address: 'つなぐ市海岸町1-2-3', latitude: 35.6, longitude: 139.7 });
    expect(n.title).toBe('活動のお知らせ:第3班 N-261124-AB12');
  });

  test('the leader: the members with phones (a group with its size) and the requester\'s contact, a report button first', () => {
    const n = dispatchNotices(translator).leader(subject(), { members, requester });
    expect(n.content.ja).toContain('・青木 一郎(電話:09011112222)');
    expect(n.content.ja).toContain('・つなぐ高校(野球部 5人、電話:なし)');
    expect(n.content.ja).toContain('佐藤 花子(電話:0311112222)');
    expect(n.content.en).toContain('佐藤 花子 (phone: 0311112222)');
    expect(n.content.actions?.map((a) => a.data)).toEqual(['dt=report&t=team-1', 'dt=sos&t=team-1']);
    for (const a of n.content.actions ?? []) for (const label of Object.values(a.label)) expect(label.length).toBeLessThanOrEqual(20);
  });

  test('the day\'s rules: the coordinator\'s words, else the heat level\'s, else the default; no pin, no location', () => {
    const notices = dispatchNotices(translator);
    expect(notices.member(subject({ safetyNote: 'ヘルメット着用', heatLevel: 'danger' })).content.ja).toContain('ヘルメット着用');
    expect(notices.member(subject({ heatLevel: 'danger' })).content.ja).toContain('10分ごとに');
    expect(notices.member(subject({ heatLevel: 'nonsense' })).content.ja).toContain('2人以上で動き');
    const noPin = notices.member(subject({ latitude: null, longitude: null, address: null, equipment: [] }));
    expect(noPin.content.location).toBeUndefined();
    expect(noPin.content.ja).toContain('場所:センターでお伝えします');
    expect(noPin.content.ja).toContain('資機材:なし');
  });
});
